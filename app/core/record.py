"""Changing an agreement's record: its lock, a counterparty's move, the derived status.

Every path that moves a counterparty (a reply, an answer on the page, a delivery result, the
deadline sweep, the owner's resolution) decides with ``plan_move`` and derives the
agreement's status with ``status_of``; paths that hold ORM objects apply the move with
``transition``, set-based paths write the same values with their own statements.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, selectinload

from app.core.events import NewEvent, append_event
from app.core.lifecycle import AgreementStatus, CpStatus, can_move, derive_status
from app.db import utcnow
from app.errors import InvalidTransition, NotFound
from app.models import Agreement, AgreementVersion, Counterparty, StoredMessage


class Party(Protocol):
    """A counterparty as the code that serves both an ORM row and a snapshot of one reads
    it (status derivation, a move, an owner alert)."""

    @property
    def id(self) -> int: ...
    @property
    def email(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def informational(self) -> bool: ...
    @property
    def version_id(self) -> int: ...
    @property
    def summary_message_id(self) -> str | None: ...


class AgreementLike(Protocol):
    """An agreement as the code that serves both an ORM row and a snapshot of one
    (``app.core.snapshot.AgreementSnap``) reads it (a move, a seal, an owner alert)."""

    @property
    def id(self) -> str: ...
    @property
    def ref(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def owner_email(self) -> str: ...
    @property
    def owner_name(self) -> str: ...
    @property
    def withdrawn(self) -> bool: ...
    @property
    def event_count(self) -> int: ...
    @property
    def event_head(self) -> str: ...


def status_of(
    parties: Iterable[Party],
    *,
    current_version_id: int | None,
    withdrawn: bool,
    open_unverified: bool,
) -> AgreementStatus:
    """The agreement's status (SPEC §2) from its current version's deciding counterparties."""
    deciding = [
        CpStatus(p.status)
        for p in parties
        if p.version_id == current_version_id and not p.informational
    ]
    return derive_status(deciding, withdrawn=withdrawn, open_unverified=open_unverified)


@dataclass(frozen=True)
class Move:
    """A counterparty's move and the event that records it."""

    counterparty_id: int
    to: CpStatus
    event: NewEvent


def plan_move(
    agreement: AgreementLike,
    party: Party,
    to: CpStatus,
    *,
    actor: str,
    at: datetime,
    message: tuple[str | None, int | None] = (None, None),
    data: Mapping[str, Any] | None = None,
    event_type: str | None = None,
    current: str | None = None,
) -> Move:
    """The move of one counterparty to ``to`` (from ``current``, by default its status) and
    the event naming ``message`` (Message-ID, row id), or InvalidTransition."""
    if agreement.withdrawn:
        raise InvalidTransition("the agreement was withdrawn")
    state = CpStatus(current or party.status)
    if not can_move(state, to):
        raise InvalidTransition(f"{party.email}: cannot go from {state} to {to}")
    details = {"from": str(state), "to": str(to), **(data or {})}
    event = party_event(
        agreement, party, event_type or str(to), actor=actor, at=at, message=message, data=details
    )
    return Move(party.id, to, event)


def party_event(
    agreement: AgreementLike,
    party: Party,
    type: str,
    *,
    actor: str,
    at: datetime,
    message: tuple[str | None, int | None] = (None, None),
    data: Mapping[str, Any] | None = None,
) -> NewEvent:
    """An event about one counterparty, naming the message (Message-ID, row id) it is
    about, if any."""
    return NewEvent(
        agreement_id=agreement.id,
        type=type,
        actor=actor,
        at=at,
        counterparty=party.email,
        counterparty_id=party.id,
        message_id=message[0],
        message_row_id=message[1],
        data=data,
    )


# --- ORM ------------------------------------------------------------------------------------


def _graph_options() -> list[Any]:
    # What every transition reads next: one query each instead of one per object.
    return [
        selectinload(Agreement.counterparties),
        selectinload(Agreement.versions),
        selectinload(Agreement.owner),
    ]


