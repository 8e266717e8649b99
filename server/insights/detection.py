"""Early warning at each team's day close: the rules of `insights.rules` over the team's rollups,
streaks (the habits feature) and live contests (the contests feature); one alert per rep, reason
and week, and a notice to the rep's managers (the notifications feature delivers it, respecting
their preferences and quiet hours).

A close is claimed by its (org, team, day) row, so several workers run it once; `reprally
insights --org ID` runs it on demand (`force`: again, if it already ran; the weekly uniqueness of
alerts keeps that harmless)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from server.accounts import service as accounts
from server.accounts.directory import org_info
from server.accounts.models import User
from server.core import events
from server.core.auth import Principal
from server.core.runtime import Runtime
from server.habits import service as habits
from server.insights import contests_reach
from server.insights import rules as r
from server.insights import store as repo
from server.insights.settings import thresholds_of
from server.ledger import sinks
from server.targets import service as targets

#: `team_id` of the day close of the reps without a team.
NO_TEAM = 0
REASON_TEXT = {
    "low_activity": "activity well below their usual level",
    "inactive": "nothing logged for several working days",
    "streak_broken": "a long streak just broke",
    "out_of_reach": "out of reach of a prize in a running contest",
}


@dataclass(frozen=True, slots=True)
class Closed:
    team_id: int
    ran: bool
    flagged: int


def _system(org_id: int) -> Principal:
    """How the worker reads other features' services: as the org's admin."""
    return Principal(org_id, "admin")


@dataclass(frozen=True, slots=True)
class _People:
    """The org's active users as one close needs them (read once for every team it closes)."""

    reps: dict[int, list[User]]  # by team (NO_TEAM: reps without one), in id order
    managers: dict[int, list[int]]  # by team
    admins: list[int]


async def _people(rt: Runtime, org_id: int) -> _People:
    reps: dict[int, list[User]] = defaultdict(list)
    managers: dict[int, list[int]] = defaultdict(list)
    admins = []
    for u in sorted(await accounts.active_members(rt, org_id), key=lambda u: u.id):
        if u.role == "rep":
            reps[u.team_id or NO_TEAM].append(u)
        elif u.role == "manager" and u.team_id is not None:
            managers[u.team_id].append(u.id)
        elif u.role == "admin":
            admins.append(u.id)
    return _People(reps, managers, admins)


async def flags_for(rt: Runtime, org_id: int, reps: list[User], day: date) -> dict[int, list[r.Flag]]:
    """What the rules find about these reps at the close of `day` (streaks seen are stored)."""
    t = await thresholds_of(rt, org_id)
    cal = await targets.calendar(rt, org_id)
    ids = [u.id for u in reps]
    out: dict[int, list[r.Flag]] = defaultdict(list)
    if not ids:
        return out
    end = day + timedelta(days=1)
    recent_low = r.window_of(cal.last_working_days(end, t.low_activity_days), end)
    recent_idle = r.window_of(cal.last_working_days(end, t.inactive_days), end)
    if recent_low is None or recent_idle is None:
        return out
    before_low = r.window_of(cal.last_working_days(recent_low.first, t.baseline_days), recent_low.first)
    before_idle = r.window_of(cal.last_working_days(recent_idle.first, t.baseline_days), recent_idle.first)
    first = min(w.first for w in (recent_low, recent_idle, before_low, before_idle) if w is not None)
    daily = await targets.daily_activity(rt, org_id, ids, first, end)
    for uid in ids:
        mine = daily.get(uid, {})
        flag = r.inactive(mine, recent_idle, before_idle, t) or r.low_activity(mine, recent_low, before_low, t)
        if flag is not None:
            out[uid].append(flag)
    team_ids = {u.team_id for u in reps}
    one_team = next(iter(team_ids)) if len(team_ids) == 1 else None
    for uid, flag in (await _streaks(rt, org_id, ids, day, t, one_team)).items():
        out[uid].append(flag)
    for uid, flag in (await _contests(rt, org_id, set(ids))).items():
        out[uid].append(flag)
    return out


