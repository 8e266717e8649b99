"""Displays: office screens paired with a short code, holding revocable display tokens.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 22:59:25.205958
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('displays',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('org_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('boards', sa.JSON(), nullable=False),
    sa.Column('rotate_seconds', sa.Integer(), nullable=False),
    sa.Column('pairing_code', sa.String(length=12), nullable=True),
    sa.Column('code_expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('paired_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('token_version', sa.Integer(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_displays_org_id_orgs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_displays')),
    sa.UniqueConstraint('pairing_code', name=op.f('uq_displays_pairing_code'))
    )
    with op.batch_alter_table('displays', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_displays_org_id'), ['org_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('displays', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_displays_org_id'))

    op.drop_table('displays')
