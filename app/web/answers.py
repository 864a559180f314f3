"""The one-click answer page (SPEC §4 links): a counterparty confirms, or says something is not
right, without writing an email.

Looking at the page records nothing (mail scanners and link previews fetch every link); only
``record_answer`` does, and it records the answer like a reply: the counterparty moves through
the same lifecycle, the event names the page, the IP and the user agent, and a clarification
alerts the owner.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.config import Settings
from app.core.events import append_event
from app.core.lifecycle import CpStatus, can_move
from app.core.record import lock_agreement, transition
from app.errors import Conflict, Invalid, NotFound
from app.inbound.decide import KEPT, kept_because
from app.models import Agreement, Counterparty
from app.outbound.service import queue_owner_alert, queue_receipt

MAX_TEXT = 4000
MAX_USER_AGENT = 500


class Answer(StrEnum):
    CONFIRM = "confirm"
    CLARIFY = "clarify"


class PageState(StrEnum):
    OPEN = "open"  # the form is shown
    WITHDRAWN = "withdrawn"
    SUPERSEDED = "superseded"
    NOT_OPEN = "not_open"  # not sent yet, or bounced: nothing to answer here


class AnswerClosed(
    Conflict, type="answer-closed", title="This summary can no longer be answered here"
):
    def __init__(self, state: PageState, detail: str) -> None:
        super().__init__(detail)
        self.state = state


@dataclass(frozen=True)
class Recorded:
    answer: Answer
    counterparty: Counterparty
    changed: bool  # False: the same confirmation again, nothing new recorded


def find_by_token(session: Session, *, token: str) -> Counterparty:
    """The counterparty a link belongs to (any version), or NotFound."""
    if not token or len(token) > 64:
        raise NotFound("no such link")
    cp = session.scalar(
        select(Counterparty)
        .where(Counterparty.answer_token == token)
        .options(
            selectinload(Counterparty.agreement).selectinload(Agreement.owner),
            selectinload(Counterparty.version),
        )
    )
    if cp is None:
        raise NotFound("no such link")
    return cp


def page_state(cp: Counterparty) -> PageState:
    if cp.agreement.withdrawn_at is not None:
        return PageState.WITHDRAWN
    if cp.version.status == "superseded" or cp.version.number != cp.agreement.version:
        return PageState.SUPERSEDED
    current = CpStatus(cp.status)
    if not (can_move(current, CpStatus.CONFIRMED) or current == CpStatus.CONFIRMED):
        return PageState.NOT_OPEN
    return PageState.OPEN


def _check_open(cp: Counterparty) -> None:
    state = page_state(cp)
    if state == PageState.WITHDRAWN:
        raise AnswerClosed(state, "the agreement was withdrawn")
    if state == PageState.SUPERSEDED:
        raise AnswerClosed(state, "a revised version replaced this summary")
    if state == PageState.NOT_OPEN:
        raise AnswerClosed(state, f"this summary cannot be answered while {cp.status}")


def record_answer(
    session: Session,
    settings: Settings,
    *,
    token: str,
    answer: Answer | str,
    text: str,
    ip: str | None,
    user_agent: str | None,
    now: datetime,
) -> Recorded:
    """Record the counterparty's answer from the page, like a reply by email."""
    answer = Answer(answer)
    text = text.strip()
    if answer == Answer.CLARIFY and not text:
        raise Invalid("say briefly what is not right")
    if len(text) > MAX_TEXT:
        raise Invalid(f"keep it under {MAX_TEXT} characters")
    found = find_by_token(session, token=token)
    # Take the row lock first, then look again: the state may have changed while we waited.
    agreement = lock_agreement(session, found.agreement_id)
    cp = next(c for c in agreement.counterparties if c.id == found.id)
    _check_open(cp)
    target = CpStatus.CONFIRMED if answer == Answer.CONFIRM else CpStatus.CLARIFICATION_REQUESTED
    if cp.status == target == CpStatus.CONFIRMED:
        return Recorded(answer, cp, changed=False)  # a second click on Confirm
    cp.replied_at = cp.replied_at or now
    data = {
        "via": "answer_page",
        "classification": "confirmation" if answer == Answer.CONFIRM else "clarification",
        "text": text,
        "ip": ip,
        "user_agent": (user_agent or "")[:MAX_USER_AGENT],
        "before_deadline": now < cp.deadline,
    }
    receipt = "confirmed" if answer == Answer.CONFIRM else "clarification"
    kept = kept_because(CpStatus(cp.status), target, arrived_at=now, clicked=True)
    if kept is not None:
        # The page opens only where either answer could move (``page_state``), so this is
        # Confirm after a written clarification. Both go on the record, in order, and the
        # owner settles it (``revisions.resolve``).
        receipt = "confirmed_after_clarification"
        append_event(
            session,
            agreement=agreement,
            type=KEPT,
            actor=cp.email,
            counterparty=cp,
            at=now,
            data={**data, "status_kept": cp.status, "kept_because": kept},
        )
        headline = (
            f"{cp.name or cp.email} confirmed on the answer page after asking for a "
            "clarification: review both"
        )
    else:
        transition(session, counterparty=cp, to=target, actor=cp.email, at=now, data=data)
        headline = f"{cp.name or cp.email} asked for a clarification"
    if target == CpStatus.CLARIFICATION_REQUESTED or receipt != "confirmed":
        queue_owner_alert(
            session,
            settings=settings,
            agreement=agreement,
            headline=headline,
            counterparty=cp,
            deciding_text=text,
            now=now,
        )
    queue_receipt(
        session, settings, agreement, cp, answer=receipt, via="answer_page", text=text, now=now
    )
    return Recorded(answer, cp, changed=True)
