"""a record neither side can forge: separate bounce and answer tokens, evidence hashes,
capture notices; phrases each owner accepted as agreement

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 22:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("counterparties") as batch:
        batch.add_column(sa.Column("bounce_token", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("answer_token", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("owner_asked_at", sa.DateTime(timezone=True), nullable=True))
    # Summaries already sent carry the reply token in their envelope and answer links: for
    # them the three stay one (their mail is out there); new ones get three secrets.
    op.execute("UPDATE counterparties SET bounce_token = token, answer_token = token")
    with op.batch_alter_table("counterparties") as batch:
        batch.alter_column("bounce_token", existing_type=sa.String(length=32), nullable=False)
        batch.alter_column("answer_token", existing_type=sa.String(length=32), nullable=False)
        batch.create_unique_constraint("uq_counterparties_bounce_token", ["bounce_token"])
        batch.create_unique_constraint("uq_counterparties_answer_token", ["answer_token"])
    with op.batch_alter_table("messages") as batch:
        batch.add_column(sa.Column("copy_sha256", sa.String(length=64), nullable=True))
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column(
                "capture_notices", sa.Boolean(), nullable=False, server_default=sa.true()
            )
        )
    op.create_table(
        "accepted_phrases",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "owner_id",
            sa.String(length=32),
            sa.ForeignKey("users.id", ondelete="CASCADE", name="fk_accepted_phrases_owner_id_users"),
            nullable=False,
        ),
        sa.Column("phrase", sa.String(length=200), nullable=False),
        sa.Column("message_row_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("owner_id", "phrase", name="uq_accepted_phrases_owner_id_phrase"),
    )


def downgrade() -> None:
    op.drop_table("accepted_phrases")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("capture_notices")
    with op.batch_alter_table("messages") as batch:
        batch.drop_column("copy_sha256")
    with op.batch_alter_table("counterparties") as batch:
        batch.drop_constraint("uq_counterparties_answer_token", type_="unique")
        batch.drop_constraint("uq_counterparties_bounce_token", type_="unique")
        batch.drop_column("owner_asked_at")
        batch.drop_column("answer_token")
        batch.drop_column("bounce_token")
