"""Game-rule fixes (issue 15).

* Contests remember when they were launched, so one launched after its start counts from the
  launch (unless `count_from_start`). Contests launched before this migration keep `launched_at`
  NULL: they count from their start, as they did when they were launched.
* A user's `region` is now only the region set on the user; NULL follows the team's. Users were
  given a copy of their team's region when created: the copies that still equal it become NULL,
  so those users follow their team from now on (a region that differs stays set on the user).

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
    op.execute("UPDATE users SET region = NULL WHERE team_id IS NOT NULL "
               "AND region = (SELECT t.region FROM teams t WHERE t.id = users.team_id)")


def downgrade() -> None:
    op.execute("UPDATE users SET region = (SELECT t.region FROM teams t WHERE t.id = users.team_id) "
               "WHERE region IS NULL AND team_id IS NOT NULL")
    with op.batch_alter_table('contests', schema=None) as batch_op:
        batch_op.drop_column('launched_at')
