"""Realistic history for an org, logged day by day through the real activity path.

Reps differ in skill and habits (how many working days they show up); every rep has good and bad
weeks; calls lead to meetings, meetings to proposals and opportunities, proposals to won deals a
week or two later, while emails come at each rep's own rate and lead nowhere, so the insights'
leading-vs-lagging figures have something true to find. Near the end a few reps drift: some log
far less than usual, one goes silent, one breaks a long streak. The days are logged in batches
through `ledger.ingest.record` by a runtime on a manual clock set to each day's evening, so every
hook runs (boards, habits, contests, rollups) and nothing is older than the backdating limit; the
last weeks' day closes run as the worker would run them, so the early warning sees the streaks.

`reprally seed-history --reps N --weeks W` makes a new org this way; the demo org gets 12 weeks.
"""

from __future__ import annotations

import asyncio
import logging
import math
import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from server.accounts import service as accounts
from server.accounts.directory import org_info
from server.core.auth import Principal
from server.core.clock import ManualClock
from server.core.ops.progress import Progress
from server.core.periods import WorkCalendar, local_midnight
from server.core.runtime import Runtime
from server.core.settings import Settings
from server.features import make_runtime
from server.insights.detection import close_org
from server.ledger import ingest
from server.targets import service as targets

log = logging.getLogger("reprally.demo")

FIRST = ("Ava", "Ben", "Cleo", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivan", "Jo", "Kai", "Lena", "Milo", "Nia",
         "Omar", "Pia", "Quinn", "Rosa", "Sam", "Tara", "Uma", "Vic", "Wes", "Xia", "Yara", "Zed")
LAST = ("Reyes", "Okafor", "Nguyen", "Schmidt", "Patel", "Rossi", "Kim", "Silva", "Novak", "Haddad")
PASSWORD = "history-password"
#: The share of reps whose last days drift (low activity), and how much they keep of their usual.
DRIFTING_SHARE, DRIFT_KEEP = 0.07, 0.25
#: Working days at the end the drifting, silent and streak-breaking reps keep to their fate.
DRIFT_DAYS, SILENT_DAYS, BREAK_DAYS = 6, 4, 4  # a break outlasts the 2 freezes a long streak holds, and is over
#: Day closes run (as the worker would) over this many last days of the history.
CLOSE_DAYS = 21


@dataclass(slots=True)
class Rep:
    user_id: int
    skill: float  # calls a working day = 22 x skill x the week's form
    showing_up: float  # the chance of working on a working day
    email_rate: float
    start: date  # the first day they log (new reps start late)
    fate: str = "steady"  # steady | drifting | silent | breaking
    form: dict[int, float] = field(default_factory=dict)  # week index -> good or bad week factor
    meetings: dict[date, int] = field(default_factory=lambda: defaultdict(int))  # booked, held on that day
    deals: dict[date, list[float]] = field(default_factory=lambda: defaultdict(list))  # won on that day


class Interrupted(Exception):
    """`seed_history` stopped (its `stop` event set) before the last day."""


@dataclass(frozen=True, slots=True)
class Report:
    org_id: int
    reps: int
    days: int
    activities: int
    alerts: int


def poisson(rng: random.Random, lam: float) -> int:
    """Knuth's sampler (the means here stay small)."""
    if lam <= 0:
        return 0
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def binomial(rng: random.Random, n: int, p: float) -> int:
    return sum(1 for _ in range(n) if rng.random() < p)


def profiles(rng: random.Random, user_ids: list[int], first: date, end: date) -> list[Rep]:
    weeks = (end - first).days // 7 + 1
    reps = []
    for uid in user_ids:
        new = rng.random() < 0.06
        start = end - timedelta(days=rng.randint(10, 20)) if new else first
        rep = Rep(uid, skill=rng.lognormvariate(0, 0.35), showing_up=rng.uniform(0.78, 0.99),
                  email_rate=rng.uniform(4, 28), start=start)
        rep.form = {w: rng.lognormvariate(0, 0.22) for w in range(weeks)}
        reps.append(rep)
    order = list(range(len(reps)))
    rng.shuffle(order)
    n_drift = max(1, round(len(reps) * DRIFTING_SHARE))
    for k, idx in enumerate(order[:n_drift + 2]):
        reps[idx].fate = "drifting" if k < n_drift else ("silent" if k == n_drift else "breaking")
        reps[idx].start = first
    for rep in reps:
        if rep.fate == "breaking":
            rep.showing_up = 1.0
    return reps


