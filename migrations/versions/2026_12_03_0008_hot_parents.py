"""No foreign keys from the per-activity append-only tables to hot parent rows.

Every activity inserts an activity, a ledger entry and usually notifications; their foreign keys
to orgs, users, activity types and rule versions locked those parent rows on every insert (one
org row for a whole org) and were most of the insert's cost. See `models.HOT_PARENTS`.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 13:00:00
"""

from __future__ import annotations

from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

#: table -> (constraint, column, parent table, ON DELETE)
DROPPED = {
    'activities': [('fk_activities_org_id_orgs', 'org_id', 'orgs', 'CASCADE'),
                   ('fk_activities_user_id_users', 'user_id', 'users', 'CASCADE'),
                   ('fk_activities_type_id_activity_types', 'type_id', 'activity_types', None)],
    'ledger_entries': [('fk_ledger_entries_org_id_orgs', 'org_id', 'orgs', 'CASCADE'),
                       ('fk_ledger_entries_user_id_users', 'user_id', 'users', 'CASCADE'),
                       ('fk_ledger_entries_rule_version_id_activity_type_versions', 'rule_version_id',
                        'activity_type_versions', None)],
    'notifications': [('fk_notifications_org_id_orgs', 'org_id', 'orgs', 'CASCADE'),
                      ('fk_notifications_user_id_users', 'user_id', 'users', 'CASCADE')],
    'push_outbox': [('fk_push_outbox_org_id_orgs', 'org_id', 'orgs', 'CASCADE')],
}


def upgrade() -> None:
    for table, fks in DROPPED.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, *_ in fks:
                batch_op.drop_constraint(name, type_='foreignkey')


def downgrade() -> None:
    for table, fks in DROPPED.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, column, parent, ondelete in fks:
                batch_op.create_foreign_key(name, parent, [column], ['id'], ondelete=ondelete)
