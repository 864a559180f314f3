"""An HTTP transport that connects to one address checked beforehand (DNS rebinding).

httpx would resolve the URL's host again when it connects; a resolver that answered a public
address to the check can answer 127.0.0.1 then. This transport's network backend ignores the
host it is asked for and dials the pinned address; the URL is unchanged, so the Host header,
TLS SNI and certificate check still use the host name.
"""

from __future__ import annotations

from collections.abc import Iterable

import httpcore
import httpx


class _PinnedBackend(httpcore.NetworkBackend):
    def __init__(self, address: str) -> None:
        self._address = address
        self._backend = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        return self._backend.connect_tcp(
            self._address, port, timeout, local_address, socket_options
        )

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("a pinned transport connects to its address only")

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def pinned_transport(address: str) -> httpx.HTTPTransport:
    """A transport whose every connection goes to ``address``; no proxy from the environment
    (a proxy would resolve the host itself)."""
    transport = httpx.HTTPTransport(trust_env=False)
    # httpx offers no public way to pass a network backend; its pool is replaced by one built
    # the same way (default TLS context, HTTP/1.1) around the pinned backend.
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(trust_env=False),
        network_backend=_PinnedBackend(address),
    )
    return transport
