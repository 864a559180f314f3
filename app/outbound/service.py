"""The outbox: messages are composed and stored in the caller's transaction, sent later.

Nothing here talks to an SMTP server. ``app.outbound.delivery`` claims due rows after commit.
The raw bytes stored here are exactly what will be handed to SMTP, under a Message-ID fixed
now, so every retry sends the same message.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from app.agreements import service as agreements
from app.agreements.deadlines import zone
from app.agreements.lifecycle import CpStatus
from app.agreements.repository import NewEvent, append_events, chain_events, insert_events
from app.agreements.service import NewAgreement, active_counterparties
from app.config import Settings
from app.db import utcnow
from app.evidence.log import SYSTEM
from app.inserts import attach, insert_rows, reserve_keys, update_committed
from app.models import (
    Agreement,
    AgreementVersion,
    Counterparty,
    OutboxEntry,
    StoredMessage,
    User,
)
from mail.compose import (
    OutboundMessage,
    Party,
    compose_notice,
    compose_owner_copy,
    compose_summary,
)
from mail.ids import new_message_id, new_ref


def agreement_url(settings: Settings, agreement: Agreement) -> str:
    return f"{settings.public_url.rstrip('/')}/v1/agreements/{agreement.id}"


def answer_url(settings: Settings, counterparty: Counterparty) -> str:
    """The counterparty's answer page (app.web): Confirm / Something's not right."""
    return f"{settings.public_url.rstrip('/')}/a/{counterparty.token}"


def store_outbound(
    session: Session,
    *,
    message: OutboundMessage,
    kind: str,
    agreement: Agreement | None,
    counterparty: Counterparty | None = None,
    dedupe_key: str | None = None,
    now: datetime | None = None,
    flush: bool = True,
) -> OutboxEntry:
    """Store the message byte for byte and queue it for delivery.

    ``flush=False`` leaves the rows pending, for callers that queue several and flush once.
    """
    stored, queued = _outbound_values(
        message=message,
        kind=kind,
        agreement=agreement,
        counterparty=counterparty,
        dedupe_key=dedupe_key,
        now=now or utcnow(),
    )
    row = StoredMessage(**stored)
    entry = OutboxEntry(message=row, **queued)
    session.add_all([row, entry])
    if flush:
        session.flush()
    return entry


def _outbound_values(
    *,
    message: OutboundMessage,
    kind: str,
    agreement: Agreement | None,
    counterparty: Counterparty | None,
    dedupe_key: str | None,
    now: datetime,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The stored message's columns and its outbox row's (without the message's row id)."""
    stored = {
        "direction": "out",
        "source": "outbox",
        "message_id": message.message_id,
        "sha256": hashlib.sha256(message.data).hexdigest(),
        "size": len(message.data),
        "raw": message.data,
        "from_addr": message.envelope_from,
        "subject": message.subject,
        "kind": kind,
        "status": "queued",
        "agreement_id": agreement.id if agreement else None,
        "counterparty_id": counterparty.id if counterparty else None,
        "received_at": now,
    }
    queued = {
        "kind": kind,
        "agreement_id": agreement.id if agreement else None,
        "counterparty_id": counterparty.id if counterparty else None,
        "envelope_from": message.envelope_from,
        "recipients": list(message.recipients),
        "next_attempt_at": now,
        "dedupe_key": dedupe_key,
        "created_at": now,
    }
    return stored, queued


_INSERT_MESSAGES = insert(cast(Table, StoredMessage.__table__)).returning(
    StoredMessage.__table__.c.id, sort_by_parameter_order=True
)
_INSERT_OUTBOX = insert(cast(Table, OutboxEntry.__table__)).returning(
    OutboxEntry.__table__.c.id, sort_by_parameter_order=True
)


def _store_many(
    session: Session, values: list[tuple[dict[str, Any], dict[str, Any]]]
) -> list[tuple[int, int]]:
    """Write messages and their outbox rows with one INSERT each; their (message row id,
    outbox id) pairs. No ORM objects: nothing in the request reads these rows back."""
    session.flush()  # the agreement and counterparties they reference must exist
    connection = session.connection()
    stored = [s for s, _ in values]
    message_ids = list(connection.execute(_INSERT_MESSAGES, stored).scalars())
    queued = [{**q, "message_row_id": m} for (_, q), m in zip(values, message_ids, strict=True)]
    outbox_ids = list(connection.execute(_INSERT_OUTBOX, queued).scalars())
    return list(zip(message_ids, outbox_ids, strict=True))


