"""the owner's day: a counterparty's own time zone and language

Revision ID: 0012
Revises: 0008
Create Date: 2026-12-07 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("counterparties") as batch:
        # IANA name; None: unknown, the deadline is written in the owner's zone with its
        # UTC offset.
        batch.add_column(sa.Column("tz", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("language", sa.String(length=35), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("counterparties") as batch:
        batch.drop_column("language")
        batch.drop_column("tz")
