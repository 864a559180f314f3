"""Outbound drafts: mail queued without its bytes, composed when first needed.

Queuing a version (creating an agreement, sending a revision) queues one summary per pending
counterparty and the owner's copy; applying a reply may queue an alert to the owner. Everything
about them is fixed then: the Message-ID (replies are matched on it and the "queued" events
name it), the envelope, the subject, and what the text is made of (the version, every party,
the owner as named then, the thread, the date). Only the bytes wait: they are composed the
first time anyone needs them, normally by the delivery worker that claims the row, and stored
before the first SMTP attempt, so every retry and every later reader sees the same bytes.
The request that creates an agreement thus does not render and encode two emails on the
API's busiest route (``bench/api.py``), nor does the poller render the alerts of a backlog
(``bench/ingest.py``).

Composing a draft is deterministic: the same stored draft and settings give the same bytes
(the MIME boundary derives from the Message-ID). A draft that cannot be composed any more
(say the tracking address was changed to something invalid) is failed by delivery as a
permanent refusal would be (the counterparty is not reached, the owner is alerted with the
reason); it never blocks the rest of the queue.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from app.config import Settings
from app.core import record
from app.core.deadlines import zone
from app.core.snapshot import AgreementSnap, PartySnap
from app.models.tables import (
    agreements_table,
    commitments_table,
    counterparties_table,
    messages_table,
    outbox_table,
    reviews_table,
    versions_table,
)
from app.outbound.calendar import Entry, calendar_bytes
from app.outbound.links import agreement_link, answer_link, mark_link
from mail.compose import (
    OutboundMessage,
    Party,
    bounce_address,
    check_notice_mail,
    check_version_mail,
    compose_notice,
    compose_owner_copy,
    compose_summary,
    deadline_in_words,
    deadline_with_offset,
)
from mail.ids import new_message_id
from mail.redact import copy_digest, redact_text

log = logging.getLogger("accord.outbound")

DRAFT = "draft"  # messages.status of a draft; "queued" once composed


@dataclass(frozen=True)
class Addressee:
    """A counterparty a version's summary goes to, and where it threads; ``position`` is
    its place among the version's parties (the others are named in its copy)."""

    position: int
    id: int
    email: str
    name: str
    token: str
    bounce_token: str
    deadline: datetime
    in_reply_to: str | None = None
    references: Sequence[str] = ()
    # Told for their information: no answer is asked of them, and their silence means
    # nothing (they are never deemed), so their copy has no answer links and no request.
    informational: bool = False
    tz: str | None = None  # the recipient's own zone, if the owner gave it


def tracking_from(envelope_from: str) -> str:
    """The address an outbound message is from, as the API and dashboard show it: the
    envelope sender without its ``+bounce-<token>`` tag (the token is a secret)."""
    local, _, domain = envelope_from.rpartition("@")
    return f"{local.split('+', 1)[0]}@{domain}"