def _thread_of(agreement: Agreement, email: str) -> tuple[str | None, list[str]]:
    """In-Reply-To and References for a new version: this person's earlier summaries, else
    the latest earlier summary, so a revision lands in the thread the recipient has."""
    earlier = [
        c
        for c in agreement.counterparties
        if c.summary_message_id and c.version.number < agreement.version
    ]
    own = [c.summary_message_id for c in earlier if c.email == email and c.summary_message_id]
    chain = own or [c.summary_message_id for c in earlier[-1:] if c.summary_message_id]
    return (chain[-1] if chain else None), chain


def queue_version(
    session: Session, *, settings: Settings, agreement: Agreement, now: datetime | None = None
) -> list[int]:
    """Queue the current version's summary: one copy per counterparty, one for the owner.

    Returns the outbox ids. The rows are written with Core statements, one per table: no
    ORM objects are made for them.
    """
    now = now or utcnow()
    version = next(v for v in agreement.versions if v.number == agreement.version)
    addressed, pairs = _compose_version(
        settings,
        agreement=agreement,
        owner=agreement.owner,
        version=version,
        parties=active_counterparties(agreement),
        now=now,
    )
    ids = _store_many(session, pairs)
    queued = []
    for cp, (stored, _), (message_row_id, outbox_id) in zip(addressed, pairs, ids, strict=False):
        update_committed(session, cp, summary_message_id=stored["message_id"])
        queued.append(_queued_event(version, cp, stored, message_row_id, outbox_id))
    append_events(session, agreement=agreement, events=queued, at=now)
    return [outbox_id for _, outbox_id in ids]


def _queued_event(
    version: AgreementVersion,
    cp: Counterparty,
    stored: dict[str, Any],
    message_row_id: int,
    outbox_id: int,
) -> NewEvent:
    return NewEvent(
        "queued",
        SYSTEM,
        {"version": version.number, "outbox_id": outbox_id},
        counterparty=cp,
        message_id=stored["message_id"],
        message_row_id=message_row_id,
    )


def _compose_version(
    settings: Settings,
    *,
    agreement: Agreement,
    owner: User,
    version: AgreementVersion,
    parties: list[Counterparty],
    now: datetime,
) -> tuple[list[Counterparty], list[tuple[dict[str, Any], dict[str, Any]]]]:
    """The version's summaries to its pending counterparties and the owner's copy, as the
    stored messages' and outbox rows' columns; the counterparties addressed, in order (the
    owner's copy comes last)."""
    owner_party = Party(owner.email, owner.name)
    owner_tz = zone(owner.timezone)
    pairs = []
    addressed = []
    for cp in parties:
        if cp.status != CpStatus.PENDING:
            continue
        in_reply_to, references = _thread_of(agreement, cp.email)
        message = compose_summary(
            owner=owner_party,
            tracking_address=settings.tracking_address,
            recipient=Party(cp.email, cp.name),
            token=cp.token,
            ref=agreement.ref,
            title=version.title,
            summary=version.summary,
            deadline=cp.deadline,
            recipient_tz=owner_tz,
            message_id=new_message_id(settings.message_id_domain),
            other_parties=[Party(o.email, o.name) for o in parties if o is not cp],
            in_reply_to=in_reply_to,
            references=references,
            version=version.number,
            answer_url=answer_url(settings, cp),
            date=now,
        )
        addressed.append(cp)
        pairs.append(
            _outbound_values(
                message=message,
                kind="summary",
                agreement=agreement,
                counterparty=cp,
                dedupe_key=None,
                now=now,
            )
        )
    copy = compose_owner_copy(
        owner=owner_party,
        tracking_address=settings.tracking_address,
        recipients=[Party(c.email, c.name) for c in parties],
        ref=agreement.ref,
        title=version.title,
        summary=version.summary,
        deadline=agreement.deadline or version.deadline,
        owner_tz=owner_tz,
        message_id=new_message_id(settings.message_id_domain),
        agreement_url=agreement_url(settings, agreement),
        version=version.number,
        date=now,
    )
    pairs.append(
        _outbound_values(
            message=copy,
            kind="owner_copy",
            agreement=agreement,
            counterparty=None,
            dedupe_key=None,
            now=now,
        )
    )
    return addressed, pairs


_INSERT_MESSAGES_KEYED = insert(cast(Table, StoredMessage.__table__))
_INSERT_OUTBOX_KEYED = insert(cast(Table, OutboxEntry.__table__))
_REF_TAKEN = "EXISTS (SELECT 1 FROM agreements WHERE ref = :ref)"