async def _streaks(rt: Runtime, org_id: int, ids: list[int], day: date, t: r.Thresholds,
                   team_id: int | None) -> dict[int, r.Flag]:
    """Streaks that broke since the last close (the habits feature's streaks of these reps' team)."""
    _, rows = await habits.team_view(rt, _system(org_id), team_id, 1)
    now = {rep.id: r.StreakState(s.current, s.run_start, s.last_day) for rep, s, _, _ in rows if rep.id in set(ids)}
    async with rt.engine.begin() as conn:
        seen = await repo.streaks_seen(conn, org_id, ids)
        found = {}
        for uid, state in now.items():
            before = seen.get(uid)
            if before is not None:
                flag = r.streak_broken(r.StreakState(before.current, before.run_start, before.last_day), state, t)
                if flag is not None:
                    found[uid] = flag
        await repo.save_streaks(conn, [{"org_id": org_id, "user_id": uid, "current": s.current,
                                        "run_start": s.run_start, "last_day": s.last_day, "seen_on": day}
                                       for uid, s in sorted(now.items())])
    return found


async def _contests(rt: Runtime, org_id: int, ids: set[int]) -> dict[int, r.Flag]:
    found: dict[int, r.Flag] = {}
    for c in await contests_reach.running(rt, _system(org_id), ids):
        for uid in c.out:
            if uid not in found:
                found[uid] = r.out_of_reach(c.contest_id, c.name, c.standings[uid], _reach_of(c, uid), c.elapsed)
    return found


def _reach_of(c: contests_reach.ContestReach, uid: int) -> r.Reach:
    group = (c.standings[uid].group or "") if c.format == "bracketed" else ""
    return r.Reach(c.lines.get(group), c.within, c.out)


async def close_day(rt: Runtime, org_id: int, team_id: int, day: date, *, force: bool = False,
                    people: _People | None = None) -> Closed:
    """Run the rules for one team's reps at the close of `day`; raise the new alerts."""
    now = rt.now()
    if not force:
        async with rt.engine.begin() as conn:
            if not await repo.claim_day_close(conn, org_id, team_id, day, now):
                return Closed(team_id, False, 0)
    people = people or await _people(rt, org_id)
    reps = people.reps.get(team_id, [])
    found = await flags_for(rt, org_id, reps, day)
    org_week_start = (await targets.span(rt, org_id, "week", day)).first
    by_team, admins = people.managers, people.admins
    names = {u.id: u for u in reps}
    rows: list[dict[str, Any]] = [
        {"org_id": org_id, "user_id": uid, "team_id": names[uid].team_id, "reason": f.reason,
         "week": org_week_start, "day": day, "evidence": f.evidence, "suggested_actions": list(r.SUGGESTED[f.reason]),
         "status": "open", "created_at": now}
        for uid, flags in sorted(found.items()) for f in flags]
    async with rt.engine.begin() as conn:
        if force:
            await repo.claim_day_close(conn, org_id, team_id, day, now)
        new = await repo.insert_alerts(conn, rows)
        notices = []
        for alert_id, a in new:
            rep = names[a["user_id"]]
            for manager_id in by_team.get(rep.team_id or NO_TEAM, []) or admins:
                notices.append(events.Notice(
                    manager_id, "insight_alert", f"{rep.display_name}: {REASON_TEXT[a['reason']]}",
                    f"Suggested: {', '.join(x.replace('_', ' ') for x in a['suggested_actions'])}",
                    data={"alert_id": alert_id, "user_id": rep.id, "reason": a["reason"],
                          "url": f"/api/v1/alerts/{alert_id}"},
                    dedupe_key=f"alert:{alert_id}:{manager_id}"))
        await sinks.write_notices(rt, conn, org_id, notices)
        await repo.set_flagged(conn, org_id, team_id, day, len(new))
    return Closed(team_id, True, len(new))


async def team_ids(rt: Runtime, org_id: int) -> list[int]:
    return [t.id for t in await accounts.list_teams(rt, _system(org_id))] + [NO_TEAM]


async def close_org(rt: Runtime, org_id: int, day: date | None = None, *, force: bool = False) -> list[Closed]:
    """Every team's close of `day` (default: today in the org's time zone)."""
    day = day or await targets.today(rt, org_id)
    people = await _people(rt, org_id)
    return [await close_day(rt, org_id, t, day, force=force, people=people) for t in await team_ids(rt, org_id)]


async def due_closes(rt: Runtime) -> int:
    """The worker's sweep: each org's teams whose working day is over (local `day_close_hour`)."""
    flagged = 0
    for org_id in await accounts.all_org_ids(rt):
        t = await thresholds_of(rt, org_id)
        local = rt.now().astimezone((await org_info(rt, org_id)).tz)
        if local.hour >= t.day_close_hour:
            flagged += sum(c.flagged for c in await close_org(rt, org_id, local.date()))
    return flagged
