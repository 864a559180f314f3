"""follow-through: commitments, review dates, per-user reminder and calendar settings

Revision ID: 0014
Revises: 0008
Create Date: 2026-12-06 23:55:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "commitments",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column(
            "agreement_id",
            sa.String(length=32),
            sa.ForeignKey(
                "agreements.id", ondelete="CASCADE", name="fk_commitments_agreement_id_agreements"
            ),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("by", sa.String(length=320), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("due", sa.DateTime(timezone=True), nullable=True),
        sa.Column("in_summary", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_commitments"),
    )
    op.create_index(
        "ix_commitments_agreement", "commitments", ["agreement_id", "version", "position"]
    )
    op.create_index("ix_commitments_due", "commitments", ["due"])
    op.create_table(
        "agreement_reviews",
        sa.Column(
            "agreement_id",
            sa.String(length=32),
            sa.ForeignKey(
                "agreements.id",
                ondelete="CASCADE",
                name="fk_agreement_reviews_agreement_id_agreements",
            ),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("review_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("in_summary", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("agreement_id", "version", name="pk_agreement_reviews"),
    )
    op.create_table(
        "follow_through_prefs",
        sa.Column(
            "user_id",
            sa.String(length=32),
            sa.ForeignKey(
                "users.id", ondelete="CASCADE", name="fk_follow_through_prefs_user_id_users"
            ),
            nullable=False,
        ),
        sa.Column("commitment_reminder_days", sa.JSON(), nullable=False),
        sa.Column("review_reminder_days", sa.JSON(), nullable=False),
        sa.Column("calendar_token", sa.String(length=64), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("user_id", name="pk_follow_through_prefs"),
        sa.UniqueConstraint("calendar_token", name="uq_follow_through_prefs_calendar_token"),
    )


def downgrade() -> None:
    op.drop_table("follow_through_prefs")
    op.drop_table("agreement_reviews")
    op.drop_index("ix_commitments_due", table_name="commitments")
    op.drop_index("ix_commitments_agreement", table_name="commitments")
    op.drop_table("commitments")
