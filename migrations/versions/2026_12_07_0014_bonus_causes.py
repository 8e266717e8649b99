"""Every ledger entry names its cause; rank badges are decided once per closed period; the
starter "Contest winner" badge pays nothing of its own.

* `ledger_entries.cause_kind`, `cause_id`, `cause_version`: a bonus, prize, kudos or
  redemption entry names what caused it and the version of the rule that set its amount
  (nullable columns: adding them rewrites no row; older entries keep NULL).
* `badges.version` and `habit_settings.version`: the rule versions those entries name.
* `rank_closes`: one row per (org, rank badge, board period) decided at the period's close.
* The starter `contest_winner` badge still at its old default of 50 points goes to 0: a
  contest pays only the prizes it names (a manager may set points on the badge again).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    with op.batch_alter_table('ledger_entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cause_kind', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('cause_id', BigId, nullable=True))
        batch_op.add_column(sa.Column('cause_version', sa.Integer(), nullable=True))
    for table in ('badges', 'habit_settings'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='1'))
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('version', server_default=None)
    op.create_table('rank_closes',
    sa.Column('org_id', BigId, nullable=False),
    sa.Column('badge_id', BigId, nullable=False),
    sa.Column('period_id', sa.String(length=16), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['badge_id'], ['badges.id'], name=op.f('fk_rank_closes_badge_id_badges'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_rank_closes_org_id_orgs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('org_id', 'badge_id', 'period_id', name=op.f('pk_rank_closes'))
    )
    op.execute("UPDATE badges SET points = 0, version = version + 1 "
               "WHERE key = 'contest_winner' AND rule = 'contest_won' AND points = 50")


def downgrade() -> None:
    op.drop_table('rank_closes')
    for table in ('habit_settings', 'badges'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('version')
    with op.batch_alter_table('ledger_entries', schema=None) as batch_op:
        batch_op.drop_column('cause_version')
        batch_op.drop_column('cause_id')
        batch_op.drop_column('cause_kind')
