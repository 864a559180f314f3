"""API keys seen valid recently, so a request can be refused or admitted before its body is
looked at without a trip to the database.

This cache never authorises work: the transaction that does a request's work checks the key
again (``app.api.auth.authenticate``), so a revoked key or a disabled user is refused
from the next request on, cached or not. What the cache decides is only how early a request
with a known-good key goes on: for up to ``TTL`` seconds after a key is revoked, a request
carrying it can get a validation error (422) instead of the 401 it gets once the key is
looked up. Entries are keyed by the SHA-256 of the presented key, as the database is, so the
process never keeps a key itself. Per process; the event loop is the only user.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from app.core.apikeys import hash_key

TTL = 30.0  # seconds
MAX_KEYS = 10_000


class RecentKeys:
    def __init__(
        self,
        ttl: float = TTL,
        max_keys: int = MAX_KEYS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl = ttl
        self.max_keys = max_keys
        self.clock = clock
        self._until: dict[str, float] = {}  # SHA-256 of the key -> valid-until (monotonic)

    def __contains__(self, secret: str) -> bool:
        digest = hash_key(secret)
        until = self._until.get(digest)
        if until is None:
            return False
        if until <= self.clock():
            del self._until[digest]
            return False
        return True

    def add(self, secret: str) -> None:
        if len(self._until) >= self.max_keys:
            now = self.clock()
            self._until = {d: u for d, u in self._until.items() if u > now}
            if len(self._until) >= self.max_keys:
                self._until.clear()
        self._until[hash_key(secret)] = self.clock() + self.ttl

    def discard(self, secret: str) -> None:
        self._until.pop(hash_key(secret), None)


def recent_keys_of(state: object) -> RecentKeys:
    """The application's cache (``app.state.recent_keys``), created on first use."""
    cache = getattr(state, "recent_keys", None)
    if cache is None:
        cache = RecentKeys()
        state.recent_keys = cache  # type: ignore[attr-defined]
    assert isinstance(cache, RecentKeys)
    return cache
