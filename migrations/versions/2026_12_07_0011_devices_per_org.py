"""Device tokens per org: unique per (org, token) instead of globally, so registering a token that
another org holds creates the caller's own registration instead of taking the other's over
(issue 15, item 6).

Revision ID: 0011
Revises: 0014
Create Date: 2026-12-07 12:00:00
"""

from __future__ import annotations

from alembic import op

revision = '0011'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('devices', schema=None) as batch_op:
        batch_op.drop_constraint('uq_devices_token', type_='unique')
        batch_op.create_unique_constraint('uq_devices_org_token', ['org_id', 'token'])


def downgrade() -> None:
    # One registration per token again: keep each token's most recent one.
    op.execute("DELETE FROM devices WHERE id NOT IN (SELECT max(id) FROM devices GROUP BY token)")
    with op.batch_alter_table('devices', schema=None) as batch_op:
        batch_op.drop_constraint('uq_devices_org_token', type_='unique')
        batch_op.create_unique_constraint('uq_devices_token', ['token'])
