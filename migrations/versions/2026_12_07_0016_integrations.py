"""CRM connectors (issue 16): integrations, their durable inbox (`integration_events`), owner
links, the applied state of each source object (`crm_objects`) and the causes of the ledger
changes they made (`crm_changes`); activity types' `self_report` mode and weight (in their
rule versions too) and the `self_reports` kept with activities that are not taken at face value.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 12:15:18.602976
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('crm_objects',
    sa.Column('org_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('namespace', sa.String(length=100), nullable=False),
    sa.Column('object_type', sa.String(length=32), nullable=False),
    sa.Column('object_id', sa.String(length=160), nullable=False),
    sa.Column('modified_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('roles', sa.JSON(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('org_id', 'namespace', 'object_type', 'object_id', name=op.f('pk_crm_objects'))
    )
    op.create_table('integrations',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('org_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('hook_id', sa.String(length=32), nullable=False),
    sa.Column('path_secret_hash', sa.String(length=64), nullable=True),
    sa.Column('secrets_enc', sa.Text(), nullable=False),
    sa.Column('config', sa.JSON(), nullable=False),
    sa.Column('rules', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('poll_cursor', sa.DateTime(timezone=True), nullable=True),
    sa.Column('poll_due_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('poll_lease_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('poll_failures', sa.Integer(), nullable=False),
    sa.Column('poll_last_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('poll_last_error', sa.String(length=300), nullable=True),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_integrations_org_id_orgs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_integrations')),
    sa.UniqueConstraint('hook_id', name=op.f('uq_integrations_hook_id'))
    )
    with op.batch_alter_table('integrations', schema=None) as batch_op:
        batch_op.create_index('ix_integrations_org_id', ['org_id', 'id'], unique=False)

    op.create_table('self_reports',
    sa.Column('activity_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=False, nullable=False),
    sa.Column('org_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('type_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('mode', sa.String(length=16), nullable=False),
    sa.Column('weight', sa.Float(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('confirmed_by_activity_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['activity_id'], ['activities.id'], name=op.f('fk_self_reports_activity_id_activities')),
    sa.PrimaryKeyConstraint('activity_id', name=op.f('pk_self_reports'))
    )
    with op.batch_alter_table('self_reports', schema=None) as batch_op:
        batch_op.create_index('ix_self_reports_confirmed_by', ['confirmed_by_activity_id'], unique=False)
        batch_op.create_index('ix_self_reports_match', ['org_id', 'user_id', 'type_id', 'day', 'status'], unique=False)

    op.create_table('crm_changes',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('org_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('integration_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('event_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('namespace', sa.String(length=100), nullable=False),
    sa.Column('object_type', sa.String(length=32), nullable=False),
    sa.Column('object_id', sa.String(length=160), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('cause', sa.String(length=32), nullable=False),
    sa.Column('reversed_activity_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('reversal_entry_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('activity_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['integration_id'], ['integrations.id'], name=op.f('fk_crm_changes_integration_id_integrations'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_crm_changes'))
    )
    with op.batch_alter_table('crm_changes', schema=None) as batch_op:
        batch_op.create_index('ix_crm_changes_integration_id', ['integration_id', 'id'], unique=False)
        batch_op.create_index('ix_crm_changes_org_activity', ['org_id', 'activity_id'], unique=False)
        batch_op.create_index('ix_crm_changes_org_reversal_entry', ['org_id', 'reversal_entry_id'], unique=False)

    op.create_table('integration_events',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('org_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('integration_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('dedupe_key', sa.String(length=200), nullable=False),
    sa.Column('event_type', sa.String(length=64), nullable=False),
    sa.Column('object_type', sa.String(length=32), nullable=True),
    sa.Column('object_id', sa.String(length=160), nullable=True),
    sa.Column('owner_ref', sa.String(length=320), nullable=True),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('source_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('error_code', sa.String(length=64), nullable=True),
    sa.Column('error_message', sa.String(length=300), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('claimed_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('processed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['integration_id'], ['integrations.id'], name=op.f('fk_integration_events_integration_id_integrations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_integration_events')),
    sa.UniqueConstraint('integration_id', 'dedupe_key', name='uq_integration_events_integration_dedupe')
    )
    with op.batch_alter_table('integration_events', schema=None) as batch_op:
        batch_op.create_index('ix_integration_events_integration_status', ['integration_id', 'status', 'id'], unique=False)
        batch_op.create_index('ix_integration_events_pending', ['id'], unique=False, postgresql_where=sa.text("status = 'pending'"), sqlite_where=sa.text("status = 'pending'"))
    if op.get_bind().dialect.name == "postgresql":
        # A queue: every event is inserted pending and updated once. Vacuum it at 2 % dead rows
        # (the default waits for 20 %), so claims do not walk the pending index's dead entries.
        op.execute("ALTER TABLE integration_events SET (autovacuum_vacuum_scale_factor = 0.02, "
                   "autovacuum_analyze_scale_factor = 0.02)")

    op.create_table('integration_owners',
    sa.Column('integration_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('crm_owner_id', sa.String(length=64), nullable=False),
    sa.Column('org_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=True),
    sa.Column('user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['integration_id'], ['integrations.id'], name=op.f('fk_integration_owners_integration_id_integrations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_integration_owners_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('integration_id', 'crm_owner_id', name=op.f('pk_integration_owners'))
    )
    with op.batch_alter_table('activity_type_versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('self_report', sa.String(length=16), server_default='full', nullable=False))
        batch_op.add_column(sa.Column('self_report_weight', sa.Float(), nullable=True))

    with op.batch_alter_table('activity_types', schema=None) as batch_op:
        batch_op.add_column(sa.Column('self_report', sa.String(length=16), server_default='full', nullable=False))
        batch_op.add_column(sa.Column('self_report_weight', sa.Float(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('activity_types', schema=None) as batch_op:
        batch_op.drop_column('self_report_weight')
        batch_op.drop_column('self_report')

    with op.batch_alter_table('activity_type_versions', schema=None) as batch_op:
        batch_op.drop_column('self_report_weight')
        batch_op.drop_column('self_report')

    op.drop_table('integration_owners')
    with op.batch_alter_table('integration_events', schema=None) as batch_op:
        batch_op.drop_index('ix_integration_events_pending', postgresql_where=sa.text("status = 'pending'"), sqlite_where=sa.text("status = 'pending'"))
        batch_op.drop_index('ix_integration_events_integration_status')

    op.drop_table('integration_events')
    with op.batch_alter_table('crm_changes', schema=None) as batch_op:
        batch_op.drop_index('ix_crm_changes_org_reversal_entry')
        batch_op.drop_index('ix_crm_changes_org_activity')
        batch_op.drop_index('ix_crm_changes_integration_id')

    op.drop_table('crm_changes')
    with op.batch_alter_table('self_reports', schema=None) as batch_op:
        batch_op.drop_index('ix_self_reports_match')
        batch_op.drop_index('ix_self_reports_confirmed_by')

    op.drop_table('self_reports')
    with op.batch_alter_table('integrations', schema=None) as batch_op:
        batch_op.drop_index('ix_integrations_org_id')

    op.drop_table('integrations')
    op.drop_table('crm_objects')
