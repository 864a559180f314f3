"""The client's address behind a reverse proxy, taken from ``X-Forwarded-For`` only when the
connection comes from a proxy listed in ``ACCORD_TRUSTED_PROXIES``.

The address goes into evidence (the answer page records it) and into the failed-key limit,
so a header anyone can send must not set it. uvicorn's own handling trusts any loopback
peer by default (``FORWARDED_ALLOW_IPS``); ``accord serve`` turns it off and this middleware
decides instead. With no trusted proxies it is not installed and the peer is the client.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from starlette.types import ASGIApp, Receive, Scope, Send

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(spec: str) -> list[Network]:
    """``"10.0.0.0/8, 127.0.0.1, ::1"`` as networks; ValueError names a bad entry."""
    networks = []
    for item in (part.strip() for part in spec.split(",")):
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            message = f"ACCORD_TRUSTED_PROXIES: {item!r} is not an address or network"
            raise ValueError(message) from None
    return networks


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None


def _trusted(host: str, networks: Iterable[Network]) -> bool:
    address = _address(host)
    return address is not None and any(address in network for network in networks)


def forwarded_client(peer: str, forwarded_for: str, networks: list[Network]) -> str:
    """The client address: ``peer`` unless it is a trusted proxy; then the right-most
    ``X-Forwarded-For`` entry that is not itself a trusted proxy (entries left of it were
    written by whoever sent the request and prove nothing)."""
    if not _trusted(peer, networks):
        return peer
    client = peer
    for entry in reversed([e.strip() for e in forwarded_for.split(",") if e.strip()]):
        if _address(entry) is None:
            break
        client = str(_address(entry))
        if not _trusted(client, networks):
            break
    return client


class TrustedProxies:
    def __init__(self, app: ASGIApp, networks: list[Network]) -> None:
        self.app = app
        self.networks = networks

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket") and scope.get("client"):
            peer, port = scope["client"]
            if _trusted(peer, self.networks):
                headers = dict(scope["headers"])  # the last of a repeated header is enough
                forwarded = b",".join(
                    v for k, v in scope["headers"] if k == b"x-forwarded-for"
                ).decode("latin-1")
                client = forwarded_client(peer, forwarded, self.networks)
                scope = dict(scope, client=(client, port))
                proto = headers.get(b"x-forwarded-proto", b"").decode("latin-1")
                proto = proto.split(",")[-1].strip().lower()
                if proto in ("http", "https"):
                    ws = scope["type"] == "websocket"
                    scope["scheme"] = {"http": "ws", "https": "wss"}[proto] if ws else proto
        await self.app(scope, receive, send)
