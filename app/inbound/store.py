"""Storing inbound mail: the raw bytes first, deduplicated, before anything else happens."""

from __future__ import annotations

import hashlib
from datetime import datetime
from email.parser import BytesHeaderParser
from email.policy import compat32

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import utcnow
from app.models import StoredMessage
from mail.parse_headers import decode_header


def header_facts(raw: bytes) -> tuple[str | None, str | None, str | None]:
    """Message-ID, From and Subject from the header block only (cheap; never raises)."""
    try:
        head = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0][:256_000]
        headers = BytesHeaderParser(policy=compat32).parsebytes(head)
        message_id = (headers.get("Message-ID") or "").strip()[:998] or None
        sender = decode_header(headers.get("From") or "")[:320] or None
        subject = decode_header(headers.get("Subject") or "")[:2000] or None
    except Exception:
        return None, None, None
    return message_id, sender, subject


def is_duplicate(session: Session, *, message_id: str | None, sha256: str) -> bool:
    """The same bytes under the same Message-ID were stored before (rescan, redelivery)."""
    stmt = select(StoredMessage.id).where(
        StoredMessage.direction == "in", StoredMessage.sha256 == sha256
    )
    if message_id:
        stmt = stmt.where(StoredMessage.message_id == message_id)
    return session.scalar(stmt.limit(1)) is not None


def store_raw(
    session: Session,
    *,
    raw: bytes,
    source: str,
    mailbox: str | None = None,
    uidvalidity: int | None = None,
    uid: int | None = None,
    internaldate: datetime | None = None,
    details: dict[str, object] | None = None,
) -> StoredMessage | None:
    """Store ``raw`` byte for byte as ``received``; None if it is a duplicate."""
    digest = hashlib.sha256(raw).hexdigest()
    message_id, sender, subject = header_facts(raw)
    if mailbox is not None and uid is not None:
        seen = session.scalar(
            select(StoredMessage.id).where(
                StoredMessage.mailbox == mailbox,
                StoredMessage.uidvalidity == uidvalidity,
                StoredMessage.uid == uid,
            )
        )
        if seen is not None:
            return None
    if is_duplicate(session, message_id=message_id, sha256=digest):
        return None
    row = StoredMessage(
        direction="in",
        source=source,
        mailbox=mailbox,
        uidvalidity=uidvalidity,
        uid=uid,
        internaldate=internaldate,
        received_at=utcnow(),
        message_id=message_id,
        sha256=digest,
        size=len(raw),
        raw=raw,
        from_addr=sender,
        subject=subject,
        status="received",
        details=dict(details or {}),
    )
    session.add(row)
    session.flush()
    return row
