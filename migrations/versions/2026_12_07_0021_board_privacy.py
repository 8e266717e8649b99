"""Privacy-respecting boards (issue 21): the modes an org chose per org, team, board and display
(`board_privacy`), and the reps who hide from TV screens (`tv_hidden_reps`).

Revision ID: 0021
Revises: 0027
Create Date: 2026-12-07 18:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0027"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "board_privacy",
        sa.Column("org_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("scope_key", sa.String(length=64), nullable=False),
        sa.Column("mode", sa.String(length=16), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("updated_by_user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["org_id"], ["orgs.id"], name=op.f("fk_board_privacy_org_id_orgs"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("org_id", "scope", "scope_key", name=op.f("pk_board_privacy")),
    )
    op.create_table(
        "tv_hidden_reps",
        sa.Column("org_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["org_id"], ["orgs.id"], name=op.f("fk_tv_hidden_reps_org_id_orgs"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_tv_hidden_reps_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("org_id", "user_id", name=op.f("pk_tv_hidden_reps")),
    )


def downgrade() -> None:
    op.drop_table("tv_hidden_reps")
    op.drop_table("board_privacy")
