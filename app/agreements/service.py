"""Agreement rules: creation, counterparty transitions, withdrawal, derived status.

Functions take the caller's session and never commit: the API request, the job item or the
CLI command that opened the transaction commits it (STYLE: one transaction per unit of work).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session, SessionTransaction, selectinload

from app.agreements import deadlines, repository
from app.agreements.lifecycle import AgreementStatus, CpStatus, can_move, derive_status
from app.agreements.repository import NewEvent
from app.agreements.schemas import AgreementCreate, CounterpartyIn
from app.db import new_id, transaction_memo, utcnow
from app.errors import Invalid, InvalidTransition, NotFound
from app.evidence.chain import GENESIS, format_time
from app.evidence.log import SYSTEM, append_event
from app.inserts import attach, insert_rows
from app.models import Agreement, AgreementVersion, Counterparty, OutboxEntry, StoredMessage, User
from mail.ids import new_ref, new_token

DEFAULT_REMINDERS = [24 * 60]


@dataclass(frozen=True)
class NewAgreement:
    title: str
    summary: str
    counterparties: list[CounterpartyIn]
    cc: list[CounterpartyIn]
    deadline: datetime
    respond_within: str | None
    reminder_offsets: list[int]
    notify_counterparty_on_deemed: bool = False
    away_extension_days: int | None = None
    external_ref: str | None = None
    metadata: dict[str, Any] | None = None
    source: str = "api"


def resolve_deadline(
    owner: User, *, deadline: datetime | None, respond_within: str | None, now: datetime
) -> datetime:
    """The UTC deadline from an explicit instant or a spec (the owner's default if neither)."""
    if deadline is not None:
        return deadlines.check_future(deadline, now=now)
    spec = respond_within or owner.default_respond_within
    result = deadlines.resolve(
        spec,
        now=now,
        tz=deadlines.zone(owner.timezone),
        end_of_day=deadlines.parse_clock(owner.business_day_end),
    )
    return deadlines.check_future(result, now=now)


def plan_from_request(owner: User, data: AgreementCreate, *, now: datetime) -> NewAgreement:
    reminders = (
        DEFAULT_REMINDERS
        if data.reminders is None
        else sorted({deadlines.parse_offset(r) for r in data.reminders}, reverse=True)
    )
    return NewAgreement(
        title=data.title.strip(),
        summary=data.summary,
        counterparties=data.counterparties,
        cc=data.cc,
        deadline=resolve_deadline(
            owner, deadline=data.deadline, respond_within=data.respond_within, now=now
        ),
        respond_within=data.respond_within,
        reminder_offsets=reminders,
        notify_counterparty_on_deemed=data.notify_counterparty_on_deemed,
        away_extension_days=data.away_extension_days,
        external_ref=data.external_ref,
        metadata=data.metadata,
    )


_REF_TAKEN = select(Agreement.id).where(Agreement.ref == bindparam("ref"))


def _unique_ref(session: Session) -> str:
    # A Core statement built once: the ORM's per-query setup costs more than this lookup.
    connection = session.connection()
    while True:
        ref = new_ref()
        if connection.execute(_REF_TAKEN, {"ref": ref}).first() is None:
            return ref


def create_agreement(
    session: Session, *, owner: User, plan: NewAgreement, now: datetime | None = None
) -> Agreement:
    """Create the agreement, its first version and counterparties, and the events.

    The rows are written with one INSERT per table (``app.inserts``) and the objects come back
    attached to the session, loaded: a flush of the same dozen objects costs several times the
    SQL.
    """
    now = now or utcnow()
    check_plan(plan)
    rows = new_rows(owner=owner, plan=plan, ref=_unique_ref(session), now=now)
    agreement = Agreement(**rows.agreement)
    version = AgreementVersion(**rows.version)
    agreement.versions.append(version)
    for values in rows.counterparties:
        agreement.counterparties.append(Counterparty(**values, version=version))
    created = NewEvent("created", owner.email, rows.created)
    events, head = repository.chain_events(agreement, [created], at=now)
    for name, value in head.items():
        setattr(agreement, name, value)
    insert_rows(session, [agreement])
    insert_rows(session, [version])
    for cp in agreement.counterparties:
        cp.version_id = version.id
    insert_rows(session, agreement.counterparties)
    attach(session, [agreement, version, *agreement.counterparties])
    repository.insert_events(session, events)
    return agreement


def check_plan(plan: NewAgreement) -> None:
    if not any(not c.informational for c in plan.counterparties + plan.cc):
        raise Invalid("at least one counterparty must not be informational")


@dataclass(frozen=True)
class NewRows:
    """A new agreement as the values of its rows, by attribute name, before they are
    written: the agreement, its first version and its counterparties (integer keys and
    ``version_id`` not set), and the data of its "created" event."""

    agreement: dict[str, Any]
    version: dict[str, Any]
    counterparties: list[dict[str, Any]]
    created: dict[str, Any]


def new_rows(*, owner: User, plan: NewAgreement, ref: str, now: datetime) -> NewRows:
    """How a plan becomes rows; ``create_agreement`` and
    ``app.outbound.service.create_and_queue`` both write these."""
    agreement_id = new_id()
    agreement = {
        "id": agreement_id,
        "ref": ref,
        "owner_id": owner.id,
        "title": plan.title,
        "deadline": plan.deadline,
        "source": plan.source,
        "external_ref": plan.external_ref,
        "meta": plan.metadata or {},
        "reminder_offsets": plan.reminder_offsets,
        "notify_counterparty_on_deemed": plan.notify_counterparty_on_deemed,
        "away_extension_days": plan.away_extension_days,
        "created_at": now,
        "updated_at": now,
        "status": AgreementStatus.QUEUED,
        "version": 1,
        "event_count": 0,
        "event_head": GENESIS,
    }
    version = {
        "agreement_id": agreement_id,
        "number": 1,
        "title": plan.title,
        "summary": plan.summary,
        "respond_within": plan.respond_within,
        "deadline": plan.deadline,
        "created_at": now,
    }
    parties = [(c, "to") for c in plan.counterparties] + [(c, "cc") for c in plan.cc]
    counterparties = [
        {
            "agreement_id": agreement_id,
            "email": party.email.lower(),
            "name": party.name,
            "role": role,
            "informational": party.informational,
            "token": new_token(),
            "status": CpStatus.PENDING,
            "status_at": now,
            "deadline": plan.deadline,
        }
        for party, role in parties
    ]
    created = {
        "version": 1,
        "title": plan.title,
        "summary_sha256": _sha256(plan.summary),
        "deadline": format_time(plan.deadline),
        "counterparties": [
            {"email": c["email"], "role": c["role"], "informational": c["informational"]}
            for c in counterparties
        ],
        "source": plan.source,
    }
    return NewRows(agreement, version, counterparties, created)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_LOCKED = "accord.locked_agreements"


def _graph_options() -> list[Any]:
    # What every transition reads next: one query each instead of one per object.
    return [
        selectinload(Agreement.counterparties),
        selectinload(Agreement.versions),
        selectinload(Agreement.owner),
    ]


def lock_agreement(session: Session, agreement_id: str) -> Agreement:
    """Load an agreement holding its row lock (PostgreSQL) so its event chain stays linear.

    The first call in a transaction locks and reloads the row; later calls for the same
    agreement in that transaction return the object already held, since nobody else can have
    changed it while we hold the lock.
    """
    held = held_agreement(session, agreement_id)
    if held is not None:
        return held
    found = session.get(
        Agreement,
        agreement_id,
        with_for_update=True,
        populate_existing=True,
        options=_graph_options(),
    )
    if found is None:
        raise NotFound("no such agreement")
    locked = transaction_memo(session, _LOCKED)
    # The memo also keeps the object (and the graph it loaded) alive for the transaction:
    # the session's identity map holds only weak references.
    locked[agreement_id] = (_innermost(session), found)
    return found


def lock_agreements(
    session: Session, agreement_ids: set[str], *, skip_locked: bool = False
) -> list[Agreement]:
    """Lock and load several agreements in one statement, in id order (so two transactions
    locking overlapping sets cannot deadlock), for a batch that will touch them all.
    ``skip_locked`` leaves out (and does not wait for) those another transaction holds."""
    if not agreement_ids:
        return []
    stmt = (
        select(Agreement)
        .where(Agreement.id.in_(sorted(agreement_ids)))
        .order_by(Agreement.id)
        .with_for_update(skip_locked=skip_locked)
        .options(*_graph_options())
        .execution_options(populate_existing=True)
    )
    found = list(session.scalars(stmt))
    locked = transaction_memo(session, _LOCKED)
    for agreement in found:
        locked[agreement.id] = (_innermost(session), agreement)
    return found


def held_agreement(session: Session, agreement_id: str) -> Agreement | None:
    """The agreement if this transaction already holds its lock, else None (no query)."""
    held = transaction_memo(session, _LOCKED).get(agreement_id)
    if held is not None and _still_held(session, held[0]):
        agreement: Agreement = held[1]
        return agreement
    return None


def _innermost(session: Session) -> SessionTransaction | None:
    return session.get_nested_transaction() or session.get_transaction()


def _still_held(session: Session, taken_in: SessionTransaction | None) -> bool:
    """A lock lasts while the (sub)transaction that took it does: rolling back a savepoint
    releases the row locks taken inside it (PostgreSQL), so only a lock taken in the current
    transaction or one of its enclosing ones still counts."""
    current = _innermost(session)
    while current is not None:
        if current is taken_in:
            return True
        current = current.parent
    return False


def active_counterparties(agreement: Agreement) -> list[Counterparty]:
    """The current version's counterparties (by version id: no per-counterparty load)."""
    current = next(v.id for v in agreement.versions if v.number == agreement.version)
    return [c for c in agreement.counterparties if c.version_id == current]


def find_counterparty(agreement: Agreement, email: str) -> Counterparty:
    """The current version's counterparty with this address, or NotFound."""
    for cp in active_counterparties(agreement):
        if cp.email == email.strip().lower():
            return cp
    raise NotFound(f"{email} is not a counterparty of this agreement")


_OPEN_UNVERIFIED = "accord.open_unverified"


def open_unverified_count(session: Session, agreement: Agreement) -> int:
    known = transaction_memo(session, _OPEN_UNVERIFIED)
    if agreement.id in known:
        count: int = known[agreement.id]
        return count
    stmt = select(func.count(StoredMessage.id)).where(
        StoredMessage.agreement_id == agreement.id, StoredMessage.status == "unverified"
    )
    return int(session.scalar(stmt) or 0)


def count_open_unverified(session: Session, agreement_ids: set[str]) -> None:
    """Count the open unverified messages of locked agreements in one query, for a batch
    whose only changes to them go through ``note_unverified`` (see the inbound pipeline);
    ``forget_open_unverified`` drops the counts when that no longer holds."""
    if not agreement_ids:
        return
    rows = session.execute(
        select(StoredMessage.agreement_id, func.count(StoredMessage.id))
        .where(
            StoredMessage.agreement_id.in_(agreement_ids),
            StoredMessage.status == "unverified",
        )
        .group_by(StoredMessage.agreement_id)
    )
    counts = dict.fromkeys(agreement_ids, 0) | {a: int(n) for a, n in rows if a is not None}
    transaction_memo(session, _OPEN_UNVERIFIED).update(counts)


def note_unverified(session: Session, agreement_id: str) -> None:
    known = transaction_memo(session, _OPEN_UNVERIFIED)
    if agreement_id in known:
        known[agreement_id] += 1


def forget_open_unverified(session: Session) -> None:
    transaction_memo(session, _OPEN_UNVERIFIED).clear()


def refresh_status(session: Session, agreement: Agreement) -> AgreementStatus:
    current = active_counterparties(agreement)
    deciding = [CpStatus(c.status) for c in current if not c.informational]
    status = derive_status(
        deciding,
        withdrawn=agreement.withdrawn_at is not None,
        open_unverified=open_unverified_count(session, agreement) > 0,
    )
    agreement.status = status
    return status


def transition(
    session: Session,
    *,
    counterparty: Counterparty,
    to: CpStatus,
    actor: str,
    message: StoredMessage | None = None,
    data: dict[str, Any] | None = None,
    at: datetime | None = None,
    event_type: str | None = None,
) -> None:
    """Move one counterparty to ``to``, write the event, and refresh the agreement status."""
    agreement = counterparty.agreement
    if agreement.withdrawn_at is not None:
        raise InvalidTransition("the agreement was withdrawn")
    current = CpStatus(counterparty.status)
    if not can_move(current, to):
        raise InvalidTransition(f"{counterparty.email}: cannot go from {current} to {to}")
    at = at or utcnow()
    counterparty.status = to
    counterparty.status_at = at
    append_event(
        session,
        agreement=agreement,
        type=event_type or str(to),
        actor=actor,
        counterparty=counterparty,
        message=message,
        data={"from": str(current), "to": str(to), **(data or {})},
        at=at,
    )
    refresh_status(session, agreement)


def cancel_queued_mail(session: Session, *, agreement: Agreement) -> int:
    """Stop the agreement's summaries and reminders that are still queued (what was already
    handed off stays sent)."""
    result = session.execute(
        update(OutboxEntry)
        .where(
            OutboxEntry.agreement_id == agreement.id,
            OutboxEntry.status == "pending",
            OutboxEntry.kind.in_(["summary", "reminder"]),
        )
        .values(status="cancelled")
    )
    return int(getattr(result, "rowcount", 0) or 0)


def withdraw(
    session: Session,
    *,
    agreement: Agreement,
    actor: str,
    reason: str = "",
    at: datetime | None = None,
) -> Agreement:
    if agreement.withdrawn_at is not None:
        raise InvalidTransition("the agreement is already withdrawn")
    at = at or utcnow()
    agreement.withdrawn_at = at
    append_event(
        session, agreement=agreement, type="withdrawn", actor=actor, data={"reason": reason}, at=at
    )
    # Withdrawn means nothing more goes out for it: no queued summary, no reminder.
    cancel_queued_mail(session, agreement=agreement)
    refresh_status(session, agreement)
    return agreement


__all__ = [
    "SYSTEM",
    "NewAgreement",
    "create_agreement",
    "lock_agreement",
    "lock_agreements",
    "plan_from_request",
    "refresh_status",
    "transition",
    "withdraw",
]
