"""Moving one counterparty's deadline: the owner's extension, or the away policy's."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from app.agreements.lifecycle import CpStatus
from app.agreements.service import transition
from app.errors import InvalidDeadline, InvalidTransition
from app.evidence.chain import format_time
from app.evidence.log import append_event
from app.models import Counterparty
from app.timekeeping.reminders import schedule_next


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
    schedule_next(cp.agreement, cp, after=now)
