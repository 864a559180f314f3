"""Where Accord may open a connection on a user's behalf: webhook URLs and connected mailboxes.

One policy for both (SSRF): a host is resolved once, every address it resolves to must be public
(unless the operator allows private targets), and the connection is then made to the address
that was checked, so a resolver cannot answer a public address to the check and a private one
to the connect (DNS rebinding).

"Public" is stricter than ``ipaddress``'s ``is_global``, which says yes to forms that reach
private space: IPv4-compatible (``::127.0.0.1``), NAT64 (``64:ff9b::/96`` embeds an IPv4
address; ``64:ff9b:1::/48`` is local use), 6to4 (``2002::/16``), deprecated site-local
(``fec0::/10``) and multicast. An embedded IPv4 address is judged as itself.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import Callable

from app.errors import Invalid

log = logging.getLogger("accord.destinations")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
# host, port -> the addresses to connect to, in the resolver's order.
Resolver = Callable[[str, int], list[str]]

_V4_COMPATIBLE = ipaddress.ip_network("::/96")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
_SITE_LOCAL = ipaddress.ip_network("fec0::/10")


def is_public_address(address: IPAddress) -> bool:
    """True when ``address`` reaches only the public internet, whatever form it is written in."""
    if address.is_multicast:
        return False
    if isinstance(address, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            return is_public_address(embedded)
        if address in _V4_COMPATIBLE or address in _NAT64_LOCAL or address in _SITE_LOCAL:
            return False
    return address.is_global


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def system_resolver(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def pin_address(
    host: str, port: int, *, allow_private: bool, resolve: Resolver = system_resolver
) -> str:
    """Resolve ``host`` once and return the address to connect to; refuse private targets.

    Every address of the answer must pass, not just the first: a client given several may
    try the next when one fails. The messages name no address (they would tell a user what
    internal names resolve to); the log has it for the operator.
    """
    try:
        found = [ipaddress.ip_address(a) for a in resolve(host, port)]
    except (OSError, UnicodeError, ValueError) as exc:
        raise Invalid(f"cannot resolve {host}") from exc
    if not found:
        raise Invalid(f"cannot resolve {host}")
    if not allow_private:
        for address in found:
            if not is_public_address(address):
                log.warning("refused %s: it resolves to the non-public address %s", host, address)
                raise Invalid(f"{host} resolves to a non-public address")
    return str(found[0])