def version_drafts(
    settings: Settings,
    *,
    agreement_id: str,
    ref: str,
    owner: Party,
    owner_timezone: str,
    title: str,
    number: int,
    deadline: datetime,
    parties: list[Party],
    addressed: list[Addressee],
    now: datetime,
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """The stored messages' and outbox rows' columns of a version's summaries, as drafts:
    one to each of ``addressed`` (the pending counterparties among ``parties``), in order,
    then the owner's copy, which lists every party. Raises ValueError for what composing
    them would refuse (``mail.compose.check_version_mail``)."""
    message_ids = [new_message_id(settings.message_id_domain) for _ in range(len(addressed) + 1)]
    subject = check_version_mail(
        owner=owner,
        tracking_address=settings.tracking_address,
        recipients=parties,
        tokens=[t for to in addressed for t in (to.token, to.bounce_token)],
        ref=ref,
        title=title,
        version=number,
        message_ids=message_ids,
        date=now,
    )
    common = {"owner": [owner.email, owner.name], "tz": owner_timezone, "version": number}
    pairs = []
    for to, message_id in zip(addressed, message_ids, strict=False):
        draft = {
            **common,
            "to": [to.email, to.name],
            "parties": [[p.email, p.name] for n, p in enumerate(parties) if n != to.position],
            "deadline": to.deadline.isoformat(),
            "in_reply_to": to.in_reply_to,
            "references": list(to.references),
            "informational": to.informational,
            "recipient_tz": to.tz,
        }
        envelope_from = bounce_address(settings.tracking_address, to.bounce_token)
        pairs.append(
            _draft_values(
                message_id,
                envelope_from,
                to.email,
                subject,
                "summary",
                draft,
                now,
                agreement_id=agreement_id,
                counterparty_id=to.id,
            )
        )
    draft = {
        **common,
        "to": [owner.email, owner.name],
        "parties": [[p.email, p.name] for p in parties],
        "deadline": deadline.isoformat(),
    }
    envelope_from = bounce_address(settings.tracking_address)
    pairs.append(
        _draft_values(
            message_ids[-1],
            envelope_from,
            owner.email,
            subject,
            "owner_copy",
            draft,
            now,
            agreement_id=agreement_id,
            counterparty_id=None,
        )
    )
    return pairs


def _draft_values(
    message_id: str,
    envelope_from: str,
    to: str,
    subject: str,
    kind: str,
    draft: dict[str, Any],
    now: datetime,
    *,
    agreement_id: str,
    counterparty_id: int | None,
    dedupe_key: str | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    return outbound_values(
        message_id=message_id,
        envelope_from=envelope_from,
        recipients=[to],
        subject=subject,
        kind=kind,
        agreement_id=agreement_id,
        counterparty_id=counterparty_id,
        dedupe_key=dedupe_key,
        now=now,
        status=DRAFT,
        content={
            "sha256": None,
            "copy_sha256": None,
            "size": None,
            "raw": None,
            "details": {"draft": draft},
        },
    )


def outbound_values(
    *,
    message_id: str,
    envelope_from: str,
    recipients: list[str],
    subject: str,
    kind: str,
    agreement_id: str | None,
    counterparty_id: int | None,
    dedupe_key: str | None,
    now: datetime,
    status: str,
    content: dict[str, Any],
) -> tuple[dict[str, Any], dict[str, Any]]:
    """An outbound message's stored columns and its outbox row's (without the message's row
    id), queued ``now``. ``status`` and ``content`` tell a draft (``DRAFT``, no bytes yet,
    its draft in ``details``) from a composed message (``queued``, its bytes, their digests
    and size)."""
    stored = {
        "direction": "out",
        "source": "outbox",
        "message_id": message_id,
        "from_addr": tracking_from(envelope_from),
        "subject": subject,
        "kind": kind,
        "status": status,
        "agreement_id": agreement_id,
        "counterparty_id": counterparty_id,
        "received_at": now,
        **content,
    }
    queued = {
        "kind": kind,
        "agreement_id": agreement_id,
        "counterparty_id": counterparty_id,
        "envelope_from": envelope_from,
        "recipients": recipients,
        "next_attempt_at": now,
        "dedupe_key": dedupe_key,
        "created_at": now,
    }
    return stored, queued


def _notice_draft(
    settings: Settings,
    kind: str,
    to: Party,
    subject: str,
    draft: dict[str, Any],
    now: datetime,
    *,
    ref: str,
    bounce_token: str | None,
    agreement_id: str,
    counterparty_id: int | None,
    dedupe_key: str | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """``_draft_values`` of a notice (``_compose_notice`` composes it) under a new
    Message-ID, in the thread ``draft`` names, once ``check_notice_mail`` has let it pass:
    its subject is the one composing will write."""
    message_id = new_message_id(settings.message_id_domain)
    checked = check_notice_mail(
        to=to,
        tracking_address=settings.tracking_address,
        subject=subject,
        ref=ref,
        message_id=message_id,
        thread=draft["thread"],
        date=now,
    )
    return _draft_values(
        message_id,
        bounce_address(settings.tracking_address, bounce_token),
        to.email,
        checked,
        kind,
        draft,
        now,
        agreement_id=agreement_id,
        counterparty_id=counterparty_id,
        dedupe_key=dedupe_key,
    )


def alert_about(
    settings: Settings,
    agreement: record.AgreementLike,
    party: record.Party | None,
    *,
    headline: str,
    deciding_text: str | None,
    now: datetime,
    dedupe_key: str | None = None,
    mark_row_id: int | None = None,
    why: str | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The stored message's and outbox row's columns of an owner alert, as a draft: the
    owner's notice that a counterparty asked for a clarification, disputed, bounced...,
    in the thread of that counterparty's summary when there is one. Queued by the inbound
    pipeline, by delivery when a summary cannot be delivered, and by the answer page
    (``queue_owner_alert``). ``why``: the classifier's reason for a reply it did not read as
    a confirmation."""
    summary_message_id = party.summary_message_id if party else None
    thread = [summary_message_id] if summary_message_id else []
    owner = Party(agreement.owner_email, agreement.owner_name)
    draft = {
        "owner": [owner.email, owner.name],
        "title": agreement.title,
        "headline": headline,
        "counterparty": [party.email, party.name] if party else None,
        # What a counterparty wrote may quote their summary's tokens: never to the owner.
        "deciding_text": redact_text(deciding_text) if deciding_text else deciding_text,
        "thread": thread,
        # The reply read as a clarification, which the owner may mark a confirmation.
        "mark": mark_row_id,
        # It quotes the reply's words, which may hold a token too.
        "why": redact_text(why) if why else None,
    }
    return _notice_draft(
        settings,
        "owner_alert",
        owner,
        _alert_subject(headline),
        draft,
        now,
        ref=agreement.ref,
        bounce_token=None,
        agreement_id=agreement.id,
        counterparty_id=party.id if party else None,
        dedupe_key=dedupe_key,
    )


def capture_notice_draft(
    settings: Settings,
    *,
    agreement_id: str,
    ref: str,
    title: str,
    owner: Party,
    owner_timezone: str,
    to: Addressee,
    captured_message_id: str | None,
    captured_at: datetime,
    now: datetime,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The stored message's and outbox row's columns of the notice Accord sends a
    counterparty of a captured summary (``app.inbound.capture``), as a draft: in the thread
    of the owner's own message, with the counterparty's reply and bounce tokens. Its
    hand-off is the proof of delivery deeming needs (SPEC §6)."""
    draft = {
        "owner": [owner.email, owner.name],
        "to": [to.email, to.name],
        "tz": owner_timezone,
        "title": title,
        "sent_on": captured_at.isoformat(),
        "deadline": to.deadline.isoformat(),
        "thread": [captured_message_id] if captured_message_id else [],
    }
    return _notice_draft(
        settings,
        "capture_notice",
        Party(to.email, to.name),
        title,
        draft,
        now,
        ref=ref,
        bounce_token=to.bounce_token,
        agreement_id=agreement_id,
        counterparty_id=to.id,
    )


RECEIPT_SUBJECTS = {
    "confirmed": "Recorded: you confirmed",
    "confirmed_after_clarification": "Recorded: you confirmed",
    "clarification": "Recorded: your request for a clarification of",
    "delivery_acknowledged": "Recorded: you acknowledged a delivery for",
    "delivery_disputed": "Recorded: your answer about a delivery for",
    "marked_confirmation": "Recorded as your confirmation:",
}


def receipt_draft(
    settings: Settings,
    agreement: AgreementSnap,
    party: PartySnap,
    *,
    answer: str,
    via: str,
    text: str | None,
    seal_line: str,
    now: datetime,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The stored message's and outbox row's columns of a counterparty's receipt for an
    answer recorded in their name (SPEC §5), as a draft: sent on the owner's behalf in the
    summary's thread, with the counterparty's reply token, so "this was not me" is a reply
    like any other. ``seal_line`` is the chain head after the answer, signed."""
    plain_subject = f"{RECEIPT_SUBJECTS[answer]} {agreement.title}"[:150]
    draft = {
        "owner": [agreement.owner_email, agreement.owner_name],
        "to": [party.email, party.name],
        "title": agreement.title,
        "answer": answer,
        "via": via,
        "text": redact_text(text) if text else None,
        "seal": seal_line,
        "thread": [party.summary_message_id] if party.summary_message_id else [],
        "subject": plain_subject,
    }
    return _notice_draft(
        settings,
        "receipt",
        Party(party.email, party.name),
        plain_subject,
        draft,
        now,
        ref=agreement.ref,
        bounce_token=party.bounce_token,
        agreement_id=agreement.id,
        counterparty_id=party.id,
    )


def _alert_subject(headline: str) -> str:
    return headline[:150]


# --- composing -----------------------------------------------------------------------------

_DRAFTS = (
    select(
        messages_table.c.id,
        messages_table.c.message_id,
        messages_table.c.kind,
        messages_table.c.agreement_id,
        messages_table.c.counterparty_id,
        messages_table.c.received_at,
        messages_table.c.details,
        agreements_table.c.ref,
        counterparties_table.c.token,
        counterparties_table.c.bounce_token,
        counterparties_table.c.answer_token,
    )
    .join(agreements_table, agreements_table.c.id == messages_table.c.agreement_id)
    .outerjoin(counterparties_table, counterparties_table.c.id == messages_table.c.counterparty_id)
    .where(messages_table.c.status == DRAFT)
    .order_by(messages_table.c.id)
)
_TEXTS = select(
    versions_table.c.agreement_id,
    versions_table.c.number,
    versions_table.c.title,
    versions_table.c.summary,
).where(versions_table.c.agreement_id.in_(bindparam("agreements", expanding=True)))
# The commitments and review date a version's summary lists (SPEC §10): those written with
# it, never those the owner added afterwards, which its recipients did not see.
_COMMITMENTS = (
    select(
        commitments_table.c.agreement_id,
        commitments_table.c.version,
        commitments_table.c.by,
        commitments_table.c.what,
        commitments_table.c.due,
    )
    .where(
        commitments_table.c.agreement_id.in_(bindparam("agreements", expanding=True)),
        commitments_table.c.in_summary.is_(True),
    )
    .order_by(
        commitments_table.c.agreement_id,
        commitments_table.c.version,
        commitments_table.c.position,
    )
)
_REVIEWS = select(
    reviews_table.c.agreement_id, reviews_table.c.version, reviews_table.c.review_at
).where(
    reviews_table.c.agreement_id.in_(bindparam("agreements", expanding=True)),
    reviews_table.c.in_summary.is_(True),
)

Terms = dict[tuple[str, int], tuple[list[tuple[str, str, datetime | None]], datetime | None]]


def _terms(session: Session, agreement_ids: list[str]) -> Terms:
    found: Terms = {}
    params = {"agreements": agreement_ids}
    for row in session.execute(_COMMITMENTS, params):
        found.setdefault((row.agreement_id, row.version), ([], None))[0].append(
            (row.by, row.what, row.due)
        )
    for row in session.execute(_REVIEWS, params):
        listed, _ = found.get((row.agreement_id, row.version), ([], None))
        found[(row.agreement_id, row.version)] = (listed, row.review_at)
    return found


_COMPOSED = (
    update(messages_table)
    .where(messages_table.c.id == bindparam("b_id"), messages_table.c.status == DRAFT)
    .values(
        raw=bindparam("b_raw"),
        sha256=bindparam("b_sha256"),
        copy_sha256=bindparam("b_copy_sha256"),
        size=bindparam("b_size"),
        status="queued",
    )
)


def compose_drafts(
    session: Session,
    settings: Settings,
    *,
    message_rows: Collection[int] | None = None,
    outbox_rows: Collection[int] | None = None,
    agreement_id: str | None = None,
    failed: Callable[[int, str], None] | None = None,
) -> int:
    """Compose and store the drafts among ``message_rows`` (or those ``outbox_rows`` send,
    or one agreement's, or all); returns how many were composed. A draft that cannot be
    composed stays a draft; ``failed`` is told its message row id and why (delivery fails
    its outbox row, as it would a permanent SMTP refusal).

    Safe to call concurrently: a draft is stored only while it is still a draft, so the
    first writer's bytes are the ones kept."""
    stmt = _DRAFTS
    if message_rows is not None:
        if not message_rows:
            return 0
        stmt = stmt.where(messages_table.c.id.in_(sorted(message_rows)))
    if outbox_rows is not None:
        if not outbox_rows:
            return 0
        sent_by = select(outbox_table.c.message_row_id).where(
            outbox_table.c.id.in_(sorted(outbox_rows))
        )
        stmt = stmt.where(messages_table.c.id.in_(sent_by))
    if agreement_id is not None:
        stmt = stmt.where(messages_table.c.agreement_id == agreement_id)
    drafts = session.execute(stmt).all()
    if not drafts:
        return 0
    agreement_ids = sorted({d.agreement_id for d in drafts})
    texts = {
        (row.agreement_id, row.number): (row.title, row.summary)
        for row in session.execute(_TEXTS, {"agreements": agreement_ids})
    }
    terms = _terms(session, agreement_ids)
    composed = []
    for row in drafts:
        try:
            message = _compose(settings, row, texts, terms)
        except (ValueError, KeyError, TypeError) as exc:
            log.error("outbound draft %s cannot be composed: %s", row.id, exc)
            if failed is not None:
                failed(row.id, f"cannot compose the message: {exc}")
            continue
        composed.append(
            {
                "b_id": row.id,
                "b_raw": message.data,
                "b_sha256": hashlib.sha256(message.data).hexdigest(),
                "b_copy_sha256": copy_digest(message.data),
                "b_size": len(message.data),
            }
        )
    if composed:
        session.connection().execute(_COMPOSED, composed)
    return len(composed)


_FROM_VERSION = ("summary", "owner_copy")  # drafts whose text is their version's


def _deadline_ics(
    settings: Settings, row: Any, title: str, deadline: datetime
) -> tuple[str, str, bytes]:
    """The reply deadline as a calendar entry for the owner's copy (SPEC §10)."""
    version = row.details["draft"]["version"]
    entry = Entry(
        uid=f"deadline-{row.agreement_id}-v{version}@{settings.message_id_domain}",
        summary=f"Replies due: {title} [{row.ref}]",
        start=deadline,
        description="Silence by this time counts as agreement; Accord records who answered.",
        url=agreement_link(settings, row.agreement_id),
        alarm_minutes=0,
    )
    return ("reply-deadline.ics", "text/calendar", calendar_bytes([entry], stamp=row.received_at))


def _compose_notice(
    settings: Settings,
    row: Any,
    *,
    to: Party,
    subject: str,
    context: dict[str, Any],
    on_behalf_of: Party | None = None,
) -> OutboundMessage:
    """A notice draft (``_notice_draft``) composed, its template named as its kind, in the
    draft's thread. A notice to a counterparty (``on_behalf_of`` the owner) carries their
    reply and bounce tokens."""
    thread = row.details["draft"]["thread"]
    if on_behalf_of is None:
        tokens: dict[str, Any] = {}
    else:
        tokens = {
            "reply_token": row.token,
            "bounce_token": row.bounce_token,
            "on_behalf_of": on_behalf_of.label,
        }
    return compose_notice(
        kind=row.kind,
        to=to,
        tracking_address=settings.tracking_address,
        subject=subject,
        ref=row.ref,
        template=row.kind,
        context=context,
        message_id=row.message_id,
        in_reply_to=thread[-1] if thread else None,
        references=thread,
        date=row.received_at,
        **tokens,
    )


def _compose_for_owner(
    settings: Settings, row: Any, *, subject: str, context: dict[str, Any]
) -> OutboundMessage:
    """A notice draft to the counterparty the draft names, on the owner's behalf, about the
    agreement's title (a capture notice, a receipt)."""
    draft = row.details["draft"]
    owner = Party(*draft["owner"])
    return _compose_notice(
        settings,
        row,
        to=Party(*draft["to"]),
        subject=subject,
        context={"owner": owner, "title": draft["title"], **context},
        on_behalf_of=owner,
    )


def _compose(
    settings: Settings,
    row: Any,
    texts: dict[tuple[str, int], tuple[str, str]],
    terms: Terms | None = None,
) -> OutboundMessage:
    draft = row.details["draft"]
    if row.kind == "owner_alert":
        cp = draft["counterparty"]
        return _compose_notice(
            settings,
            row,
            to=Party(*draft["owner"]),
            subject=_alert_subject(draft["headline"]),
            context={
                "headline": draft["headline"],
                "title": draft["title"],
                "counterparty": Party(*cp) if cp else None,
                "deciding_text": draft["deciding_text"],
                "why": draft.get("why"),  # drafts queued before it was kept have none
                "agreement_url": agreement_link(settings, row.agreement_id),
                "mark_url": mark_link(
                    settings,
                    message_row_id=draft["mark"],
                    agreement_id=row.agreement_id,
                    now=row.received_at,
                )
                if draft.get("mark")
                else None,
            },
        )
    if row.kind == "capture_notice":
        tz = zone(draft["tz"])
        return _compose_for_owner(
            settings,
            row,
            subject=draft["title"],
            context={
                "sent_on": deadline_in_words(datetime.fromisoformat(draft["sent_on"]), tz),
                "deadline_words": deadline_with_offset(
                    datetime.fromisoformat(draft["deadline"]), tz
                ),
                "answer_url": answer_link(settings, row.answer_token),
            },
        )
    if row.kind == "receipt":
        return _compose_for_owner(
            settings,
            row,
            subject=draft["subject"],
            context={
                "answer": draft["answer"],
                "via": draft["via"],
                "text": draft["text"],
                "recorded_at": deadline_in_words(row.received_at, zone("UTC")),
                "seal": draft["seal"],
            },
        )
    title, summary = texts[(row.agreement_id, draft["version"])]
    commitments, review_at = (terms or {}).get((row.agreement_id, draft["version"]), ([], None))
    owner = Party(*draft["owner"])
    parties = [Party(*p) for p in draft["parties"]]
    common = {
        "owner": owner,
        "tracking_address": settings.tracking_address,
        "ref": row.ref,
        "title": title,
        "summary": summary,
        "deadline": datetime.fromisoformat(draft["deadline"]),
        "message_id": row.message_id,
        "version": draft["version"],
        "date": row.received_at,
        "commitments": commitments,
        "review_at": review_at,
    }
    if row.kind == "summary":
        informational = bool(draft.get("informational"))
        return compose_summary(
            **common,
            recipient=Party(*draft["to"]),
            token=row.token,
            bounce_token=row.bounce_token,
            recipient_tz=zone(draft.get("recipient_tz") or draft["tz"]),
            zone_is_theirs=bool(draft.get("recipient_tz")),
            other_parties=parties,
            in_reply_to=draft["in_reply_to"],
            references=draft["references"],
            answer_url=None if informational else answer_link(settings, row.answer_token),
            informational=informational,
        )
    if row.kind == "owner_copy":
        return compose_owner_copy(
            **common,
            recipients=parties,
            owner_tz=zone(draft["tz"]),
            agreement_url=agreement_link(settings, row.agreement_id),
            attachments=[_deadline_ics(settings, row, title, common["deadline"])],
        )
    raise ValueError(f"no draft composer for {row.kind!r}")
