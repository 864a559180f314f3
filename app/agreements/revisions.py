"""The clarification loop (SPEC §2, §5): the owner resolves a clarification or revises the
summary as a new version (accepting a reply that could not be verified is
``app.inbound.review``).

Functions take the caller's session and never commit (STYLE: one transaction per request);
the caller holds the agreement's lock (``app.core.record.lock_agreement``) so the event
chain stays linear.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from app.agreements.service import cancel_queued_mail
from app.commitments.terms import Terms, carried_over, version_terms, write_terms
from app.config import Settings
from app.core.addresses import check_address, own_domains
from app.core.chain import format_time
from app.core.events import append_event
from app.core.lifecycle import CpStatus
from app.core.record import (
    active_counterparties,
    current_version,
    find_counterparty,
    refresh_status,
    transition,
)
from app.db import utcnow
from app.errors import Invalid, InvalidTransition
from app.models import Agreement, AgreementVersion, Counterparty
from app.outbound import service as outbound
from mail.ids import new_token

RESOLVABLE = frozenset({CpStatus.CLARIFICATION_REQUESTED, CpStatus.AWAY})


@dataclass(frozen=True)
class Party:
    """A recipient of a new version."""

    email: str
    name: str = ""
    role: str = "to"  # to | cc
    informational: bool = False
    tz: str | None = None
    language: str | None = None


def resolve(
    session: Session,
    *,
    agreement: Agreement,
    email: str,
    actor: str,
    note: str,
    now: datetime | None = None,
) -> Counterparty:
    """The owner settles a clarification (or an away hold): the counterparty is confirmed."""
    cp = find_counterparty(agreement, email)
    if cp.status not in RESOLVABLE:
        raise InvalidTransition(
            f"{cp.email} is {cp.status}: only a clarification or an away hold can be resolved"
        )
    transition(
        session,
        counterparty=cp,
        to=CpStatus.CONFIRMED,
        actor=actor,
        data={"note": note, "resolved_by": "owner"},
        at=now,
        event_type="resolved",
    )
    return cp


def _parties_of(agreement: Agreement) -> list[Party]:
    return [
        Party(c.email, c.name, c.role, c.informational, c.tz, c.language)
        for c in active_counterparties(agreement)
    ]


def _check_parties(parties: list[Party], internal: Collection[str]) -> None:
    if not any(not p.informational for p in parties):
        raise Invalid("at least one counterparty must not be informational")
    for party in parties:
        check_address(party.email, internal)
    emails = [p.email.lower() for p in parties]
    if len(set(emails)) != len(emails):
        raise Invalid("each counterparty address may appear only once")


def _retire(agreement: Agreement, old: AgreementVersion) -> None:
    """The current version stops: no more reminders or deemed acceptance for its recipients."""
    old.status = "superseded"
    for cp in active_counterparties(agreement):
        cp.next_reminder_at = None


def revise(
    session: Session,
    *,
    settings: Settings,
    agreement: Agreement,
    actor: str,
    summary: str,
    deadline: datetime,
    title: str | None = None,
    respond_within: str | None = None,
    parties: list[Party] | None = None,
    note: str = "",
    now: datetime | None = None,
    terms: Terms | None = None,
) -> AgreementVersion:
    """Supersede the current version with a new one and queue its summary to every recipient.
    ``terms``: the new version's commitments and review date (None: the current version's,
    all of them, now listed in its summary); changing them takes a new version.

    The earlier version, its counterparties and their tokens stay in the record; replies to
    the old tokens are recorded and change nothing (the inbound pipeline's "superseded").
    """
    if agreement.withdrawn_at is not None:
        raise InvalidTransition("a withdrawn agreement cannot be revised")
    now = now or utcnow()
    old = current_version(agreement)
    parties = _parties_of(agreement) if parties is None else parties
    _check_parties(parties, own_domains(settings))
    if terms is None:
        terms = carried_over(version_terms(session, agreement.id, old.number))
    cancel_queued_mail(session, agreement=agreement)  # old summaries not yet handed off
    _retire(agreement, old)
    version = AgreementVersion(
        agreement=agreement,
        number=old.number + 1,
        title=(title or old.title).strip(),
        summary=summary,
        respond_within=respond_within,
        deadline=deadline,
        created_at=now,
    )
    session.add(version)
    for party in parties:
        agreement.counterparties.append(
            Counterparty(
                version=version,
                email=party.email.lower(),
                name=party.name,
                role=party.role,
                informational=party.informational,
                tz=party.tz,
                language=party.language,
                token=new_token(),
                bounce_token=new_token(),
                answer_token=new_token(),
                status=CpStatus.PENDING,
                status_at=now,
                deadline=deadline,
            )
        )
    agreement.version = version.number
    agreement.title = version.title
    agreement.deadline = deadline
    session.flush()
    append_event(
        session,
        agreement=agreement,
        type="revised",
        actor=actor,
        at=now,
        data={
            "version": version.number,
            "supersedes": old.number,
            "title": version.title,
            "summary_sha256": hashlib.sha256(summary.encode("utf-8")).hexdigest(),
            "deadline": format_time(deadline),
            "counterparties": [
                {"email": c.email, "role": c.role, "informational": c.informational}
                for c in active_counterparties(agreement)
            ],
            "note": note,
            **terms.record(),
        },
    )
    write_terms(
        session,
        agreement_id=agreement.id,
        version=version.number,
        terms=terms,
        in_summary=True,
        now=now,
    )
    refresh_status(session, agreement)
    outbound.queue_version(session, settings=settings, agreement=agreement, now=now)
    return version
