"""A user's private calendar feed (SPEC §10): the due dates of their agreements'
commitments and their review dates, read by any calendar app from a secret URL the user can
replace or revoke (``app.commitments.prefs``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.commitments.service import by_label, follow_through
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
    domain = settings.message_id_domain
    entries = []
    for agreement in agreements:
        url = f"{base}/app/agreements/{agreement.id}"
        ft = follow_through(session, agreement, now=now)
        for view in ft.commitments:
            row = view.row
            if row.due is None:
                continue
            who = "You" if row.by == "owner" else by_label(row, agreement)
            entries.append(
                Entry(
                    uid=f"commitment-{row.id}@{domain}",
                    summary=f"Due ({who}): {row.what} [{agreement.ref}]",
                    start=row.due,
                    description=f"{agreement.title}\nStatus: {view.standing.status}",
                    url=url,
                )
            )
        if ft.review_at is not None:
            entries.append(
                Entry(
                    uid=f"review-{agreement.id}-v{agreement.version}@{domain}",
                    summary=f"Review: {agreement.title} [{agreement.ref}]",
                    start=ft.review_at,
                    description=f"Review pack: {url}/review-pack",
                    url=url,
                )
            )
    return calendar_bytes(entries, stamp=now, name=f"Accord — {user.name or user.email}")
