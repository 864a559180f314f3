"""Queries for agreements."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, and_, exists, or_, select
from sqlalchemy.orm import Session, selectinload

from app.errors import Invalid, NotFound
from app.models import Agreement, AgreementVersion, Counterparty, Event, StoredMessage


@dataclass(frozen=True)
class ListFilter:
    status: list[str] | None = None
    counterparty: str | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None
    deadline_from: datetime | None = None
    deadline_to: datetime | None = None
    text: str | None = None


def get_owned(session: Session, *, owner_id: str, agreement_id: str) -> Agreement:
    """The agreement if ``owner_id`` owns it; another user's id is indistinguishable from none."""
    agreement = session.scalar(
        select(Agreement)
        .where(Agreement.id == agreement_id, Agreement.owner_id == owner_id)
        .options(selectinload(Agreement.counterparties), selectinload(Agreement.versions))
    )
    if agreement is None:
        raise NotFound("no such agreement")
    return agreement


def encode_cursor(created_at: datetime, agreement_id: str) -> str:
    raw = json.dumps([created_at.isoformat(), agreement_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, str]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        created, agreement_id = json.loads(base64.urlsafe_b64decode(padded))
        return datetime.fromisoformat(created), str(agreement_id)
    except (ValueError, TypeError, binascii.Error) as exc:
        raise Invalid("invalid cursor") from exc


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _apply_filter(stmt: Select[tuple[Agreement]], flt: ListFilter) -> Select[tuple[Agreement]]:
    if flt.status:
        stmt = stmt.where(Agreement.status.in_(flt.status))
    if flt.counterparty:
        stmt = stmt.where(
            exists().where(
                Counterparty.agreement_id == Agreement.id,
                Counterparty.email == flt.counterparty.strip().lower(),
            )
        )
    if flt.created_from:
        stmt = stmt.where(Agreement.created_at >= flt.created_from)
    if flt.created_to:
        stmt = stmt.where(Agreement.created_at < flt.created_to)
    if flt.deadline_from:
        stmt = stmt.where(Agreement.deadline >= flt.deadline_from)
    if flt.deadline_to:
        stmt = stmt.where(Agreement.deadline < flt.deadline_to)
    if flt.text:
        pattern = f"%{_escape_like(flt.text.strip())}%"
        stmt = stmt.where(
            or_(
                Agreement.title.ilike(pattern, escape="\\"),
                Agreement.ref == flt.text.strip().upper(),
                Agreement.external_ref == flt.text.strip(),
                exists().where(
                    AgreementVersion.agreement_id == Agreement.id,
                    AgreementVersion.summary.ilike(pattern, escape="\\"),
                ),
            )
        )
    return stmt


def list_owned(
    session: Session, *, owner_id: str, flt: ListFilter, limit: int, cursor: str | None
) -> tuple[list[Agreement], str | None]:
    """Newest first; the cursor is the last row's (created_at, id), stable under inserts."""
    stmt = select(Agreement).where(Agreement.owner_id == owner_id)
    stmt = _apply_filter(stmt, flt)
    if cursor:
        created, last_id = decode_cursor(cursor)
        stmt = stmt.where(
            or_(
                Agreement.created_at < created,
                and_(Agreement.created_at == created, Agreement.id < last_id),
            )
        )
    stmt = stmt.order_by(Agreement.created_at.desc(), Agreement.id.desc()).limit(limit + 1)
    stmt = stmt.options(
        selectinload(Agreement.counterparties),
        selectinload(Agreement.versions),
    )
    rows = list(session.scalars(stmt))
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    return rows, encode_cursor(rows[-1].created_at, rows[-1].id)


def events_of(session: Session, agreement_id: str) -> list[Event]:
    stmt = select(Event).where(Event.agreement_id == agreement_id).order_by(Event.seq)
    return list(session.scalars(stmt))


def messages_of(session: Session, agreement_id: str) -> list[StoredMessage]:
    stmt = (
        select(StoredMessage)
        .where(StoredMessage.agreement_id == agreement_id)
        .order_by(StoredMessage.id)
    )
    return list(session.scalars(stmt))
