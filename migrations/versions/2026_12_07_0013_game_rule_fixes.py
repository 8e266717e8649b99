"""Game-rule fixes (issue 15).

* Contests remember when they were launched, so one launched after its start counts from the
  launch (unless `count_from_start`). Contests launched before this migration keep `launched_at`
  NULL: they count from their start, as they did when they were launched.
* A user's `region` is now only the region set on the user; NULL follows the team's. Users were
  given a copy of their team's region when created: the copies that still equal it become NULL,
  so those users follow their team from now on (a region that differs stays set on the user).
* Mission template labels say `{singular|plural}` where the noun agrees with the target: the
  starter templates (and the demo's) still worded as created get the agreeing label ("Create 1
  opportunity", not "Create 1 opportunities"); labels an admin rewrote are left alone.

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

#: (template key, label as created, label that agrees with its target)
LABELS = (
    ("calls", "Log {target} calls", "Log {target} {call|calls}"),
    ("emails", "Send {target} emails", "Send {target} {email|emails}"),
    ("meetings", "Book {target} meetings", "Book {target} {meeting|meetings}"),
    ("proposals", "Send {target} proposals", "Send {target} {proposal|proposals}"),
    ("opportunities", "Create {target} opportunities", "Create {target} {opportunity|opportunities}"),
    ("demo_meetings", "Team push: book {target} meetings", "Team push: book {target} {meeting|meetings}"),
)


def _relabel(pairs: list[tuple[str, str, str]]) -> None:
    stmt = sa.text("UPDATE mission_templates SET label = :new WHERE key = :key AND label = :old")
    for key, old, new in pairs:
        op.get_bind().execute(stmt, {"key": key, "old": old, "new": new})


def upgrade() -> None:
    with op.batch_alter_table('contests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('launched_at', sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE users SET region = NULL WHERE team_id IS NOT NULL "
               "AND region = (SELECT t.region FROM teams t WHERE t.id = users.team_id)")
    _relabel(list(LABELS))


def downgrade() -> None:
    _relabel([(key, new, old) for key, old, new in LABELS])
    op.execute("UPDATE users SET region = (SELECT t.region FROM teams t WHERE t.id = users.team_id) "
               "WHERE region IS NULL AND team_id IS NOT NULL")
    with op.batch_alter_table('contests', schema=None) as batch_op:
        batch_op.drop_column('launched_at')
