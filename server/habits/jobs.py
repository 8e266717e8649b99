"""The habit loop's worker jobs: missions at the start of each rep's working day, a streak
warning late in it, and the day close that settles broken or frozen streaks and decides the
rank badges ("Top of the day") of the periods that closed, on their final boards.

Each job runs in every worker and is safe to run concurrently and again after a crash: each
(rep, day) is claimed by one transaction. The clock is the runtime's, so a simulated month
of days can be closed in seconds.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from functools import partial

from server.accounts import service as accounts
from server.accounts.directory import org_info
from server.core import events
from server.core.runtime import Runtime
from server.habits import badges, missions
from server.habits import rules_badges as badge_rules
from server.habits import store as repo
from server.habits.context import OrgHabits, Sink, load, publish
from server.habits.loop import compute_for, enabled, ensured, run_effects, streak_out
from server.ledger import sinks


async def _org_cfg(rt: Runtime, org_id: int) -> OrgHabits | None:
    await org_info(rt, org_id)
    async with rt.engine.begin() as conn:
        cfg = await load(rt, conn, org_id)
    return cfg if cfg.enabled else None


async def _enabled_orgs(rt: Runtime) -> AsyncIterator[tuple[int, OrgHabits]]:
    """Every org whose habit loop is on, with its settings (none while HABITS_ENABLED is off)."""
    if not enabled(rt):
        return
    for org_id in await accounts.all_org_ids(rt):
        cfg = await _org_cfg(rt, org_id)
        if cfg is not None:
            yield org_id, cfg


async def create_due_missions(rt: Runtime, now: datetime | None = None) -> int:
    """Missions for every rep whose working day has started in their time zone. Safe to run
    concurrently and again after a crash: each (rep, day) is claimed by one transaction."""
    now = now or rt.now()
    created = 0
    async for org_id, cfg in _enabled_orgs(rt):
        for rep in cfg.users.values():
            local = now.astimezone(rep.tz)
            day = local.date()
            if (not rep.active or rep.role != "rep" or local.hour < cfg.mission_start_hour
                    or not cfg.rules.calendar.is_working(day) or (org_id, rep.id, day) in ensured(rt)):
                continue
            async with rt.engine.begin() as conn:
                if await missions.ensure(rt, conn, cfg, rep.id, day, now):
                    created += 1
            ensured(rt).add((org_id, rep.id, day))
    return created


async def warn_at_risk(rt: Runtime, now: datetime | None = None) -> int:
    """One `streak_at_risk` notice (and realtime frame) per rep and day, late in their day."""
    now = now or rt.now()
    sent = 0
    async for org_id, cfg in _enabled_orgs(rt):
        async with rt.engine.begin() as conn:
            rows = [r for r in (await repo.streak_rows(conn, org_id)).values() if r.current > 0]
            if not rows:
                continue
            live = await compute_for(conn, cfg, [r.user_id for r in rows], now)
            sink, frames = Sink(org_id, None, now), []
            for uid, s in live.items():
                today = now.astimezone(cfg.tz_of(uid)).date()
                if s.at_risk and await repo.claim_at_risk(conn, org_id, uid, today):
                    sink.notices.append(events.Notice(
                        uid, "streak_at_risk", "Your streak is at risk",
                        f"Log an activity today to keep your {s.current}-day streak",
                        data={"current": s.current, "freezes": s.freezes, "day": today.isoformat()},
                        dedupe_key=f"streak_at_risk:{uid}:{today.isoformat()}"))
                    frames.append((uid, {"kind": "streak", "event": "at_risk", **streak_out(s)}))
                    sent += 1
            await sinks.write_notices(rt, conn, org_id, sink.notices)
        await publish(rt, org_id, frames)
    return sent


async def close_days(rt: Runtime, now: datetime | None = None) -> int:
    """After each day's grace period, store the streaks it broke or froze (the snapshot the team
    view and the combo read) and tell the reps. Recomputing is idempotent."""
    now = now or rt.now()
    changed = 0
    async for org_id, cfg in _enabled_orgs(rt):
        async with rt.engine.begin() as conn:
            rows = await repo.streak_rows(conn, org_id)
            live = await compute_for(conn, cfg, list(rows), now) if rows else {}
            frames = []
            for uid, s in live.items():
                r = rows[uid]
                if (s.current, s.freezes, s.last_day) != (r.current, r.freezes, r.last_day):
                    await repo.save_streak(conn, org_id, uid, {
                        "current": s.current, "best": s.best, "freezes": s.freezes, "last_day": s.last_day,
                        "run_start": s.run_start, "updated_at": now})
                    event = "broken" if s.current == 0 else "freeze_used" if s.freezes < r.freezes else "changed"
                    frames.append((uid, {"kind": "streak", "event": event, **streak_out(s)}))
                    changed += 1
        await publish(rt, org_id, frames)
    return changed


async def close_rank_periods(rt: Runtime, now: datetime | None = None) -> int:
    """Decide every active rank badge for each of its periods that closed (ended, plus the grace
    hours in which late syncs still count) and was not decided yet, on that period's final board.
    Each period is claimed by one transaction (`rank_closes`), so workers running this concurrently
    or again after a crash decide it once. Returns how many badges were awarded."""
    now = now or rt.now()
    awarded = 0
    async for org_id, cfg in _enabled_orgs(rt):
        for b in cfg.badges:
            if b.rule != "rank":
                continue
            due = badge_rules.closed_periods(b, now, cfg.org_tz, cfg.week_start, cfg.rules.grace_hours)
            if not due:
                continue
            async with rt.engine.connect() as conn:
                decided = await repo.decided_periods(conn, org_id, b.id, [p.id for p in due])
            for period in due:
                if period.id not in decided:
                    awarded += await run_effects(rt, cfg, None, now,
                                                 partial(badges.close_rank_period, b=b, period=period))
    return awarded


async def missions_job(rt: Runtime) -> None:
    await create_due_missions(rt)


async def at_risk_job(rt: Runtime) -> None:
    await warn_at_risk(rt)


async def day_close_job(rt: Runtime) -> None:
    await close_days(rt)
    await close_rank_periods(rt)
