"""Daily missions: created once per rep and working day (worker, activity path or lazily on
read), progressed by each activity of their type until the day closes, paid through the ledger."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from server.core import events, text
from server.core.periods import local_midnight
from server.core.runtime import Runtime
from server.habits import badges
from server.habits import rules_missions as rules
from server.habits import store as repo
from server.habits.context import Ctx, OrgHabits
from server.habits.rules_streaks import day_closed
from server.ledger.types import types_of


async def ensure(rt: Runtime, conn: AsyncConnection, cfg: OrgHabits, user_id: int, day: date, now: datetime,
                 exclude_activity_ids: list[int] | None = None) -> bool:
    """Create the rep's missions for `day` unless someone already did (the claim row is unique).
    Progress starts from what the rep already logged that day (minus `exclude_activity_ids`,
    which the caller is about to count)."""
    rep = cfg.users.get(user_id)
    if rep is None or not cfg.rules.calendar.is_working(day) or not cfg.templates:
        return False
    if user_id in await rt.registry.withheld(rt, conn, cfg.org_id, "missions", day):  # an experiment's arm
        return False
    if not await repo.claim_mission_day(conn, cfg.org_id, user_id, day, now, cfg.all_done_bonus):
        return False
    types = {t.key: t.id for t in (await types_of(rt, cfg.org_id, conn)).values()}  # read on `conn` on a miss
    type_ids = {types[t.type_key]: t.type_key for t in cfg.templates if t.type_key in types}
    team = [u.id for u in cfg.users.values()
            if u.id != user_id and u.active and u.role == "rep" and u.team_id == rep.team_id]
    past = _working_days_before(cfg, day, rules.BASELINE_DAYS)
    since = local_midnight((past[0] if past else day) - timedelta(days=1), rep.tz)  # a day more: teammates' zones
    totals: dict[int, dict[str, dict[date, int]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    # a rep started on the day their account was made, or on their first activity if a CRM dated it earlier
    started = {uid: cfg.users[uid].started for uid in (user_id, *team)}
    if type_ids:
        for r in await repo.type_history(conn, cfg.org_id, [user_id, *team], list(type_ids), since,
                                         exclude_activity_ids):
            d = r.occurred_at.astimezone(cfg.tz_of(r.user_id)).date()
            started[r.user_id] = min(started[r.user_id], d)
            key = type_ids[r.type_id]
            totals[r.user_id][rules.history_key(key, "count")][d] += r.units
            totals[r.user_id][rules.history_key(key, "value")][d] += r.value_units
    keys = [rules.history_key(t.type_key, t.metric) for t in cfg.templates]
    own = {k: [totals[user_id][k].get(d, 0) for d in past if d >= started[user_id]] for k in keys}
    team_hist = {k: [totals[uid][k].get(d, 0) for uid in team for d in past if d >= started[uid]] for k in keys}
    planned = rules.plan(list(cfg.templates), user_id, rep.team_id, cfg.missions_per_day, day.toordinal(), own,
                         team_hist, rules.established(started[user_id], day),
                         await repo.calibration_pct(conn, cfg.org_id, user_id, day))
    rows: list[dict[str, Any]] = [
            {"org_id": cfg.org_id, "user_id": user_id, "day": day, "slot": p.slot, "template_id": p.template.id,
             "label": text.fill_target(p.template.label, p.target), "type_key": p.template.type_key,
             "metric": p.template.metric, "target": p.target, "bonus_points": p.template.bonus_points,
             "progress": totals[user_id][rules.history_key(p.template.type_key, p.template.metric)].get(day, 0),
             "completed_at": None} for p in planned]
    await repo.insert_missions(conn, cfg.org_id, user_id, day, rows)
    return True


def _working_days_before(cfg: OrgHabits, day: date, n: int) -> list[date]:
    out: list[date] = []
    d = day - timedelta(days=1)
    while len(out) < n and (day - d).days <= 60:
        if cfg.rules.calendar.is_working(d):
            out.append(d)
        d -= timedelta(days=1)
    return out[::-1]


def mission_item(r: repo.MissionRow) -> dict[str, Any]:
    return {"mission_id": r.id, "slot": r.slot, "label": r.label, "target": r.target, "progress": r.progress,
            "bonus_points": r.bonus_points}


async def complete(ctx: Ctx, r: repo.MissionRow, user_id: int, day: date, activity_id: int | None,
                   occurred_at: datetime) -> None:
    """Mark a mission done (one caller wins), pay its bonus and, on the day's last one, the all-done bonus."""
    cands = badges.mission_candidates(ctx, user_id)
    windows = list(dict.fromkeys(w for _, _, w in cands))
    won, all_done, bonus, counts = await repo.complete_mission(ctx.conn, ctx.org_id, user_id, day, r.id, ctx.now,
                                                               windows)
    if not won:
        return
    item = mission_item(r)
    if r.bonus_points:
        ctx.sink.add_entry(user_id=user_id, kind="mission_bonus", points=r.bonus_points, occurred_at=occurred_at,
                           activity_id=activity_id, cause=events.Cause("mission", r.id))
    ctx.unlock(activity_id, "missions_completed", item)
    ctx.sink.notices.append(events.Notice(user_id, "mission_done", "Mission complete",
                                         f"{r.label}: done ({text.points(r.bonus_points, signed=True)})",
                                         data=item,
                                         dedupe_key=f"mission:{r.id}"))
    ctx.frame(user_id, {"kind": "mission", "event": "completed", "day": day.isoformat(), **item})
    ctx.events.append(events.Achievement("mission_completed", user_id, data=item, ref=f"mission:{r.id}"))
    if all_done:
        done = {"day": day.isoformat(), "all_done": True, "bonus_points": bonus, "label": "All missions done"}
        if bonus:
            ctx.sink.add_entry(user_id=user_id, kind="mission_bonus", points=bonus, occurred_at=occurred_at,
                               activity_id=activity_id, cause=events.Cause("missions_day", r.id))
        ctx.unlock(activity_id, "missions_completed", done)
        ctx.sink.notices.append(events.Notice(user_id, "missions_all_done", "All missions done",
                                             f"Every mission of the day is done ({text.points(bonus, signed=True)})",
                                             data=done,
                                             dedupe_key=f"missions_all_done:{user_id}:{day.isoformat()}"))
        ctx.frame(user_id, {"kind": "mission", "event": "all_done", **done})
    if cands:
        await badges.grant_missions(ctx, user_id, cands, dict(zip(windows, counts, strict=True)), activity_id)


