"""Failed API-key attempts, limited per client address (a token bucket in memory).

Keys carry 160 random bits, so guessing is hopeless anyway; the limit keeps a scanner from
even trying at speed and from filling the logs. Only failures take tokens: a client with a
good key is never slowed down, and a blocked address is refused *before* its key is looked
at, so a 429 reveals nothing about the key. The state is per process; with several API
replicas the effective limit is the sum, which is still far below anything useful.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from starlette.exceptions import HTTPException

FAILED_ATTEMPTS = 20  # per client address ...
PER_SECONDS = 60.0  # ... per minute, refilled continuously
MAX_CLIENTS = 10_000  # forget the oldest buckets beyond this many addresses


class TooManyFailures(HTTPException):
    def __init__(self, retry_after: float) -> None:
        super().__init__(
            429,
            f"too many failed API-key attempts from this address; retry in {retry_after:.0f} s",
            headers={"Retry-After": str(max(1, round(retry_after)))},
        )


class FailedAuthLimiter:
    def __init__(
        self,
        capacity: int = FAILED_ATTEMPTS,
        per_seconds: float = PER_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.capacity = float(capacity)
        self.rate = capacity / per_seconds
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # client -> (tokens, updated)
        self._lock = threading.Lock()

    def _tokens(self, client: str, now: float) -> float:
        tokens, updated = self._buckets.get(client, (self.capacity, now))
        return min(self.capacity, tokens + (now - updated) * self.rate)

    def check(self, client: str) -> None:
        """Raise TooManyFailures while ``client`` has no failed attempts left."""
        with self._lock:
            tokens = self._tokens(client, self.clock())
        if tokens < 1:
            raise TooManyFailures((1 - tokens) / self.rate)

    def failed(self, client: str) -> None:
        with self._lock:
            now = self.clock()
            self._buckets[client] = (self._tokens(client, now) - 1, now)
            if len(self._buckets) > MAX_CLIENTS:
                oldest = min(self._buckets, key=lambda c: self._buckets[c][1])
                del self._buckets[oldest]


_create_lock = threading.Lock()


def limiter_of(state: object) -> FailedAuthLimiter:
    """The application's limiter (``app.state.auth_limiter``), created on first use."""
    limiter = getattr(state, "auth_limiter", None)
    if limiter is None:
        with _create_lock:
            limiter = getattr(state, "auth_limiter", None)
            if limiter is None:
                limiter = FailedAuthLimiter()
                state.auth_limiter = limiter  # type: ignore[attr-defined]
    assert isinstance(limiter, FailedAuthLimiter)
    return limiter
