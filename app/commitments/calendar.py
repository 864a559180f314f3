"""A user's private calendar feed (SPEC §10): the due dates of their agreements'
commitments and their review dates, read by any calendar app from a secret URL the user can
replace or revoke (``app.commitments.prefs``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.commitments.service import FollowThrough, by_label, follow_through
from app.config import Settings
from app.models import Agreement, AgreementReview, Commitment, User
from app.outbound.calendar import Entry, calendar_bytes


def feed(session: Session, settings: Settings, user: User, *, now: datetime) -> bytes:
    """The user's feed: one entry per dated commitment and per review date of their
    agreements' current versions (withdrawn agreements left out)."""
    agreements = session.scalars(
        select(Agreement)
        .where(
            Agreement.owner_id == user.id,
            Agreement.withdrawn_at.is_(None),
            Agreement.id.in_(select(Commitment.agreement_id).distinct())
            | Agreement.id.in_(select(AgreementReview.agreement_id).distinct()),
        )
        .order_by(Agreement.created_at)
    ).all()
    base = settings.public_url.rstrip("/")
    entries = []
    for agreement in agreements:
        url = f"{base}/app/agreements/{agreement.id}"
        ft = follow_through(session, agreement, now=now)
        entries += _entries(agreement, ft, url=url, domain=settings.message_id_domain)
    return calendar_bytes(entries, stamp=now, name=f"Accord — {user.name or user.email}")


def _entries(agreement: Agreement, ft: FollowThrough, *, url: str, domain: str) -> list[Entry]:
    """One agreement's entries: each dated commitment, and its review date. Every one has a
    uid under Accord's domain, the agreement's ref after its summary and its page (``url``)
    as the link."""
    # (uid before the domain, summary before the ref, when, description)
    dated: list[tuple[str, str, datetime, str]] = []
    for view in ft.commitments:
        row = view.row
        if row.due is not None:
            who = "You" if row.by == "owner" else by_label(row, agreement)
            status = f"{agreement.title}\nStatus: {view.standing.status}"
            dated.append((f"commitment-{row.id}", f"Due ({who}): {row.what}", row.due, status))
    if ft.review_at is not None:
        review = f"review-{agreement.id}-v{agreement.version}"
        pack = f"Review pack: {url}/review-pack"
        dated.append((review, f"Review: {agreement.title}", ft.review_at, pack))
    return [
        Entry(
            uid=f"{key}@{domain}",
            summary=f"{summary} [{agreement.ref}]",
            start=start,
            description=description,
            url=url,
        )
        for key, summary, start, description in dated
    ]
