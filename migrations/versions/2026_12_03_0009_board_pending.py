"""Entries not yet on the Redis boards: one `board_pending` row per insert instead of a
`boarded` flag updated on every ledger row.

Entries that were still `boarded = false` become one pending row per org, so the sync loop
applies them after the upgrade as it would have before.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

WALLET = "('redemption', 'redemption_refund')"


def upgrade() -> None:
    op.create_table('board_pending',
    sa.Column('first_entry_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=False,
              nullable=False),
    sa.Column('org_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('entry_ids', sa.ARRAY(sa.BigInteger()).with_variant(sa.JSON(), 'sqlite'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('first_entry_id', name=op.f('pk_board_pending'))
    )
    ids = "array_agg(id ORDER BY id)" if op.get_bind().dialect.name == "postgresql" else "json_group_array(id)"
    op.execute(f"INSERT INTO board_pending (first_entry_id, org_id, entry_ids, created_at) "
               f"SELECT min(id), org_id, {ids}, max(created_at) FROM ledger_entries "
               f"WHERE NOT boarded AND kind NOT IN {WALLET} GROUP BY org_id")
    with op.batch_alter_table('ledger_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_ledger_pending', postgresql_where=sa.text('NOT boarded'),
                            sqlite_where=sa.text('NOT boarded'))
        batch_op.drop_column('boarded')


def downgrade() -> None:
    with op.batch_alter_table('ledger_entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('boarded', sa.Boolean(), nullable=False, server_default=sa.true()))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("UPDATE ledger_entries SET boarded = false "
                   "WHERE id IN (SELECT unnest(entry_ids) FROM board_pending)")
    else:
        op.execute("UPDATE ledger_entries SET boarded = 0 "
                   "WHERE id IN (SELECT j.value FROM board_pending, json_each(board_pending.entry_ids) AS j)")
    with op.batch_alter_table('ledger_entries', schema=None) as batch_op:
        batch_op.alter_column('boarded', server_default=None)
        batch_op.create_index('ix_ledger_pending', ['created_at'], unique=False,
                              postgresql_where=sa.text('NOT boarded'), sqlite_where=sa.text('NOT boarded'))
    op.drop_table('board_pending')