def _last_working(cal: WorkCalendar, end: date, n: int) -> set[date]:
    return set(cal.last_working_days(end, n))


def day_items(rng: random.Random, rep: Rep, day: date, week: int, working: bool, tail: dict[str, set[date]],
              tz_midnight: datetime) -> list[ingest.ActivityInput]:
    """One rep's activities of one day (one item per type, its count as the quantity; deals one by one)."""
    if day < rep.start:
        return []
    if rep.fate == "silent" and day in tail["silent"] or rep.fate == "breaking" and day in tail["breaking"]:
        return []
    if not working and rng.random() > 0.04:
        return []
    if working and rng.random() > rep.showing_up:
        return []
    level = rep.skill * rep.form.get(week, 1.0) * (DRIFT_KEEP if rep.fate == "drifting" and day in tail["drift"]
                                                     else 1.0)
    at = tz_midnight + timedelta(hours=9, minutes=rng.randint(0, 8 * 60))
    counts = {"call": min(100, poisson(rng, 22 * level)), "email": min(50, poisson(rng, rep.email_rate))}
    counts["meeting_booked"] = min(20, binomial(rng, counts["call"], 0.08))
    for _ in range(counts["meeting_booked"]):
        rep.meetings[day + timedelta(days=rng.randint(2, 6))] += 1
    held = min(20, rep.meetings.pop(day, 0))
    counts["meeting_held"] = held
    counts["proposal_sent"] = min(10, binomial(rng, held, 0.45))
    counts["opportunity_created"] = min(10, binomial(rng, held, 0.3))
    for _ in range(counts["proposal_sent"]):
        if rng.random() < 0.4:
            rep.deals[day + timedelta(days=rng.randint(5, 16))].append(round(rng.lognormvariate(9.2, 0.6), 2))
    items = [ingest.ActivityInput(k, n, None, at, None, rep.user_id) for k, n in counts.items() if n > 0]
    items += [ingest.ActivityInput("deal_won", 1, v, at + timedelta(minutes=30), None, rep.user_id)
              for v in rep.deals.pop(day, [])]
    return items


async def create_org(rt: Runtime, reps: int, team_size: int, *, name: str | None = None,
                     rng: random.Random | None = None) -> tuple[int, Principal, list[int]]:
    """A new org with teams of `team_size` reps, one manager each; returns (org id, its admin, rep ids)."""
    rng = rng or random.Random(7)
    slug = f"{rng.randrange(16 ** 6):06x}"
    org, admin_user = await accounts.create_org(
        rt, name=name or f"History Co {slug}", timezone="America/New_York", week_start="monday",
        admin_email=f"admin-{slug}@history.reprally.dev", admin_password=PASSWORD, admin_name="Hana Admin")
    admin = Principal(org.id, "admin", admin_user.id)
    ids: list[int] = []
    for t in range(math.ceil(reps / team_size)):
        team = await accounts.create_team(rt, admin, f"Team {t + 1}", "East" if t % 2 == 0 else "West")
        await accounts.create_user(rt, admin, {"email": f"manager{t + 1}-{slug}@history.reprally.dev",
                                               "display_name": f"Manager {t + 1}", "password": PASSWORD,
                                               "role": "manager", "team_id": team.id})
        for i in range(t * team_size, min(reps, (t + 1) * team_size)):
            user = await accounts.create_user(rt, admin, {
                "email": f"rep{i + 1}-{slug}@history.reprally.dev",
                "display_name": f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST) + i) % len(LAST)]}",
                "password": PASSWORD, "role": "rep", "team_id": team.id})
            ids.append(user.id)
    return org.id, admin, ids


