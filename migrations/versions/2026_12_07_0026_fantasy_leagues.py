"""Fantasy leagues (issue 21): `fantasy_leagues` (rules and the draft clock), `fantasy_teams`,
`fantasy_picks` (one row per draft slot; a rep drafted once per league).

Revision ID: 0026
Revises: 0019
Create Date: 2026-12-07 18:39:09.984408
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0026'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('fantasy_leagues',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('org_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('metric', sa.String(length=64), nullable=False),
    sa.Column('season_start', sa.Date(), nullable=False),
    sa.Column('weeks', sa.Integer(), nullable=False),
    sa.Column('playoff_teams', sa.Integer(), nullable=False),
    sa.Column('roster_size', sa.Integer(), nullable=False),
    sa.Column('pick_seconds', sa.Integer(), nullable=False),
    sa.Column('pool', sa.JSON(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('current_pick', sa.Integer(), nullable=False),
    sa.Column('pick_deadline', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by_user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_fantasy_leagues_org_id_orgs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fantasy_leagues'))
    )
    with op.batch_alter_table('fantasy_leagues', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_fantasy_leagues_org_id'), ['org_id'], unique=False)
        batch_op.create_index('ix_fantasy_leagues_state_deadline', ['state', 'pick_deadline'], unique=False)

    op.create_table('fantasy_teams',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('league_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('org_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('owner_user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['league_id'], ['fantasy_leagues.id'], name=op.f('fk_fantasy_teams_league_id_fantasy_leagues'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fantasy_teams')),
    sa.UniqueConstraint('league_id', 'position', name='uq_fantasy_teams_position')
    )
    op.create_table('fantasy_picks',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('league_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('org_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('pick_no', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('auto', sa.Boolean(), nullable=False),
    sa.Column('picked_by_user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('picked_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['league_id'], ['fantasy_leagues.id'], name=op.f('fk_fantasy_picks_league_id_fantasy_leagues'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['team_id'], ['fantasy_teams.id'], name=op.f('fk_fantasy_picks_team_id_fantasy_teams'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fantasy_picks')),
    sa.UniqueConstraint('league_id', 'pick_no', name='uq_fantasy_picks_slot'),
    sa.UniqueConstraint('league_id', 'user_id', name='uq_fantasy_picks_rep')
    )


def downgrade() -> None:
    op.drop_table('fantasy_picks')
    op.drop_table('fantasy_teams')
    with op.batch_alter_table('fantasy_leagues', schema=None) as batch_op:
        batch_op.drop_index('ix_fantasy_leagues_state_deadline')
        batch_op.drop_index(batch_op.f('ix_fantasy_leagues_org_id'))

    op.drop_table('fantasy_leagues')
