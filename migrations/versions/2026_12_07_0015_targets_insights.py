"""Targets (versioned), the daily per-rep rollups and wins they read, and the insights' tables
(issue 17). The rollups of existing orgs are filled from their ledgers.

Revision ID: 0015
Revises: 0010
Create Date: 2026-12-07 12:00:00
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op


revision = '0015'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('rep_days',
    sa.Column('org_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('type_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('points', sa.BigInteger(), nullable=False),
    sa.Column('units', sa.BigInteger(), nullable=False),
    sa.Column('value_units', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('org_id', 'user_id', 'day', 'type_id', name=op.f('pk_rep_days'))
    )
    with op.batch_alter_table('rep_days', schema=None) as batch_op:
        batch_op.create_index('ix_rep_days_rep_day', ['org_id', 'user_id', 'day'], unique=False,
                              postgresql_include=['type_id', 'points', 'units', 'value_units'])

    op.create_table('rep_wins',
    sa.Column('org_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('ref', sa.String(length=120), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('org_id', 'user_id', 'kind', 'ref', name=op.f('pk_rep_wins'))
    )
    with op.batch_alter_table('rep_wins', schema=None) as batch_op:
        batch_op.create_index('ix_rep_wins_org_day', ['org_id', 'day'], unique=False)

    op.create_table('targets',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('org_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('metric', sa.String(length=80), nullable=False),
    sa.Column('period', sa.String(length=8), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('set_by_user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_targets_org_id_orgs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_targets_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_targets')),
    sa.UniqueConstraint('org_id', 'user_id', 'metric', 'period', 'version', name='uq_targets_version')
    )
    with op.batch_alter_table('targets', schema=None) as batch_op:
        batch_op.create_index('ix_targets_org_metric_period', ['org_id', 'metric', 'period', 'starts_on'], unique=False)

    op.create_table('insight_day_closes',
    sa.Column('org_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('team_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('ran_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('flagged', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_insight_day_closes_org_id_orgs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('org_id', 'team_id', 'day', name=op.f('pk_insight_day_closes'))
    )
    op.create_table('insight_digests',
    sa.Column('org_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('week', sa.Date(), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_insight_digests_org_id_orgs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('org_id', 'user_id', 'week', name=op.f('pk_insight_digests'))
    )
    op.create_table('insight_settings',
    sa.Column('org_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('low_activity_days', sa.Integer(), nullable=False),
    sa.Column('low_activity_pct', sa.Integer(), nullable=False),
    sa.Column('inactive_days', sa.Integer(), nullable=False),
    sa.Column('streak_min', sa.Integer(), nullable=False),
    sa.Column('baseline_days', sa.Integer(), nullable=False),
    sa.Column('min_baseline', sa.Float(), nullable=False),
    sa.Column('reach_stretch_pct', sa.Integer(), nullable=False),
    sa.Column('day_close_hour', sa.Integer(), nullable=False),
    sa.Column('digest_hour', sa.Integer(), nullable=False),
    sa.Column('easier_missions_pct', sa.Integer(), nullable=False),
    sa.Column('easier_missions_days', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_insight_settings_org_id_orgs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('org_id', name=op.f('pk_insight_settings'))
    )
    op.create_table('insight_streaks',
    sa.Column('org_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('current', sa.Integer(), nullable=False),
    sa.Column('run_start', sa.Date(), nullable=True),
    sa.Column('last_day', sa.Date(), nullable=True),
    sa.Column('seen_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_insight_streaks_org_id_orgs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('org_id', 'user_id', name=op.f('pk_insight_streaks'))
    )
    op.create_table('alerts',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('org_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('team_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('reason', sa.String(length=16), nullable=False),
    sa.Column('week', sa.Date(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('evidence', sa.JSON(), nullable=False),
    sa.Column('suggested_actions', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_by_user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_alerts_org_id_orgs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_alerts_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alerts')),
    sa.UniqueConstraint('org_id', 'user_id', 'reason', 'week', name='uq_alerts_rep_reason_week')
    )
    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.create_index('ix_alerts_org_status', ['org_id', 'status', 'id'], unique=False)

    op.create_table('mission_calibrations',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('org_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('pct', sa.Integer(), nullable=False),
    sa.Column('first_day', sa.Date(), nullable=False),
    sa.Column('last_day', sa.Date(), nullable=False),
    sa.Column('created_by_user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_mission_calibrations_org_id_orgs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_mission_calibrations_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mission_calibrations'))
    )
    with op.batch_alter_table('mission_calibrations', schema=None) as batch_op:
        batch_op.create_index('ix_mission_calibrations_rep', ['org_id', 'user_id', 'last_day'], unique=False)

    op.create_table('alert_actions',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('alert_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('org_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('result', sa.JSON(), nullable=False),
    sa.Column('baseline_per_day', sa.Float(), nullable=True),
    sa.Column('window_first', sa.Date(), nullable=False),
    sa.Column('window_end', sa.Date(), nullable=False),
    sa.Column('outcome', sa.JSON(), nullable=True),
    sa.Column('measured_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by_user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['alert_id'], ['alerts.id'], name=op.f('fk_alert_actions_alert_id_alerts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_alert_actions'))
    )
    with op.batch_alter_table('alert_actions', schema=None) as batch_op:
        batch_op.create_index('ix_alert_actions_alert', ['alert_id'], unique=False)
        batch_op.create_index('ix_alert_actions_org_measured', ['org_id', 'measured_at'], unique=False)

    op.create_table('rep_notes',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('org_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('author_user_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('alert_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('evidence', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['alert_id'], ['alerts.id'], name=op.f('fk_rep_notes_alert_id_alerts'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['org_id'], ['orgs.id'], name=op.f('fk_rep_notes_org_id_orgs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_rep_notes_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rep_notes'))
    )
    with op.batch_alter_table('rep_notes', schema=None) as batch_op:
        batch_op.create_index('ix_rep_notes_org_user', ['org_id', 'user_id', 'id'], unique=False)

    _fill_rep_days()


OWN = "kind IN ('activity', 'reversal')"


def _fill_rep_days() -> None:
    """Each org's ledger summed per rep, local day (the org's zone) and activity type (0: other points)."""
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(f"""
            INSERT INTO rep_days (org_id, user_id, day, type_id, points, units, value_units)
            SELECT l.org_id, l.user_id, (l.occurred_at AT TIME ZONE o.timezone)::date AS day,
                   CASE WHEN {OWN} THEN coalesce(l.type_id, 0) ELSE 0 END AS t, sum(l.points),
                   sum(CASE WHEN {OWN} THEN l.units ELSE 0 END), sum(CASE WHEN {OWN} THEN l.value_units ELSE 0 END)
            FROM ledger_entries l JOIN orgs o ON o.id = l.org_id
            WHERE l.kind NOT IN ('redemption', 'redemption_refund')
            GROUP BY l.org_id, l.user_id, day, t""")
        return
    zones = {oid: ZoneInfo(tz) for oid, tz in bind.execute(sa.text("SELECT id, timezone FROM orgs"))}
    sums: dict[tuple[int, int, object, int], list[int]] = defaultdict(lambda: [0, 0, 0])
    rows = bind.execute(sa.text("SELECT org_id, user_id, kind, type_id, points, units, value_units, occurred_at "
                                "FROM ledger_entries WHERE kind NOT IN ('redemption', 'redemption_refund')"))
    for org_id, user_id, kind, type_id, points, units, value_units, occurred_at in rows:
        at = datetime.fromisoformat(occurred_at) if isinstance(occurred_at, str) else occurred_at
        day = (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(zones[org_id]).date()
        own = kind in ("activity", "reversal")
        acc = sums[(org_id, user_id, day, (type_id or 0) if own else 0)]
        acc[0] += points
        if own:
            acc[1] += units
            acc[2] += value_units
    if sums:
        op.bulk_insert(sa.table('rep_days', *(sa.column(c) for c in (
            'org_id', 'user_id', 'day', 'type_id', 'points', 'units', 'value_units'))), [
            {"org_id": o, "user_id": u, "day": d, "type_id": t, "points": p, "units": n, "value_units": v}
            for (o, u, d, t), (p, n, v) in sums.items()])


def downgrade() -> None:
    with op.batch_alter_table('rep_notes', schema=None) as batch_op:
        batch_op.drop_index('ix_rep_notes_org_user')

    op.drop_table('rep_notes')
    with op.batch_alter_table('alert_actions', schema=None) as batch_op:
        batch_op.drop_index('ix_alert_actions_org_measured')
        batch_op.drop_index('ix_alert_actions_alert')

    op.drop_table('alert_actions')
    with op.batch_alter_table('mission_calibrations', schema=None) as batch_op:
        batch_op.drop_index('ix_mission_calibrations_rep')

    op.drop_table('mission_calibrations')
    with op.batch_alter_table('alerts', schema=None) as batch_op:
        batch_op.drop_index('ix_alerts_org_status')

    op.drop_table('alerts')
    op.drop_table('insight_streaks')
    op.drop_table('insight_settings')
    op.drop_table('insight_digests')
    op.drop_table('insight_day_closes')
    with op.batch_alter_table('targets', schema=None) as batch_op:
        batch_op.drop_index('ix_targets_org_metric_period')

    op.drop_table('targets')
    with op.batch_alter_table('rep_wins', schema=None) as batch_op:
        batch_op.drop_index('ix_rep_wins_org_day')

    op.drop_table('rep_wins')
    with op.batch_alter_table('rep_days', schema=None) as batch_op:
        batch_op.drop_index('ix_rep_days_rep_day')

    op.drop_table('rep_days')
