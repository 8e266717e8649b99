"""Game-rule fixes (issue 15): contests remember when they were launched, so one launched after
its start counts from the launch (unless `count_from_start`).

Contests launched before this migration keep `launched_at` NULL: they count from their start,
as they did when they were launched.

Revision ID: 0013
Revises: 0009
Create Date: 2026-12-07 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('contests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('launched_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('contests', schema=None) as batch_op:
        batch_op.drop_column('launched_at')
