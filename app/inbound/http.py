"""Inbound HTTP: authenticating a pushed raw message (HMAC over timestamp and body)."""

from __future__ import annotations

import hashlib
import hmac
import re
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.errors import Conflict, Unauthorized
from app.models import InboundNonce

WINDOW = timedelta(minutes=5)
# Unix seconds (12 digits reach the year 33658; more is no timestamp) and v1 signatures, a few
# (a sender rotating its secret may send two).
_STAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"v1=[0-9a-f]{64}")
MAX_SIGNATURES = 4


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """``v1=<hex>``: HMAC-SHA256 of ``<timestamp>.`` followed by the raw body."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "v1=" + mac.hexdigest()


def check_headers(*, timestamp: str | None, signature: str | None, now: datetime) -> list[str]:
    """The signatures offered, if the headers are present, well-formed and fresh.

    Checked before a byte of the body is read, so a request that can never pass costs no
    upload: only a fresh, well-formed one is read (up to the limit) to check its HMAC."""
    if not timestamp or not signature:
        raise Unauthorized("missing X-Accord-Timestamp or X-Accord-Signature")
    if not _STAMP.fullmatch(timestamp):
        raise Unauthorized("X-Accord-Timestamp must be Unix seconds")
    sent_at = datetime.fromtimestamp(int(timestamp), tz=now.tzinfo)
    if abs(now - sent_at) > WINDOW:
        raise Unauthorized("stale request: the timestamp is more than 5 minutes off")
    offered = [s.strip() for s in signature.split(",")]
    if len(offered) > MAX_SIGNATURES or not all(_SIGNATURE.fullmatch(s) for s in offered):
        raise Unauthorized("X-Accord-Signature must be v1=<64 lowercase hex digits>")
    return offered


def verify(
    session: Session,
    *,
    secret: str,
    timestamp: str | None,
    signature: str | None,
    body: bytes,
    now: datetime,
) -> None:
    """Refuse unsigned, wrongly signed, stale and replayed requests."""
    offered = check_headers(timestamp=timestamp, signature=signature, now=now)
    assert timestamp is not None
    expected = sign(secret, timestamp, body)
    if not any(hmac.compare_digest(expected, s) for s in offered):
        raise Unauthorized("bad signature")
    session.execute(delete(InboundNonce).where(InboundNonce.seen_at < now - 2 * WINDOW))
    try:
        with session.begin_nested():
            session.add(InboundNonce(signature=expected[3:], seen_at=now))
    except IntegrityError as exc:
        raise Conflict("replayed request: this signature was used already") from exc
