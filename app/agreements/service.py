"""Agreement rules: creation (the one way in for the API, the dashboard and BCC capture),
withdrawal, and the owner's deadline extension. Moving a counterparty and deriving the
agreement's status are ``app.core.record``'s.

Functions take the caller's session and never commit: the API request, the job item or the
CLI command that opened the transaction commits it (STYLE: one transaction per unit of work).
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from app import bulk
from app.agreements.schemas import AgreementCreate, CounterpartyIn
from app.commitments.terms import Terms, plan_terms, write_terms
from app.config import Settings
from app.core import deadlines
from app.core.addresses import check_address, own_domains
from app.core.chain import GENESIS, format_time
from app.core.deadlines import next_reminder
from app.core.events import Head, NewEvent, append_event, link_events, write_events
from app.core.lifecycle import AgreementStatus, CpStatus
from app.core.record import refresh_status, transition
from app.db import new_id, utcnow
from app.errors import Invalid, InvalidDeadline, InvalidTransition
from app.models import Agreement, Counterparty, OutboxEntry, StoredMessage, User
from app.models.tables import (
    agreements_table,
    counterparties_table,
    messages_table,
    outbox_table,
    versions_table,
)
from app.outbound.drafts import Addressee, version_drafts
from app.outbound.service import queued_event
from app.timekeeping.deemed import awaiting_review
from mail.compose import Party
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
    # Commitments and the review date: part of the summary the counterparties accept.
    terms: Terms = field(default_factory=Terms)


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
        terms=plan_terms(
            [(c.by, c.what, c.due) for c in data.commitments],
            data.review_at,
            counterparties=[c.email for c in data.counterparties + data.cc],
            tz=owner.timezone,
            day_end=owner.business_day_end,
        ),
    )


def check_plan(plan: NewAgreement, internal: Collection[str] = ()) -> None:
    """What every way in refuses: no one to answer, or an address the policy refuses
    (``app.core.addresses``; ``internal``: the installation's own special-use domains)."""
    if not any(not c.informational for c in plan.counterparties + plan.cc):
        raise Invalid("at least one counterparty must not be informational")
    for party in plan.counterparties + plan.cc:
        check_address(party.email, internal)


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
    """How a plan becomes rows (written by ``create_agreement``)."""
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
            "tz": party.tz,
            "language": party.language,
            "token": new_token(),
            "bounce_token": new_token(),
            "answer_token": new_token(),
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
        **plan.terms.record(),
    }
    return NewRows(agreement, version, counterparties, created)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_REF_TAKEN = "EXISTS (SELECT 1 FROM agreements WHERE ref = :ref)"


def _columns(agreement: dict[str, Any]) -> dict[str, Any]:
    """The agreement's row by column name (its ``meta`` attribute is the ``metadata`` column)."""
    row = dict(agreement)
    row["metadata"] = row.pop("meta")
    return row


def create_agreement(
    session: Session,
    *,
    settings: Settings,
    owner: User,
    plan: NewAgreement,
    now: datetime,
    send_summaries: bool = True,
) -> NewRows:
    """Create an agreement (its first version, counterparties and "created" event) and, with
    ``send_summaries``, queue its summary to every counterparty and the owner's copy, with a
    "queued" event each. The one way to create an agreement: the API, the dashboard and BCC
    capture (which hands the summary off itself) all come here.

    The integer keys of the new rows are reserved first (one statement, which also checks
    that the ref is free), so every row goes in once, complete: the counterparties with
    their summary's Message-ID, the agreement with its final chain head, one INSERT per
    table, all in one statement on PostgreSQL. Returns the rows as written
    (``app.agreements.views.new_agreement_out``).
    """
    check_plan(plan, own_domains(settings))
    session.flush()  # nothing is expected to be pending; if it is, it goes first
    count = len(plan.counterparties) + len(plan.cc)
    outgoing = count + 1 if send_summaries else 0  # a summary each, and the owner's copy
    wanted = [
        (versions_table, 1),
        (counterparties_table, count),
        (messages_table, outgoing),
        (outbox_table, outgoing),
    ]
    connection = session.connection()
    while True:
        ref = new_ref()
        taken, keys = bulk.reserve_keys(connection, wanted, probe=_REF_TAKEN, params={"ref": ref})
        if not taken:
            break
    version_ids, party_ids, message_ids, outbox_ids = keys
    rows = new_rows(owner=owner, plan=plan, ref=ref, now=now)
    agreement, version, parties = rows.agreement, rows.version, rows.counterparties
    version["id"] = version_ids[0]
    for values, party_id in zip(parties, party_ids, strict=True):
        values.update(id=party_id, version_id=version["id"])
    events = [NewEvent(agreement["id"], "created", owner.email, now, data=rows.created)]
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    if send_summaries:
        pairs = version_drafts(
            settings,
            agreement_id=agreement["id"],
            ref=ref,
            owner=Party(owner.email, owner.name),
            owner_timezone=owner.timezone,
            title=version["title"],
            number=version["number"],
            deadline=plan.deadline,
            parties=[Party(p["email"], p["name"]) for p in parties],
            addressed=[
                Addressee(
                    n,
                    p["id"],
                    p["email"],
                    p["name"],
                    p["token"],
                    p["bounce_token"],
                    p["deadline"],
                    informational=p["informational"],
                    tz=p["tz"],
                )
                for n, p in enumerate(parties)
            ],
            now=now,
        )
        for (stored, queued), message_id, outbox_id in zip(
            pairs, message_ids, outbox_ids, strict=True
        ):
            stored["id"] = message_id
            queued.update(id=outbox_id, message_row_id=message_id)
        for party, (stored, queued) in zip(parties, pairs, strict=False):
            party["summary_message_id"] = stored["message_id"]
            events.append(queued_event(version["number"], party, stored, queued, now))
    heads = {agreement["id"]: Head(agreement["id"], owner.id, ref, plan.title, 0, GENESIS)}
    linked = link_events(heads, events)
    head = heads[agreement["id"]]
    agreement.update(event_count=head.event_count, event_head=head.event_head, updated_at=now)
    new = [
        (agreements_table, [_columns(agreement)]),
        (versions_table, [version]),
        (counterparties_table, parties),
        (messages_table, [stored for stored, _ in pairs]),
        (outbox_table, [queued for _, queued in pairs]),
    ]
    write_events(session, heads, linked, new=new)
    write_terms(
        session, agreement_id=agreement["id"], version=1, terms=plan.terms, in_summary=True, now=now
    )
    return rows


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
    message: StoredMessage | None = None,
    at: datetime | None = None,
) -> Agreement:
    """Withdraw: nothing more goes out for it, no reminder, no deemed acceptance."""
    if agreement.withdrawn_at is not None:
        raise InvalidTransition("the agreement is already withdrawn")
    at = at or utcnow()
    agreement.withdrawn_at = at
    append_event(
        session,
        agreement=agreement,
        type="withdrawn",
        actor=actor,
        message=message,
        data={"reason": reason},
        at=at,
    )
    cancel_queued_mail(session, agreement=agreement)
    refresh_status(session, agreement)
    return agreement


