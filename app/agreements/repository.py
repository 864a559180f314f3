"""Queries for agreements."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import (
    Row,
    Select,
    and_,
    bindparam,
    exists,
    literal,
    or_,
    select,
    tuple_,
)
from sqlalchemy.orm import Session, aliased, selectinload

from app.db import UTCDateTime
from app.errors import Invalid, NotFound
from app.models import Agreement, AgreementVersion, Counterparty, Event, StoredMessage

_T = TypeVar("_T", bound=tuple[Any, ...])


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


def _apply_filter(stmt: Select[_T], flt: ListFilter) -> Select[_T]:
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
        any_version = aliased(AgreementVersion)  # the list page joins the current one
        stmt = stmt.where(
            or_(
                Agreement.title.ilike(pattern, escape="\\"),
                Agreement.ref == flt.text.strip().upper(),
                Agreement.external_ref == flt.text.strip(),
                exists().where(
                    any_version.agreement_id == Agreement.id,
                    any_version.summary.ilike(pattern, escape="\\"),
                ),
            )
        )
    return stmt


def _after(stmt: Select[_T], cursor: str | None) -> Select[_T]:
    """Keyset pagination on ix_agreements_owner_created: the rows after the cursor's
    (created_at, id), newest first."""
    if cursor:
        created, last_id = decode_cursor(cursor)
        # A row comparison, so both databases seek the index to it (an OR is a filter).
        after = tuple_(literal(created, UTCDateTime), literal(last_id))
        stmt = stmt.where(tuple_(Agreement.created_at, Agreement.id) < after)
    return stmt.order_by(Agreement.created_at.desc(), Agreement.id.desc())


def list_owned(
    session: Session, *, owner_id: str, flt: ListFilter, limit: int, cursor: str | None
) -> tuple[list[Agreement], str | None]:
    """Newest first; the cursor is the last row's (created_at, id), stable under inserts."""
    stmt = _apply_filter(select(Agreement).where(Agreement.owner_id == owner_id), flt)
    stmt = _after(stmt, cursor).limit(limit + 1)
    stmt = stmt.options(
        selectinload(Agreement.counterparties),
        selectinload(Agreement.versions),
    )
    rows = list(session.scalars(stmt))
    if len(rows) <= limit:
        return rows, None
    rows = rows[:limit]
    return rows, encode_cursor(rows[-1].created_at, rows[-1].id)


@dataclass(frozen=True)
class Listed:
    """One agreement of a list page: its columns, its current version's summary and that
    version's counterparties, read as plain rows (no ORM objects)."""

    row: Row[Any]
    counterparties: list[Row[Any]]


_LISTED_COLUMNS = (
    Agreement.id,
    Agreement.ref,
    Agreement.title,
    Agreement.status,
    Agreement.deadline,
    Agreement.created_at,
    Agreement.updated_at,
    Agreement.version,
    Agreement.source,
    Agreement.external_ref,
    Agreement.meta.label("metadata"),
    Agreement.reminder_offsets,
    Agreement.withdrawn_at,
    AgreementVersion.id.label("version_id"),
    AgreementVersion.summary,
)
# The columns are named as the response's fields (views.listed_out).
_PAGE_COUNTERPARTIES = (
    select(
        Counterparty.email,
        Counterparty.name,
        Counterparty.status,
        Counterparty.informational,
        Counterparty.role,
        Counterparty.tz,
        Counterparty.language,
        Counterparty.status_at,
        Counterparty.handoff_at,
        Counterparty.replied_at,
    )
    .where(
        # By agreement (indexed), then keep the current version's.
        Counterparty.agreement_id.in_(bindparam("agreement_ids", expanding=True)),
        Counterparty.version_id.in_(bindparam("version_ids", expanding=True)),
    )
    .add_columns(Counterparty.version_id)
    .order_by(Counterparty.id)
)


_PAGE = (
    select(*_LISTED_COLUMNS)
    .join(
        AgreementVersion,
        and_(
            AgreementVersion.agreement_id == Agreement.id,
            AgreementVersion.number == Agreement.version,
        ),
    )
    .where(Agreement.owner_id == bindparam("owner_id"))
)
# Unfiltered pages, built once (the usual request): first page, and after a cursor.
_PLAIN_PAGES = {
    False: _PAGE.order_by(Agreement.created_at.desc(), Agreement.id.desc()).limit(
        bindparam("limit")
    ),
    True: _PAGE.where(
        tuple_(Agreement.created_at, Agreement.id)
        < tuple_(bindparam("created", type_=UTCDateTime), bindparam("last"))
    )
    .order_by(Agreement.created_at.desc(), Agreement.id.desc())
    .limit(bindparam("limit")),
}


def list_page(
    session: Session, *, owner_id: str, flt: ListFilter, limit: int, cursor: str | None
) -> tuple[list[Listed], str | None]:
    """``list_owned`` for the API: the same page in two statements, selecting only what the
    response shows. The page walks ix_agreements_owner_created backwards from the cursor and
    joins each agreement's current version by its unique (agreement_id, number); the page's
    counterparties come in one statement."""
    params: dict[str, Any] = {"owner_id": owner_id, "limit": limit + 1}
    if flt == ListFilter():
        stmt = _PLAIN_PAGES[bool(cursor)]
        if cursor:
            params["created"], params["last"] = decode_cursor(cursor)
    else:
        stmt = _after(_apply_filter(_PAGE, flt), cursor).limit(limit + 1)
    # Plain Core rows: through the Session, even column selects pass the ORM's loading.
    connection = session.connection()
    rows = connection.execute(stmt, params).all()
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor(rows[-1].created_at, rows[-1].id)
    by_version: dict[int, list[Row[Any]]] = {row.version_id: [] for row in rows}
    if rows:
        ids = {"agreement_ids": [row.id for row in rows], "version_ids": list(by_version)}
        for cp in connection.execute(_PAGE_COUNTERPARTIES, ids).all():
            by_version[cp.version_id].append(cp)
    return [Listed(row, by_version[row.version_id]) for row in rows], next_cursor


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