def create_and_queue(
    session: Session, *, settings: Settings, owner: User, plan: NewAgreement, now: datetime
) -> Agreement:
    """``agreements.service.create_agreement`` followed by ``queue_version``, the same rows
    and the same event chain, written with fewer statements: the integer keys of every new
    row are reserved first (one statement, which also checks the ref is free), so the
    counterparties go in with their summary's Message-ID, the agreement with its final chain
    head, and each table takes one INSERT; nothing is updated afterwards.
    """
    agreements.check_plan(plan)
    count = len(plan.counterparties) + len(plan.cc)  # every new counterparty is pending
    wanted = [(AgreementVersion, 1), (Counterparty, count), (StoredMessage, count + 1)]
    while True:
        ref = new_ref()
        taken, keys = reserve_keys(
            session, [*wanted, (OutboxEntry, count + 1)], probe=_REF_TAKEN, params={"ref": ref}
        )
        if not taken:
            break
    version_ids, party_ids, message_ids, outbox_ids = keys
    agreement, version, created = agreements.new_agreement(owner=owner, plan=plan, ref=ref, now=now)
    version.id = version_ids[0]
    for cp, cp_id in zip(agreement.counterparties, party_ids, strict=True):
        cp.id = cp_id
        cp.version_id = version.id
    addressed, pairs = _compose_version(
        settings,
        agreement=agreement,
        owner=owner,
        version=version,
        parties=agreement.counterparties,
        now=now,
    )
    events = [created]
    for n, (stored, queued) in enumerate(pairs):
        stored["id"] = message_ids[n]
        queued.update(id=outbox_ids[n], message_row_id=message_ids[n])
        if n < len(addressed):
            cp = addressed[n]
            cp.summary_message_id = stored["message_id"]
            events.append(_queued_event(version, cp, stored, message_ids[n], outbox_ids[n]))
    rows, head = chain_events(agreement, events, at=now)
    for name, value in head.items():
        setattr(agreement, name, value)
    insert_rows(session, [agreement])
    insert_rows(session, [version])
    insert_rows(session, agreement.counterparties)
    connection = session.connection()
    connection.execute(_INSERT_MESSAGES_KEYED, [stored for stored, _ in pairs])
    connection.execute(_INSERT_OUTBOX_KEYED, [queued for _, queued in pairs])
    insert_events(session, rows)
    attach(session, [agreement, version, *agreement.counterparties])
    return agreement


def queue_notice(
    session: Session,
    *,
    settings: Settings,
    kind: str,
    to: Party,
    subject: str,
    template: str,
    context: Mapping[str, Any],
    agreement: Agreement | None = None,
    counterparty: Counterparty | None = None,
    reply_token: str | None = None,
    thread: Sequence[str] = (),
    on_behalf_of: str | None = None,
    dedupe_key: str | None = None,
    extra_headers: Mapping[str, str] | None = None,
    now: datetime | None = None,
    flush: bool = True,
) -> OutboxEntry:
    """Queue a machine notice (alert, reminder, final notice, acknowledgement, digest).

    ``flush=False`` leaves the rows pending (see ``store_outbound``)."""
    now = now or utcnow()
    message = compose_notice(
        kind=kind,
        to=to,
        tracking_address=settings.tracking_address,
        subject=subject,
        ref=agreement.ref if agreement else None,
        template=template,
        context=context,
        message_id=new_message_id(settings.message_id_domain),
        in_reply_to=thread[-1] if thread else None,
        references=list(thread),
        reply_token=reply_token,
        on_behalf_of=on_behalf_of,
        extra_headers=extra_headers,
        date=now,
    )
    return store_outbound(
        session,
        message=message,
        kind=kind,
        agreement=agreement,
        counterparty=counterparty,
        dedupe_key=dedupe_key,
        now=now,
        flush=flush,
    )


def queue_owner_alert(
    session: Session,
    *,
    settings: Settings,
    agreement: Agreement,
    headline: str,
    counterparty: Counterparty | None = None,
    deciding_text: str | None = None,
    dedupe_key: str | None = None,
    now: datetime | None = None,
    flush: bool = True,
) -> OutboxEntry:
    owner = agreement.owner
    return queue_notice(
        session,
        settings=settings,
        kind="owner_alert",
        to=Party(owner.email, owner.name),
        subject=f"{headline[:150]}",
        template="owner_alert",
        context={
            "headline": headline,
            "title": agreement.title,
            "counterparty": Party(counterparty.email, counterparty.name) if counterparty else None,
            "deciding_text": deciding_text,
            "agreement_url": agreement_url(settings, agreement),
        },
        agreement=agreement,
        counterparty=counterparty,
        thread=[c.summary_message_id for c in [counterparty] if c and c.summary_message_id],
        dedupe_key=dedupe_key,
        now=now,
        flush=flush,
    )
