"""Engagement mechanics, second wave (issue 21): levels (`level_settings`, `rep_levels`), chance
contests' draw commitment and revealed seed (`contests.draw_commitment`, `contests.draw_seed`) and
instant wins (`instant_win_programs` with their budget, `instant_wins`).

Revision ID: 0018
Revises: 0016
Create Date: 2026-12-07 15:13:48.625999
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rep_levels",
        sa.Column("org_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("xp", sa.BigInteger(), nullable=False),
        sa.Column("announced_level", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("org_id", "user_id", name=op.f("pk_rep_levels")),
    )
    op.create_table(
        "instant_win_programs",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("org_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("type_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("probability", sa.Float(), nullable=False),
        sa.Column("prize_points", sa.BigInteger(), nullable=False),
        sa.Column("prize_name", sa.String(length=200), nullable=True),
        sa.Column("budget", sa.Integer(), nullable=False),
        sa.Column("granted", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_by_user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"], ["orgs.id"], name=op.f("fk_instant_win_programs_org_id_orgs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_instant_win_programs")),
    )
    with op.batch_alter_table("instant_win_programs", schema=None) as batch_op:
        batch_op.create_index("ix_instant_win_programs_org_active", ["org_id", "active"], unique=False)

    op.create_table(
        "level_settings",
        sa.Column("org_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("base", sa.Integer(), nullable=False),
        sa.Column("exponent", sa.Float(), nullable=False),
        sa.Column("max_level", sa.Integer(), nullable=False),
        sa.Column("thresholds", sa.JSON(), nullable=False),
        sa.Column("per_point", sa.Integer(), nullable=False),
        sa.Column("activity_xp", sa.JSON(), nullable=False),
        sa.Column("bonus_xp", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by_user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"], ["orgs.id"], name=op.f("fk_level_settings_org_id_orgs"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("org_id", name=op.f("pk_level_settings")),
    )
    op.create_table(
        "instant_wins",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("program_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("org_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("user_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("activity_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("points", sa.BigInteger(), nullable=False),
        sa.Column("prize_name", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["program_id"],
            ["instant_win_programs.id"],
            name=op.f("fk_instant_wins_program_id_instant_win_programs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_instant_wins")),
        sa.UniqueConstraint("program_id", "activity_id", name="uq_instant_wins_program_activity"),
    )
    with op.batch_alter_table("instant_wins", schema=None) as batch_op:
        batch_op.create_index("ix_instant_wins_org_user", ["org_id", "user_id"], unique=False)

    with op.batch_alter_table("contests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("draw_commitment", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("draw_seed", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("contests", schema=None) as batch_op:
        batch_op.drop_column("draw_seed")
        batch_op.drop_column("draw_commitment")

    with op.batch_alter_table("instant_wins", schema=None) as batch_op:
        batch_op.drop_index("ix_instant_wins_org_user")

    op.drop_table("instant_wins")
    op.drop_table("level_settings")
    with op.batch_alter_table("instant_win_programs", schema=None) as batch_op:
        batch_op.drop_index("ix_instant_win_programs_org_active")

    op.drop_table("instant_win_programs")
    op.drop_table("rep_levels")