def wanted(ctx: Ctx, type_key: str, user_id: int, day: date) -> bool:
    """Whether an activity of this type on the rep's local `day` moves missions (the day is open)."""
    cfg = ctx.cfg
    return type_key in cfg.mission_types and not day_closed(day, ctx.now, cfg.tz_of(user_id), cfg.rules.grace_hours)


async def ensure_once(ctx: Ctx, user_id: int, day: date, batch_ids: list[int],
                      ensured: set[tuple[int, int, date]]) -> None:
    """The rep's missions of `day` exist (created now if it is their today), once per process."""
    key = (ctx.org_id, user_id, day)
    if key in ensured:
        return
    if day == ctx.now.astimezone(ctx.cfg.tz_of(user_id)).date() and not await repo.has_mission_day(
            ctx.conn, ctx.org_id, user_id, day):
        await ensure(ctx.rt, ctx.conn, ctx.cfg, user_id, day, ctx.now, batch_ids)
    ensured.add(key)
    if isinstance(ctx.sink, events.ActivityBatch):
        # rolled back: the missions written here are gone, so ensure them again
        ctx.sink.on_rollback.append(lambda: ensured.discard(key))


async def progressed(ctx: Ctx, a: events.FreshActivity, day: date, rows: Sequence[repo.MissionRow]) -> None:
    """Complete the missions the activity's amount brought to their target; report the others."""
    for r in rows:
        if r.completed_at is None and r.progress >= r.target:
            await complete(ctx, r, a.user_id, day, a.activity_id, a.occurred_at)
        elif r.completed_at is None:
            ctx.frame(a.user_id, {"kind": "mission", "event": "progress", "day": day.isoformat(),
                                  **mission_item(r)})


async def on_reversal(ctx: Ctx, rb: events.ReversalBatch, day: date) -> None:
    """Take the reversed amount off; a mission that falls below its target is undone and its
    bonus (and the all-done bonus) written back as negative entries. An activity recorded when
    its day was already closed never counted for missions (see `on_activities`): its reversal
    takes nothing back either."""
    cfg = ctx.cfg
    if rb.type_key not in cfg.mission_types:
        return
    recorded = rb.recorded_at or ctx.now
    if day_closed(day, recorded, cfg.tz_of(rb.user_id), cfg.rules.grace_hours):
        return
    rows = await repo.bump_missions(ctx.conn, ctx.org_id, rb.user_id, day, rb.type_key, -rb.units,
                                    -rb.value_units)
    for r in rows:
        if r.completed_at is not None and r.progress < r.target and await repo.set_completed(ctx.conn, r.id, None):
            if r.bonus_points:
                ctx.sink.add_entry(user_id=rb.user_id, kind="mission_bonus", points=-r.bonus_points,
                                   occurred_at=rb.occurred_at, activity_id=rb.activity_id,
                                   cause=events.Cause("mission", r.id))
            _, revoked, bonus = await repo.count_down(ctx.conn, ctx.org_id, rb.user_id, day, 1, ctx.now)
            if revoked and bonus:
                ctx.sink.add_entry(user_id=rb.user_id, kind="mission_bonus", points=-bonus,
                                   occurred_at=rb.occurred_at, activity_id=rb.activity_id,
                                   cause=events.Cause("missions_day", r.id))
        ctx.frame(rb.user_id, {"kind": "mission", "event": "progress", "day": day.isoformat(), **mission_item(r),
                               "completed": r.completed_at is not None and r.progress >= r.target})


async def settle(ctx: Ctx, user_id: int, day: date) -> None:
    """Pay missions that were already met when they were created (lazily, after activities)."""
    for r in await repo.missions(ctx.conn, ctx.org_id, user_id, day):
        if r.completed_at is None and r.progress >= r.target:
            await complete(ctx, r, user_id, day, None, ctx.now)