def _locking(
    agreement_ids: Iterable[str], *, skip_locked: bool = False, owner_id: str | None = None
) -> Any:
    stmt = select(Agreement).where(Agreement.id.in_(sorted(set(agreement_ids))))
    if owner_id is not None:
        stmt = stmt.where(Agreement.owner_id == owner_id)
    return (
        stmt.order_by(Agreement.id)  # two transactions locking overlapping sets cannot deadlock
        .with_for_update(skip_locked=skip_locked)
        .options(*_graph_options())
        .execution_options(populate_existing=True)
    )


def lock_agreements(
    session: Session,
    agreement_ids: Iterable[str],
    *,
    skip_locked: bool = False,
    owner_id: str | None = None,
) -> list[Agreement]:
    """Lock and load agreements (row locks on PostgreSQL; SQLite serialises writers) so their
    chains stay linear; ``skip_locked`` leaves out those another transaction holds.

    Pending changes are flushed first: the rows are read again under the lock."""
    session.flush()
    stmt = _locking(agreement_ids, skip_locked=skip_locked, owner_id=owner_id)
    return list(session.scalars(stmt))


def lock_agreement(
    session: Session, agreement_id: str, *, owner_id: str | None = None
) -> Agreement:
    """The agreement with its lock; with ``owner_id``, only if that user owns it (another
    user's agreement is indistinguishable from none)."""
    found = lock_agreements(session, [agreement_id], owner_id=owner_id)
    if not found:
        raise NotFound("no such agreement")
    return found[0]


def try_lock_agreement(session: Session, agreement_id: str) -> Agreement | None:
    """The agreement with its lock, or None if another worker holds it (or it is gone)."""
    found = lock_agreements(session, [agreement_id], skip_locked=True)
    return found[0] if found else None


def current_version(agreement: Agreement) -> AgreementVersion:
    return next(v for v in agreement.versions if v.number == agreement.version)


def active_counterparties(agreement: Agreement) -> list[Counterparty]:
    """The current version's counterparties."""
    current = current_version(agreement).id
    return [c for c in agreement.counterparties if c.version_id == current]


def find_counterparty(agreement: Agreement, email: str) -> Counterparty:
    """The current version's counterparty with this address, or NotFound."""
    for cp in active_counterparties(agreement):
        if cp.email == email.strip().lower():
            return cp
    raise NotFound(f"{email} is not a counterparty of this agreement")


def has_open_unverified(session: Session, agreement_id: str) -> bool:
    """Whether a message of the agreement awaits the owner's review."""
    return bool(
        session.scalar(
            select(
                exists().where(
                    StoredMessage.agreement_id == agreement_id,
                    StoredMessage.status == "unverified",
                )
            )
        )
    )


def refresh_status(session: Session, agreement: Agreement) -> AgreementStatus:
    status = status_of(
        agreement.counterparties,
        current_version_id=current_version(agreement).id,
        withdrawn=agreement.withdrawn_at is not None,
        open_unverified=has_open_unverified(session, agreement.id),
    )
    agreement.status = status
    return status


def transition(
    session: Session,
    *,
    counterparty: Counterparty,
    to: CpStatus,
    actor: str,
    at: datetime | None = None,
    message: StoredMessage | None = None,
    data: Mapping[str, Any] | None = None,
    event_type: str | None = None,
) -> None:
    """Move one loaded counterparty to ``to``, record the event, refresh the status."""
    agreement = counterparty.agreement
    at = at or utcnow()
    move = plan_move(
        agreement, counterparty, to, actor=actor, at=at, data=data, event_type=event_type
    )
    counterparty.status = move.to
    counterparty.status_at = at
    event = move.event
    append_event(
        session,
        agreement=agreement,
        type=event.type,
        actor=event.actor,
        counterparty=counterparty,
        message=message,
        data=event.data,
        at=at,
    )
    refresh_status(session, agreement)