async def seed_history(settings: Settings, admin: Principal, user_ids: list[int], *, weeks: int,
                       end: datetime, seed: int = 7, day_closes: bool = True, batch: int = 500,
                       progress: Progress | None = None, stop: asyncio.Event | None = None) -> Report:
    """Log `weeks` weeks of history for the reps, up to the day before `end` (closing the last weeks'
    days as the worker would), then set this month's targets from the suggestions. `progress`
    advances one step a day (`weeks * 7` in all); when `stop` is set, it ends after the day being
    logged and raises `Interrupted`."""
    clock = ManualClock(end)
    hrt = make_runtime(settings, clock=clock)
    try:
        return await _seed(hrt, clock, admin, user_ids, weeks, end, seed, day_closes, batch, progress, stop)
    finally:
        await hrt.close()


#: Between two transactions of a history filled in the background (`stop` given): on SQLite one
#: writer at a time, and a fill that begins its next transaction at once starves the API's writes
#: (a sign-in waited 2-10 s on a busy machine).
BACKGROUND_PAUSE_S = 0.05


async def _seed(rt: Runtime, clock: ManualClock, admin: Principal, user_ids: list[int], weeks: int, end: datetime,
                seed: int, day_closes: bool, batch: int, progress: Progress | None,
                stop: asyncio.Event | None) -> Report:
    org = await org_info(rt, admin.org_id)
    cal = await targets.calendar(rt, admin.org_id)
    today = end.astimezone(org.tz).date()
    first = today - timedelta(weeks=weeks)
    rng = random.Random(seed)
    reps = profiles(rng, user_ids, first, today)
    tail = {"drift": _last_working(cal, today, DRIFT_DAYS), "silent": _last_working(cal, today, SILENT_DAYS),
            "breaking": _last_working(cal, today, BREAK_DAYS)}
    logged = alerts = 0
    day = first
    while day < today:
        if stop is not None and stop.is_set():
            raise Interrupted(f"stopped at {day} with {logged} activities logged")
        midnight = local_midnight(day, org.tz)
        clock.set(midnight + timedelta(hours=20))
        working = cal.is_working(day)
        week = (day - first).days // 7
        items = [it for rep in reps for it in day_items(rng, rep, day, week, working, tail, midnight)]
        for i in range(0, len(items), batch):
            outcomes = await ingest.record(rt, admin, items[i:i + batch], batch=True)
            logged += sum(1 for o in outcomes if o.recorded is not None)
            if stop is not None:  # filled behind a running API: leave its requests a turn at the database
                await asyncio.sleep(BACKGROUND_PAUSE_S)
        if day_closes and (today - day).days <= CLOSE_DAYS:  # the worker's close, after the close hour
            clock.set(midnight + timedelta(hours=21))
            alerts += sum(c.flagged for c in await close_org(rt, admin.org_id, day))
            if stop is not None:
                await asyncio.sleep(BACKGROUND_PAUSE_S)
        day += timedelta(days=1)
        if progress is not None:
            progress.advance(1, f"{logged} activities")
    clock.set(end)
    await _targets(rt, admin)
    log.info("seeded %d activities for %d reps over %d weeks (%d alerts)", logged, len(reps), weeks, alerts)
    return Report(admin.org_id, len(reps), (today - first).days, logged, alerts)


async def _targets(rt: Runtime, admin: Principal) -> None:
    """This month's points targets: each team's suggestions (the median of their last three months)."""
    s = await targets.span(rt, admin.org_id, "month")
    for team in await accounts.list_teams(rt, admin):
        _, found = await targets.suggest(rt, admin, "points", "month", team.id, None)
        items = [(u.id, g.value) for u, g in found if g.value is not None]
        if items:
            await targets.put_targets(rt, admin, "points", "month", s.first, items)
