"""Row locks that let several workers share the sweep without waiting on each other."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.agreements.service import held_agreement
from app.models import Agreement


def try_lock_agreement(session: Session, agreement_id: str) -> Agreement | None:
    """The agreement with its row lock, or None if another worker holds it (PostgreSQL).

    SQLite has no row locks; its write transactions are already serialised.
    """
    held = held_agreement(session, agreement_id)
    if held is not None:
        return held
    stmt = (
        select(Agreement)
        .where(Agreement.id == agreement_id)
        .with_for_update(skip_locked=True)
        .execution_options(populate_existing=True)
    )
    return session.scalar(stmt)
