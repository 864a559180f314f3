"""accounts hardened: server-side web sessions, failed API-key attempts shared by every
process, sending addresses claimed until confirmed from their mailbox

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-07 00:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _token_table(name: str, *extra: sa.Column) -> None:  # type: ignore[type-arg]
    op.create_table(
        name,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        *extra,
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f(f"fk_{name}_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
        sa.UniqueConstraint("token_hash", name=op.f(f"uq_{name}_token_hash")),
    )
    op.create_index(op.f(f"ix_{name}_user_id"), name, ["user_id"], unique=False)


def upgrade() -> None:
    # Sessions signed into a cookie cannot be revoked; everyone signs in once more.
    _token_table("web_sessions")
    _token_table("address_claims", sa.Column("email", sa.String(length=320), nullable=False))
    op.create_index(op.f("ix_address_claims_email"), "address_claims", ["email"], unique=False)
    op.create_table(
        "auth_failures",
        sa.Column("bucket", sa.String(length=80), nullable=False),
        sa.Column("tokens", sa.Float(), nullable=False),
        sa.Column("updated", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("bucket", name=op.f("pk_auth_failures")),
    )
    op.create_index(op.f("ix_auth_failures_updated"), "auth_failures", ["updated"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_auth_failures_updated"), table_name="auth_failures")
    op.drop_table("auth_failures")
    op.drop_index(op.f("ix_address_claims_email"), table_name="address_claims")
    op.drop_index(op.f("ix_address_claims_user_id"), table_name="address_claims")
    op.drop_table("address_claims")
    op.drop_index(op.f("ix_web_sessions_user_id"), table_name="web_sessions")
    op.drop_table("web_sessions")
