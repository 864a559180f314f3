"""RFC 3161 timestamps of sealed chain heads

Revision ID: 0015
Revises: 0008
Create Date: 2026-12-07 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "chain_timestamps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "agreement_id",
            sa.String(length=32),
            sa.ForeignKey(
                "agreements.id",
                ondelete="CASCADE",
                name="fk_chain_timestamps_agreement_id_agreements",
            ),
            nullable=False,
        ),
        sa.Column("event_count", sa.Integer(), nullable=False),
        sa.Column("chain_head", sa.String(length=64), nullable=False),
        sa.Column("sealed_at", sa.String(length=32), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("statement_sha256", sa.String(length=64), nullable=False),
        sa.Column("tsa_url", sa.String(length=2000), nullable=False),
        sa.Column("nonce", sa.String(length=40), nullable=False),
        sa.Column("response", sa.LargeBinary(), nullable=False),
        sa.Column("gen_time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_chain_timestamps"),
    )
    op.create_index(
        "ix_chain_timestamps_head", "chain_timestamps", ["agreement_id", "event_count", "id"]
    )


def downgrade() -> None:
    op.drop_index("ix_chain_timestamps_head", table_name="chain_timestamps")
    op.drop_table("chain_timestamps")