def attestable(session: Session, cp: Counterparty, *, now: datetime) -> bool:
    """Whether ``attest`` takes this counterparty: past its deadline, which Accord cannot
    deem because it never handed the summary to them itself, and no message that may be
    their answer awaits the owner's review."""
    return _attest_refusal(session, cp, now=now) is None


def _attest_refusal(session: Session, cp: Counterparty, *, now: datetime) -> str | None:
    if not (
        cp.status == CpStatus.SENT
        and cp.handoff_at is None
        and not cp.informational
        and now >= cp.deadline
    ):
        return (
            f"{cp.email} is {cp.status}: only a counterparty Accord could not reach itself, "
            "past the deadline, can be recorded on your word"
        )
    pending = awaiting_review(session, cp)
    if pending:
        # The statement says no reply from them reached Accord; one that may be theirs (from
        # another address, say) is waiting for the owner to look at it.
        listed = ", ".join(str(i) for i in pending)
        return (
            f"a message that may be {cp.email}'s answer awaits your review (message {listed}): "
            "accept or dismiss it first"
        )
    return None


def attest(
    session: Session, *, counterparty: Counterparty, actor: str, note: str, now: datetime
) -> None:
    """The owner's word that a counterparty agreed where Accord cannot deem it (no hand-off
    of its own, the deadline passed, nothing of theirs awaiting review): its own status and
    event, never ``deemed_accepted``."""
    cp = counterparty
    refusal = _attest_refusal(session, cp, now=now)
    if refusal:
        raise InvalidTransition(refusal)
    transition(
        session,
        counterparty=cp,
        to=CpStatus.OWNER_ATTESTED,
        actor=actor,
        at=now,
        data={
            "note": note,
            "deadline": format_time(cp.deadline),
            "attested_by": "owner",
            "conditions": [
                "the summary went out from the owner's own mail server (BCC capture)",
                "Accord sent no notice of its own, so it has no proof of delivery",
                f"no reply from {cp.email} reached Accord by {format_time(cp.deadline)}",
                "the owner states that the counterparty agreed",
            ],
        },
    )


def extend_deadline(
    session: Session, *, counterparty: Counterparty, deadline: datetime, actor: str, now: datetime
) -> None:
    """Give a waiting (or away) counterparty until ``deadline``; lifts an away hold."""
    cp = counterparty
    if cp.status not in (CpStatus.SENT, CpStatus.AWAY):
        raise InvalidTransition(f"{cp.email} is {cp.status}: only a waiting deadline can move")
    if deadline <= now:
        raise InvalidDeadline("the new deadline is in the past")
    data = {"old_deadline": format_time(cp.deadline), "new_deadline": format_time(deadline)}
    cp.deadline = deadline
    if cp.status == CpStatus.AWAY:
        transition(
            session,
            counterparty=cp,
            to=CpStatus.SENT,
            actor=actor,
            at=now,
            event_type="extended",
            data=data,
        )
    else:
        append_event(
            session,
            agreement=cp.agreement,
            type="extended",
            actor=actor,
            counterparty=cp,
            at=now,
            data=data,
        )
    cp.next_reminder_at = next_reminder(cp.agreement.reminder_offsets, cp.deadline, after=now)
