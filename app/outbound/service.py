"""The outbox: messages are queued in the caller's transaction and sent later.

Nothing here talks to an SMTP server. ``app.outbound.delivery`` claims due rows after commit.
Notices are composed and stored here; a version's summaries are stored as drafts, composed
when first needed (``app.outbound.drafts``). Either way the bytes handed to SMTP are stored
before the first attempt, under a Message-ID fixed when queued, so every retry sends the
same message.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Literal

from sqlalchemy.orm import Session

from app import bulk
from app.config import Settings
from app.core.deadlines import zone
from app.core.events import SYSTEM, NewEvent, append_events, head_of
from app.core.lifecycle import CpStatus
from app.core.record import active_counterparties, current_version
from app.core.snapshot import load_agreements
from app.db import utcnow
from app.keys import seal_head
from app.models import Agreement, Counterparty, OutboxEntry, StoredMessage
from app.models.tables import messages_table, outbox_table
from app.outbound.drafts import (
    Addressee,
    alert_about,
    outbound_values,
    receipt_draft,
    version_drafts,
)
from app.outbound.links import agreement_link, answer_link
from mail.compose import (
    OutboundMessage,
    Party,
    compose_notice,
    deadline_in_words,
    recipient_deadline,
)
from mail.ids import new_message_id
from mail.redact import copy_digest


def agreement_url(settings: Settings, agreement: Agreement) -> str:
    return agreement_link(settings, agreement.id)


def answer_url(settings: Settings, counterparty: Counterparty) -> str:
    """The counterparty's answer page (app.web): Confirm / Something's not right."""
    return answer_link(settings, counterparty.answer_token)


def their_deadline(counterparty: Counterparty, agreement: Agreement) -> str:
    """The counterparty's deadline in their words (``recipient_deadline``): their zone if
    known, else the owner's."""
    tz = zone(counterparty.tz or agreement.owner.timezone)
    return recipient_deadline(counterparty.deadline, tz, zone_is_theirs=bool(counterparty.tz))


def _add(
    session: Session, stored: dict[str, Any], queued: dict[str, Any], *, flush: bool
) -> OutboxEntry:
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
    agreement_id: str | None,
    counterparty_id: int | None,
    dedupe_key: str | None,
    now: datetime,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """``outbound_values`` of a composed message."""
    return outbound_values(
        message_id=message.message_id,
        envelope_from=message.envelope_from,
        recipients=list(message.recipients),
        subject=message.subject,
        kind=kind,
        agreement_id=agreement_id,
        counterparty_id=counterparty_id,
        dedupe_key=dedupe_key,
        now=now,
        status="queued",
        content={
            "sha256": hashlib.sha256(message.data).hexdigest(),
            "copy_sha256": copy_digest(message.data),
            "size": len(message.data),
            "raw": message.data,
        },
    )


def _store_many(
    session: Session, values: Sequence[tuple[dict[str, Any], dict[str, Any]]]
) -> list[tuple[int, int]]:
    """Write messages and their outbox rows, one statement per table; their (message row id,
    outbox id) pairs, in order. No ORM objects: nothing in the request reads these back."""
    if not values:
        return []
    session.flush()  # the agreement and counterparties they reference must exist
    connection = session.connection()
    stored = [s for s, _ in values]
    by_message_id = dict(
        bulk.insert(connection, messages_table, stored, returning=("message_id", "id"))
    )
    queued = [{**q, "message_row_id": by_message_id[s["message_id"]]} for s, q in values]
    outbox = dict(bulk.insert(connection, outbox_table, queued, returning=("message_row_id", "id")))
    return [(row, outbox[row]) for row in (by_message_id[s["message_id"]] for s in stored)]


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
    """Queue the current version's summary: one copy per pending counterparty, one for the
    owner; each counterparty gets a "queued" event. Returns the outbox ids."""
    now = now or utcnow()
    version = current_version(agreement)
    parties = active_counterparties(agreement)
    pending = [(n, cp) for n, cp in enumerate(parties) if cp.status == CpStatus.PENDING]
    owner = agreement.owner
    pairs = version_drafts(
        settings,
        agreement_id=agreement.id,
        ref=agreement.ref,
        owner=Party(owner.email, owner.name),
        owner_timezone=owner.timezone,
        title=version.title,
        number=version.number,
        deadline=agreement.deadline or version.deadline,
        parties=[Party(c.email, c.name) for c in parties],
        addressed=[_addressee(agreement, n, cp) for n, cp in pending],
        now=now,
    )
    ids = _store_many(session, pairs)
    events = []
    for (_, cp), (stored, queued), (message_row_id, outbox_id) in zip(
        pending, pairs, ids, strict=False
    ):
        cp.summary_message_id = stored["message_id"]
        stored["id"], queued["id"] = message_row_id, outbox_id
        party = {"id": cp.id, "email": cp.email}
        events.append(queued_event(version.number, party, stored, queued, now))
    session.flush()
    append_events(session, {agreement.id: head_of(agreement)}, events)
    return [outbox_id for _, outbox_id in ids]


def queued_event(
    version: int,
    party: Mapping[str, Any],
    stored: Mapping[str, Any],
    queued: Mapping[str, Any],
    now: datetime,
) -> NewEvent:
    """The event that records one counterparty's summary as queued (stored and outbox rows
    as written, with their ids)."""
    return NewEvent(
        agreement_id=stored["agreement_id"],
        type="queued",
        actor=SYSTEM,
        at=now,
        counterparty=party["email"],
        counterparty_id=party["id"],
        message_id=stored["message_id"],
        message_row_id=stored["id"],
        data={"version": version, "outbox_id": queued["id"]},
    )


