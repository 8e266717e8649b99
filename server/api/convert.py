"""Turning rows and service results into wire types."""

from __future__ import annotations

from server.api import schemas as w
from server.board.store import Ranked
from server.domain.periods import WEEKDAYS, Period
from server.services.ingestion import Recorded


def org_out(o) -> w.OrgOut:
    return w.OrgOut(o.id, o.name, o.slug, o.timezone, WEEKDAYS[o.week_start], o.created_at)


def user_out(u) -> w.UserOut:
    return w.UserOut(u.id, u.org_id, u.email, u.display_name, u.role, u.team_id, u.region, u.job_role, u.shift,
                     u.timezone, u.active, u.created_at)


def team_out(t) -> w.TeamOut:
    return w.TeamOut(t.id, t.name, t.region, t.created_at)


def activity_type_out(t) -> w.ActivityTypeOut:
    return w.ActivityTypeOut(t.id, t.key, t.label, t.points, t.value_points, t.daily_cap, t.self_reportable,
                             t.active, t.version, t.current_version_id)


def activity_out(r: Recorded) -> w.ActivityOut:
    return w.ActivityOut(r.id, r.user_id, r.type, r.quantity, r.value, r.occurred_at, r.recorded_at, r.source,
                         r.external_id, r.points_awarded, r.units_over_cap, r.ledger_entry_id, r.duplicate,
                         r.boards_updated, r.unlocked)


def period_out(p: Period) -> w.PeriodOut:
    return w.PeriodOut(p.id, p.start, p.end)


def entry_out(e: Ranked) -> w.EntryOut:
    return w.EntryOut(e.rank, e.user_id, e.profile.display_name if e.profile else None,
                      e.profile.team_id if e.profile else None, e.score)


def api_key_out(k) -> w.ApiKeyOut:
    return w.ApiKeyOut(k.id, k.name, k.prefix, k.created_at, k.revoked_at)


def changes(struct) -> dict:
    """The fields a PATCH body actually set."""
    import msgspec

    return {k: v for k, v in msgspec.structs.asdict(struct).items() if v is not msgspec.UNSET}
