"""Webhook signatures, and the recipe a receiver follows to check them.

Header ``Accord-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>...]`` where each ``v1`` is
HMAC-SHA256(secret, ``<t>.<raw body>``) for one active secret (two during a rotation).

Receiver recipe: read the raw body bytes; split the header on ","; take ``t`` and every
``v1``; refuse if ``|now - t| > 300``; compute HMAC-SHA256 with your secret over
``t.encode() + b"." + body`` and accept if it equals any ``v1`` (constant-time compare).
``verify`` below is that recipe, usable as-is by Python receivers.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Iterable

TOLERANCE = 300


def signature_header(secrets: Iterable[str], body: bytes, timestamp: int) -> str:
    parts = [f"t={timestamp}"]
    for secret in secrets:
        mac = hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256)
        parts.append(f"v1={mac.hexdigest()}")
    return ",".join(parts)


def verify(secret: str, header: str, body: bytes, *, now: float | None = None) -> bool:
    fields = [p.split("=", 1) for p in header.split(",") if "=" in p]
    stamps = [v for k, v in fields if k.strip() == "t"]
    signatures = [v.strip() for k, v in fields if k.strip() == "v1"]
    if len(stamps) != 1 or not stamps[0].strip().isdigit() or not signatures:
        return False
    timestamp = int(stamps[0])
    if abs((now if now is not None else time.time()) - timestamp) > TOLERANCE:
        return False
    expected = hmac.new(secret.encode(), str(timestamp).encode() + b"." + body, hashlib.sha256)
    return any(hmac.compare_digest(expected.hexdigest(), s) for s in signatures)