def _addressee(agreement: Agreement, position: int, cp: Counterparty) -> Addressee:
    in_reply_to, references = _thread_of(agreement, cp.email)
    return Addressee(
        position,
        cp.id,
        cp.email,
        cp.name,
        cp.token,
        cp.bounce_token,
        cp.deadline,
        in_reply_to,
        references,
        informational=cp.informational,
        tz=cp.tz,
    )


def queue_notice(
    session: Session,
    *,
    settings: Settings,
    kind: str,
    to: Party,
    subject: str,
    context: Mapping[str, Any],
    agreement: Agreement | None = None,
    counterparty: Counterparty | None = None,
    reply_token: str | None = None,
    bounce_token: str | None = None,
    thread: Sequence[str] = (),
    on_behalf_of: str | None = None,
    dedupe_key: str | None = None,
    extra_headers: Mapping[str, str] | None = None,
    now: datetime | None = None,
    flush: bool = True,
) -> OutboxEntry:
    """Queue a machine notice (alert, reminder, final notice, acknowledgement, digest),
    composed under a new Message-ID with the template named as its kind (as drafts are).

    The message is stored byte for byte and queued for delivery; ``flush=False`` leaves the
    rows pending, for callers that queue several and flush once."""
    now = now or utcnow()
    message = compose_notice(
        kind=kind,
        to=to,
        tracking_address=settings.tracking_address,
        subject=subject,
        ref=agreement.ref if agreement else None,
        template=kind,
        context=context,
        message_id=new_message_id(settings.message_id_domain),
        in_reply_to=thread[-1] if thread else None,
        references=list(thread),
        reply_token=reply_token,
        bounce_token=bounce_token,
        on_behalf_of=on_behalf_of,
        extra_headers=extra_headers,
        date=now,
    )
    stored, queued = _outbound_values(
        message=message,
        kind=kind,
        agreement_id=agreement.id if agreement else None,
        counterparty_id=counterparty.id if counterparty else None,
        dedupe_key=dedupe_key,
        now=now,
    )
    return _add(session, stored, queued, flush=flush)


def queue_agreement_notice(
    session: Session,
    *,
    settings: Settings,
    agreement: Agreement,
    recipient: Literal["owner", "counterparty"],
    kind: str,
    subject: str,
    context: Mapping[str, Any],
    dedupe_key: str,
    now: datetime,
    counterparty: Counterparty | None = None,
    flush: bool = True,
) -> OutboxEntry:
    """A notice about an agreement (and about one counterparty, if named) to its owner, or
    to that counterparty: then about their summary, sent on the owner's behalf in that
    summary's thread, with their reply token (so an answer to it is an answer to the
    summary). A notice about a counterparty words their deadline for whom it goes to
    (``deadline_words``): in the owner's zone for the owner, in theirs for them."""
    owner = agreement.owner
    to = Party(owner.email, owner.name)
    if counterparty is not None:
        words = (
            their_deadline(counterparty, agreement)
            if recipient == "counterparty"
            else deadline_in_words(counterparty.deadline, zone(owner.timezone))
        )
        context = {"deadline_words": words, **context}
    reply_token = bounce_token = on_behalf_of = None
    thread: list[str] = []
    if recipient == "counterparty":
        if counterparty is None:
            raise ValueError("a notice to a counterparty names the counterparty")
        to = Party(counterparty.email, counterparty.name)
        reply_token, bounce_token = counterparty.token, counterparty.bounce_token
        thread = [counterparty.summary_message_id] if counterparty.summary_message_id else []
        on_behalf_of = owner.name or owner.email
    return queue_notice(
        session,
        settings=settings,
        kind=kind,
        to=to,
        subject=subject,
        context=context,
        agreement=agreement,
        counterparty=counterparty,
        reply_token=reply_token,
        bounce_token=bounce_token,
        thread=thread,
        on_behalf_of=on_behalf_of,
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
    stored, queued = alert_about(
        settings,
        agreement,
        counterparty,
        headline=headline,
        deciding_text=deciding_text,
        dedupe_key=dedupe_key,
        now=now or utcnow(),
    )
    return _add(session, stored, queued, flush=flush)


def queue_receipt(
    session: Session,
    settings: Settings,
    agreement: Agreement,
    cp: Counterparty,
    *,
    answer: str,
    via: str,
    text: str,
    now: datetime,
) -> None:
    """The counterparty's receipt of what was recorded in their name, or of their words
    recorded by the owner (``app.outbound.drafts.receipt_draft``), with the chain head after
    it, sealed."""
    session.flush()
    snapshot = load_agreements(session.connection(), [agreement.id], lock=False)[agreement.id]
    sealed = seal_head(settings, agreement, at=now)
    draft = receipt_draft(
        settings,
        snapshot,
        snapshot.party(cp.id),
        answer=answer,
        via=via,
        text=text or None,
        seal_line=sealed.line(),
        now=now,
    )
    store_drafts(session, [draft])


def store_drafts(
    session: Session, pairs: Sequence[tuple[dict[str, Any], dict[str, Any]]]
) -> list[tuple[int, int]]:
    """Store and queue drafts (``app.outbound.drafts``): their (message row id, outbox id)
    pairs, in order."""
    return _store_many(session, pairs)
