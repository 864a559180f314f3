"""The owner's word that a reply Accord read as a clarification was a confirmation (SPEC §5).

Marking is the owner's resolution, recorded as their own event (``marked_confirmation``,
never as the counterparty's answer), and it teaches the classifier for that owner only: the
phrases that kept the reply from reading as agreement (``mail.classify.feedback_phrases``;
none at all from a reply with a question, a condition, a change or an edited quote) count as
agreement in that owner's later replies (``classify_reply(accepted=...)``), never in another
owner's, and never outweigh a risk.

Functions take the caller's session and never commit; the caller holds the agreement's lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.config import Settings
from app.core.lifecycle import CpStatus
from app.core.record import transition
from app.errors import Conflict, DomainError, InvalidTransition, NotFound
from app.inbound.decide import reading_inputs
from app.inbound.load import sent_texts
from app.inbound.pipeline import parse
from app.models import AcceptedPhrase, Agreement, Counterparty, Event, StoredMessage
from app.outbound.service import queue_receipt
from mail.classify import feedback_phrases

MAX_PHRASE = 200
MAX_LEARNED = 20


@dataclass(frozen=True)
class Marked:
    counterparty: Counterparty
    learned: list[str]  # phrases newly or already accepted for this owner


# What stands on the record as a counterparty's answer, whoever gave it and however (a
# reply, the answer page, the owner's word): marking a reply recorded before any of these
# would set their older words over what they said since.
ANSWERS = frozenset(
    {
        CpStatus.CONFIRMED,
        CpStatus.CLARIFICATION_REQUESTED,
        CpStatus.DEEMED_ACCEPTED,
        CpStatus.OWNER_ATTESTED,
        "answered",
        "marked_confirmation",
        "resolved",
        "unverified_accepted",
    }
)


def markable(session: Session, agreement: Agreement, message: StoredMessage) -> Counterparty:
    """The counterparty whose clarification ``message`` is, when the owner may mark it a
    confirmation: a processed reply read as a clarification, which put its sender in
    ``clarification_requested`` and is their latest answer on the record. Raises why not
    otherwise."""
    if message.direction != "in" or message.agreement_id != agreement.id:
        raise NotFound("no such reply in this agreement")
    if message.status != "processed" or message.classification != "clarification":
        raise Conflict("only a reply Accord read as a clarification can be marked a confirmation")
    cp = session.get(Counterparty, message.counterparty_id) if message.counterparty_id else None
    if cp is None or cp.agreement_id != agreement.id:
        raise Conflict("this reply was not recorded as a counterparty's answer")
    if cp.status != CpStatus.CLARIFICATION_REQUESTED:
        raise InvalidTransition(f"{cp.email} is {cp.status}: there is no clarification to mark")
    _check_latest(session, cp, message)
    return cp


def _check_latest(session: Session, cp: Counterparty, message: StoredMessage) -> None:
    """Refuse unless no answer of ``cp`` follows, in the chain, the event that first recorded
    ``message``. The chain, not the stored messages: an answer on the answer page has no
    message, and a message may be recorded long after it was received (an owner's review)."""
    recorded = session.scalar(
        select(func.min(Event.seq)).where(
            Event.agreement_id == cp.agreement_id, Event.message_row_id == message.id
        )
    )
    if recorded is None:
        raise Conflict("this reply is not on the record as an answer")
    later = session.scalar(
        select(Event.type)
        .where(
            Event.agreement_id == cp.agreement_id,
            Event.counterparty_id == cp.id,
            Event.seq > recorded,
            Event.type.in_(ANSWERS),
        )
        .order_by(Event.seq)
        .limit(1)
    )
    if later is not None:
        raise Conflict(
            f"{cp.email} answered again since ({later}): only their latest answer can be marked"
        )


def mark_confirmation(
    session: Session,
    settings: Settings,
    *,
    agreement: Agreement,
    message: StoredMessage,
    actor: str,
    note: str = "",
    now: datetime,
) -> Marked:
    """Record the owner's word that ``message`` confirmed the summary, and remember the
    phrases it carried for this owner's later replies."""
    cp = markable(session, agreement, message)
    parsed = parse(settings, message.raw or b"")
    key = (agreement.id, cp.summary_message_id or "")
    sent = sent_texts(session.connection(), [key]).get(key)
    learned = feedback_phrases(
        parsed.reply_text or "",
        **reading_inputs(
            parsed, party_name=cp.name, owner_name=agreement.owner.name, sent_text=sent
        ),
    )
    learned = [p for p in learned if len(p) <= MAX_PHRASE][:MAX_LEARNED]
    transition(
        session,
        counterparty=cp,
        to=CpStatus.CONFIRMED,
        actor=actor,
        at=now,
        message=message,
        event_type="marked_confirmation",
        data={"note": note, "classifier_said": message.reason, "learned": learned},
    )
    known = set(
        session.scalars(
            select(AcceptedPhrase.phrase).where(
                AcceptedPhrase.owner_id == agreement.owner_id, AcceptedPhrase.phrase.in_(learned)
            )
        )
    )
    for phrase in learned:
        if phrase not in known:
            session.add(
                AcceptedPhrase(
                    owner_id=agreement.owner_id,
                    phrase=phrase,
                    message_row_id=message.id,
                    created_at=now,
                )
            )
    # Their words now stand on the record as a confirmation, by the owner's reading: they
    # are told so, and may answer (an answer to the receipt is an answer to the summary).
    queue_receipt(
        session,
        settings,
        agreement,
        cp,
        answer="marked_confirmation",
        via="owner",
        text=parsed.reply_text or "",
        now=now,
    )
    return Marked(cp, learned)


def markable_replies(
    session: Session, agreement: Agreement
) -> list[tuple[Counterparty, StoredMessage]]:
    """Each counterparty whose latest answer is a reply read as a clarification, with that
    reply: what the owner may mark a confirmation (``markable`` decides)."""
    found = []
    for cp in agreement.counterparties:
        if cp.status != CpStatus.CLARIFICATION_REQUESTED:
            continue
        latest = session.scalars(
            select(StoredMessage)
            .where(
                StoredMessage.direction == "in",
                StoredMessage.counterparty_id == cp.id,
                StoredMessage.status == "processed",
            )
            .order_by(StoredMessage.id.desc())
            .limit(1)
        ).first()
        if latest is None:
            continue
        try:
            found.append((markable(session, agreement, latest), latest))
        except DomainError:
            continue
    return found
