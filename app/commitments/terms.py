"""The terms an agreement's summary carries besides its text: commitments and the review
date, as the owner gives them (API, dashboard, ``Due:``/``Review:`` lines in captured mail),
resolved to instants in the owner's time zone.

A leaf module: the creation service (``app.agreements.service``) and revisions use it, so it
imports no feature."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.core.chain import format_time
from app.core.deadlines import at_local, parse_clock, zone
from app.db import new_id
from app.errors import Invalid
from app.models import AgreementReview, Commitment

OWNER = "owner"
MAX_COMMITMENTS = 50


@dataclass(frozen=True)
class CommitmentPlan:
    """One commitment about to be written: ``by`` is ``"owner"`` or a counterparty's address."""

    by: str
    what: str
    due: datetime | None
    id: str = field(default_factory=new_id)

    def record(self) -> dict[str, Any]:
        """As the event that creates it records it (and the API shows it)."""
        return {
            "id": self.id,
            "by": self.by,
            "what": self.what,
            "due": format_time(self.due) if self.due else None,
        }


@dataclass(frozen=True)
class Terms:
    commitments: tuple[CommitmentPlan, ...] = ()
    review_at: datetime | None = None

    def record(self) -> dict[str, Any]:
        """What the "created"/"revised" event says of them (nothing when there are none, so
        agreements without terms keep the events they always had)."""
        if not self.commitments and self.review_at is None:
            return {}
        return {
            "commitments": [c.record() for c in self.commitments],
            "review_at": format_time(self.review_at) if self.review_at else None,
        }


def when(value: str | datetime | date | None, *, tz: str, day_end: str) -> datetime | None:
    """An instant from an ISO date (the end of that business day in the owner's zone) or an
    ISO date-time with an offset."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        return at_local(value, parse_clock(day_end), zone(tz))
    else:
        text = value.strip()
        try:
            if len(text) == 10:
                return at_local(date.fromisoformat(text), parse_clock(day_end), zone(tz))
            moment = datetime.fromisoformat(text)
        except ValueError as exc:
            raise Invalid(f"{value!r} is not an ISO date (2027-06-30) or date-time") from exc
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise Invalid(f"{value!r} needs a UTC offset, or give a date alone")
    return moment


def plan_terms(
    commitments: Iterable[tuple[str, str, str | datetime | date | None]],
    review_at: str | datetime | date | None,
    *,
    counterparties: Sequence[str],
    tz: str,
    day_end: str,
) -> Terms:
    """Checked terms: each commitment by the owner or by one of ``counterparties``."""
    known = {c.lower() for c in counterparties}
    plans = []
    for by, what, due in commitments:
        who = by.strip().lower() or OWNER
        if who != OWNER and who not in known:
            raise Invalid(f'commitment by {by!r}: use "owner" or a counterparty\'s address')
        text = " ".join(what.split())
        if not text:
            raise Invalid("a commitment needs a `what`")
        plans.append(CommitmentPlan(who, text[:2000], when(due, tz=tz, day_end=day_end)))
    if len(plans) > MAX_COMMITMENTS:
        raise Invalid(f"at most {MAX_COMMITMENTS} commitments")
    return Terms(tuple(plans), when(review_at, tz=tz, day_end=day_end))


# ``Due: 2027-06-30``, ``Due (mike@example.com): 2027-06-30 - the budget``,
# ``Review: 2027-07-15``: lines a user may write in a captured summary.
_DUE = re.compile(
    r"^\s*due(?:\s*\((?P<by>[^)]+)\))?\s*:\s*(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:\s*(?:[-–—:,]\s*)?(?P<what>.+))?$",
    re.IGNORECASE,
)
_REVIEW = re.compile(r"^\s*review\s*:\s*(?P<date>\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)


def terms_in_text(
    text: str, *, title: str, counterparties: Sequence[str], tz: str, day_end: str
) -> Terms:
    """The ``Due:`` and ``Review:`` lines of a captured summary. A due line without its own
    words is about the line before it (or the title)."""
    found: list[tuple[str, str, str | None]] = []
    review: str | None = None
    previous = ""
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.lstrip().startswith(">"):
            continue  # quoted history is not the owner's commitment
        due, rev = _DUE.match(line), _REVIEW.match(line)
        if due:
            what = (due["what"] or "").strip() or previous or title
            found.append(((due["by"] or OWNER).strip(), what, due["date"]))
        elif rev and review is None:
            review = rev["date"]
        elif line.strip():
            previous = line.strip()
    known = {c.lower() for c in counterparties}
    usable = [(by, what, d) for by, what, d in found if by.lower() in known | {OWNER}]
    try:
        return plan_terms(usable, review, counterparties=counterparties, tz=tz, day_end=day_end)
    except Invalid:
        return Terms()  # an impossible date in someone's mail is no reason to lose the capture


def write_terms(
    session: Session,
    *,
    agreement_id: str,
    version: int,
    terms: Terms,
    in_summary: bool,
    now: datetime,
    first_position: int = 0,
) -> None:
    """Write a version's commitments and review date (the caller writes the event that
    records them, in the same transaction)."""
    rows = [
        {
            "id": c.id,
            "agreement_id": agreement_id,
            "version": version,
            "position": first_position + n,
            "by": c.by,
            "what": c.what,
            "due": c.due,
            "in_summary": in_summary,
            "created_at": now,
        }
        for n, c in enumerate(terms.commitments)
    ]
    if rows:
        session.execute(insert(Commitment), rows)
    if terms.review_at is not None:
        session.merge(
            AgreementReview(
                agreement_id=agreement_id,
                version=version,
                review_at=terms.review_at,
                in_summary=in_summary,
            )
        )


def version_terms(session: Session, agreement_id: str, version: int) -> Terms:
    """The terms a version carries (its commitments, in order, and its review date), with
    those the owner added afterwards."""
    rows = session.scalars(
        select(Commitment)
        .where(Commitment.agreement_id == agreement_id, Commitment.version == version)
        .order_by(Commitment.position)
    ).all()
    review = session.get(AgreementReview, (agreement_id, version))
    return Terms(
        tuple(CommitmentPlan(r.by, r.what, r.due, r.id) for r in rows),
        review.review_at if review else None,
    )


def carried_over(terms: Terms) -> Terms:
    """A version's terms for the next version (new ids: each version's are its own)."""
    return Terms(
        tuple(CommitmentPlan(c.by, c.what, c.due) for c in terms.commitments), terms.review_at
    )
