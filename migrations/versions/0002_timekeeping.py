"""timekeeping: digests, reminder schedule, away policy, inbound nonces

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 21:58:41.974715
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "inbound_nonces",
        sa.Column("signature", sa.String(length=64), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("signature", name=op.f("pk_inbound_nonces")),
    )
    with op.batch_alter_table("inbound_nonces", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_inbound_nonces_seen_at"), ["seen_at"], unique=False)
    op.create_table(
        "digest_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("week", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("outbox_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_digest_runs_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_digest_runs")),
        sa.UniqueConstraint("user_id", "week", name=op.f("uq_digest_runs_user_id_week")),
    )
    with op.batch_alter_table("agreements", schema=None) as batch_op:
        batch_op.add_column(sa.Column("away_extension_days", sa.Integer(), nullable=True))

    with op.batch_alter_table("counterparties", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("next_reminder_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.create_index(
            "ix_counterparties_status_reminder", ["status", "next_reminder_at"], unique=False
        )

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("next_digest_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_users_next_digest_at"), ["next_digest_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_next_digest_at"))
        batch_op.drop_column("next_digest_at")

    with op.batch_alter_table("counterparties", schema=None) as batch_op:
        batch_op.drop_index("ix_counterparties_status_reminder")
        batch_op.drop_column("next_reminder_at")

    with op.batch_alter_table("agreements", schema=None) as batch_op:
        batch_op.drop_column("away_extension_days")

    op.drop_table("digest_runs")
    with op.batch_alter_table("inbound_nonces", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inbound_nonces_seen_at"))
    op.drop_table("inbound_nonces")
