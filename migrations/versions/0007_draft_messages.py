"""outbound drafts: a queued summary's bytes are composed when first needed

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 15:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("messages") as batch:
        batch.alter_column("sha256", existing_type=sa.String(length=64), nullable=True)
        batch.alter_column("size", existing_type=sa.Integer(), nullable=True)
        batch.alter_column("raw", existing_type=sa.LargeBinary(), nullable=True)


def downgrade() -> None:
    # A draft has no bytes to keep under NOT NULL, and deleting it would drop a queued
    # summary (its outbox row cascades): refuse until they are composed or sent.
    drafts = op.get_bind().scalar(sa.text("SELECT count(*) FROM messages WHERE raw IS NULL"))
    if drafts:
        raise RuntimeError(
            f"{drafts} queued message(s) are not composed yet; run the worker until the "
            "outbox is empty, then downgrade"
        )
    with op.batch_alter_table("messages") as batch:
        batch.alter_column("raw", existing_type=sa.LargeBinary(), nullable=False)
        batch.alter_column("size", existing_type=sa.Integer(), nullable=False)
        batch.alter_column("sha256", existing_type=sa.String(length=64), nullable=False)
