"""Storing inbound mail: the raw bytes first, deduplicated, before anything else happens."""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from datetime import datetime
from email.parser import BytesHeaderParser
from email.policy import compat32
from typing import Any

from sqlalchemy import Connection, bindparam, select
from sqlalchemy.orm import Session

from app import bulk
from app.db import utcnow
from app.inbound.decide import ANSWER_EVENTS, History
from app.models import StoredMessage
from app.models.tables import events_table, messages_table
from mail.parse_headers import decode_header
from mail.redact import copy_digest


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
    """The same bytes under the same Message-ID were stored before (rescan, redelivery).
    Other bytes under a known Message-ID are stored: what the message does is decided with
    the chain at hand (``read_history``), and its bytes stay in the evidence either way."""
    stmt = select(StoredMessage.id).where(
        StoredMessage.direction == "in", StoredMessage.sha256 == sha256
    )
    if message_id:
        stmt = stmt.where(StoredMessage.message_id == message_id)
    return session.scalar(stmt.limit(1)) is not None


def known_uids(session: Session, *, mailbox: str, uidvalidity: int, uids: list[int]) -> set[int]:
    """The UIDs of this batch already stored (one query for the whole batch)."""
    stmt = select(StoredMessage.uid).where(
        StoredMessage.mailbox == mailbox,
        StoredMessage.uidvalidity == uidvalidity,
        StoredMessage.uid.in_(uids),
    )
    return {uid for uid in session.scalars(stmt) if uid is not None}


def known_contents(session: Session, digests: list[str]) -> set[tuple[str | None, str]]:
    """(Message-ID, SHA-256) pairs of inbound messages already stored with these digests."""
    stmt = select(StoredMessage.message_id, StoredMessage.sha256).where(
        StoredMessage.direction == "in", StoredMessage.sha256.in_(digests)
    )
    return {(row[0], row[1]) for row in session.execute(stmt)}


_HISTORY = (
    select(
        events_table.c.type,
        events_table.c.at,
        events_table.c.counterparty_id,
        events_table.c.message_id,
        events_table.c.message_row_id,
        events_table.c.data,
    )
    .where(
        events_table.c.agreement_id.in_(bindparam("agreements", expanding=True)),
        events_table.c.counterparty_id.is_not(None),
        events_table.c.type.in_(sorted(ANSWER_EVENTS))
        | events_table.c.message_id.in_(bindparam("ids", expanding=True)),
    )
    .order_by(events_table.c.agreement_id, events_table.c.seq)
)


def read_history(
    connection: Connection, agreement_ids: Collection[str], message_ids: Collection[str | None]
) -> History:
    """What the chains of ``agreement_ids`` hold of their counterparties' answers, and of
    the messages ``message_ids`` (one statement; the caller holds the agreements' locks)."""
    found = History()
    if not agreement_ids:
        return found
    params = {
        "agreements": sorted(set(agreement_ids)),
        "ids": sorted({i for i in message_ids if i}) or [""],
    }
    for event in connection.execute(_HISTORY, params):
        found.note(event)
    return found


def store_raw(session: Session, **fields: Any) -> StoredMessage | None:
    """Store a message byte for byte as ``received`` (``fields`` as for ``received_row``);
    None if the same mailbox UID, or the same bytes under the same Message-ID, are stored
    already. For single messages (HTTP, a connected mailbox); the poller stores its
    batches with ``store_many``."""
    values = received_row(**fields)
    if values["uid"] is not None:
        seen = session.scalar(
            select(StoredMessage.id).where(
                StoredMessage.mailbox == values["mailbox"],
                StoredMessage.uidvalidity == values["uidvalidity"],
                StoredMessage.uid == values["uid"],
            )
        )
        if seen is not None:
            return None
    if is_duplicate(session, message_id=values["message_id"], sha256=values["sha256"]):
        return None
    row = StoredMessage(**values)
    session.add(row)
    session.flush()  # the caller wants the row's id at once
    return row


def received_row(
    *,
    raw: bytes,
    source: str,
    mailbox: str | None = None,
    uidvalidity: int | None = None,
    uid: int | None = None,
    internaldate: datetime | None = None,
    details: dict[str, object] | None = None,
    sha256: str | None = None,
    copy_sha256: str | None = None,
    facts: tuple[str | None, str | None, str | None] | None = None,
) -> dict[str, Any]:
    """The columns of a newly received message's row (see ``store_raw``)."""
    message_id, sender, subject = facts or header_facts(raw)
    return {
        "direction": "in",
        "source": source,
        "mailbox": mailbox,
        "uidvalidity": uidvalidity,
        "uid": uid,
        "internaldate": internaldate,
        "received_at": utcnow(),
        "message_id": message_id,
        "sha256": sha256 or hashlib.sha256(raw).hexdigest(),
        "copy_sha256": copy_sha256 or copy_digest(raw),
        "size": len(raw),
        "raw": raw,
        "from_addr": sender,
        "subject": subject,
        "status": "received",
        "details": dict(details or {}),
    }


def store_many(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    """Insert rows made by ``received_row`` of one mailbox (already checked for
    duplicates) with one statement; their ids, in order. No ORM objects: the poller hands
    them straight on."""
    if len({row["uid"] for row in rows}) != len(rows) or any(r["uid"] is None for r in rows):
        raise ValueError("store_many takes fetched messages, each with its own UID")
    ids = dict(
        (uid, row_id)
        for row_id, uid in bulk.insert(
            session.connection(), messages_table, rows, returning=("id", "uid")
        )
    )
    return [ids[row["uid"]] for row in rows]
