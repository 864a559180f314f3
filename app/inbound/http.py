"""Inbound HTTP: authenticating a pushed raw message (HMAC over timestamp and body)."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.errors import Conflict, Unauthorized
from app.models import InboundNonce

WINDOW = timedelta(minutes=5)


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """``v1=<hex>``: HMAC-SHA256 of ``<timestamp>.`` followed by the raw body."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "v1=" + mac.hexdigest()


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
    if not timestamp or not signature:
        raise Unauthorized("missing X-Accord-Timestamp or X-Accord-Signature")
    try:
        sent_at = datetime.fromtimestamp(int(timestamp), tz=now.tzinfo)
    except (ValueError, OverflowError, OSError) as exc:
        raise Unauthorized("X-Accord-Timestamp must be Unix seconds") from exc
    if abs(now - sent_at) > WINDOW:
        raise Unauthorized("stale request: the timestamp is more than 5 minutes off")
    expected = sign(secret, timestamp, body)
    if not any(hmac.compare_digest(expected, s.strip()) for s in signature.split(",")):
        raise Unauthorized("bad signature")
    session.execute(delete(InboundNonce).where(InboundNonce.seen_at < now - 2 * WINDOW))
    try:
        with session.begin_nested():
            session.add(InboundNonce(signature=expected[3:], seen_at=now))
    except IntegrityError as exc:
        raise Conflict("replayed request: this signature was used already") from exc
