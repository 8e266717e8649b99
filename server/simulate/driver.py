"""The driver: one program, one fresh org, the same team and history, day by day on a simulated
clock through the real engine.

Each simulated day runs a few ticks (org-local hours `TICKS`). At every tick the clock moves
there, the worker's time-based jobs run (`JOBS`: mission generation, streak warnings and day
closes with the rank badges, the contest lifecycle, the notification publisher and sender), and
the activities the reps logged since the last tick go in through `ledger.ingest.record` in
batches, exactly as `POST /api/v1/activities/batch` records them, so scoring, caps, boards,
missions, streaks, badges, contests, rollups and notices all come from the engine. Reps make
up their day (`model.morning`) at their first tick after 07:00 local, from what the engine shows
them: today's missions, their contest standings, yesterday's notices and recognition. Kudos go
through `social.kudos.give`. Wins are read back from the engine's own notifications (what the
product told the rep): missions completed, badges (after the first week), contest prizes, kudos.
"""

from __future__ import annotations

import logging
import random
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from server.accounts import service as accounts
from server.contests import service as contests
from server.core import cache
from server.core.auth import Principal
from server.core.clock import ManualClock
from server.core.db import table_of
from server.core.periods import local_midnight
from server.core.runtime import Runtime
from server.core.settings import Settings
from server.features import make_runtime
from server.habits.models import Mission
from server.ledger import ingest
from server.notifications.models import Notification
from server.simulate import model, reach
from server.simulate.programs import Program, configure
from server.simulate.team import PROPOSAL_RATE, Rep, binomial, make_team, poisson
from server.social import kudos
from server.targets import service as targets

log = logging.getLogger("reprally.simulate")

ORG_TZ = "America/New_York"
TICKS = (7, 10, 13, 16, 19, 22)  # org-local hours
LOG_HOURS = (12, 16)  # a rep logs at the first ticks after these local hours (midday, late afternoon)
DECIDE_HOUR = 7
JOBS = (
    "habits_missions",
    "habits_at_risk",
    "habits_day_close",
    "contests",
    "notifications_live",
    "push_sender",
)
WIN_KINDS = ("mission_done", "missions_all_done", "badge_earned", "contest_result", "kudos")
PASSWORD = "simulated-password"
KUDOS_POINTS = 5


@dataclass(frozen=True, slots=True)
class Config:
    reps: int = 50
    weeks: int = 8
    seed: int = 1
    history_weeks: int = 4
    team_size: int = 10
    start: date = date(2027, 3, 1)  # a Monday: the first simulated day
    batch: int = 500
    params: model.Params = field(default_factory=model.Params)


@dataclass(slots=True)
class RepState:
    rep: Rep
    user_id: int = 0
    team_id: int = 0
    decision: model.Decision | None = None
    works_today: bool = False
    plan: dict[str, list[int]] = field(default_factory=dict)  # type -> units per slot
    slots: list[int] = field(default_factory=list)  # tick hours (org) the rep logs at today
    meetings: dict[date, int] = field(default_factory=lambda: defaultdict(int))
    deals: dict[date, list[float]] = field(default_factory=lambda: defaultdict(list))
    streak: int = 0
    won_value: float = 0.0
    units: dict[str, int] = field(
        default_factory=lambda: defaultdict(int)
    )  # "history"/"sim" -> leading units
    days_worked: dict[str, int] = field(default_factory=lambda: defaultdict(int))


@dataclass(slots=True)
class Outcome:
    """What one program produced: the raw facts the report turns into figures."""

    program: str
    reps: list[RepState]
    wins: dict[int, dict[int, set[str]]]  # week -> user -> kinds of win
    notices: dict[int, list[tuple[datetime, str]]]  # user -> (time, kind), simulated weeks
    reach_mid: list[dict[str, Any]]  # per contest: participants, within (user ids)
    points: dict[int, int]  # user -> points over the simulated weeks
    attainment: dict[int, list[float]]  # user -> weekly attainment (percent)
    working_days: int
    history_working_days: int
    activities: int  # items recorded during the simulated weeks
    units: int
    seconds: float
    history_seconds: float


class Sim:
    def __init__(self, settings: Settings, program: Program, cfg: Config, behaviour: Any = model) -> None:
        self.cfg, self.program, self.m = cfg, program, behaviour
        self.tz = ZoneInfo(ORG_TZ)
        self.first_hist = cfg.start - timedelta(weeks=cfg.history_weeks)
        self.clock = ManualClock(local_midnight(self.first_hist, self.tz) - timedelta(hours=12))
        self.rt: Runtime = make_runtime(settings, clock=self.clock)
        self.rng = random.Random(cfg.seed * 7919 + 1)  # the same draws for every program, day by day
        self.team = make_team(cfg.seed, cfg.reps, cfg.weeks, cfg.history_weeks)
        self.states = [RepState(r) for r in self.team]
        self.by_user: dict[int, RepState] = {}
        self.admin = Principal(0, "admin", None)
        self.pending: list[ingest.ActivityInput] = []
        self.recorded = 0
        self.sim_units = 0
        self.contest_ids: list[int] = []
        self.reach_mid: dict[int, dict[str, Any]] = {}
        self.won_yesterday: dict[int, bool] = {}
        self.kudos_yesterday: dict[int, int] = {}
        self.notices_yesterday: dict[int, int] = {}

    # -- setup ---------------------------------------------------------------------------------------
    async def create(self) -> None:
        slug = f"sim{self.cfg.seed}-{self.program.name}-{random.Random().randrange(16**6):06x}"
        org, admin_user = await accounts.create_org(
            self.rt,
            name=f"Simulated {self.program.name} {slug}",
            timezone=ORG_TZ,
            week_start="monday",
            admin_email=f"admin-{slug}@sim.reprally.dev",
            admin_password=PASSWORD,
            admin_name="Sim Admin",
        )
        self.admin = Principal(org.id, "admin", admin_user.id)
        n_teams = -(-self.cfg.reps // self.cfg.team_size)
        for t in range(n_teams):
            team = await accounts.create_team(self.rt, self.admin, f"Team {t + 1}", None)
            for st in self.states[t * self.cfg.team_size : (t + 1) * self.cfg.team_size]:
                user = await accounts.create_user(
                    self.rt,
                    self.admin,
                    {
                        "email": f"rep{st.rep.index + 1}-{slug}@sim.reprally.dev",
                        "display_name": st.rep.name,
                        "password": PASSWORD,
                        "role": "rep",
                        "team_id": team.id,
                        "timezone": st.rep.timezone,
                    },
                )
                st.user_id, st.team_id = user.id, team.id
                self.by_user[user.id] = st

    # -- one rep's day -------------------------------------------------------------------------------
    def _local_hour(self, st: RepState, at: datetime) -> int:
        return at.astimezone(ZoneInfo(st.rep.timezone)).hour

    def _plan_day(
        self,
        st: RepState,
        day: date,
        week: int,
        working: bool,
        decision: model.Decision,
        rng: random.Random,
        midnight: datetime,
    ) -> None:
        rep = st.rep
        st.plan, st.slots, st.works_today = {}, [], False
        show = min(0.995, max(0.0, rep.showing_up + decision.show_up_delta))
        draw_show, draw_weekend = rng.random(), rng.random()
        if week < rep.start_week or (not working and draw_weekend > 0.03) or (working and draw_show > show):
            return
        st.works_today = True
        form = rep.form.get(week, 1.0) * (0.4 if not working else 1.0)
        effort = decision.effort
        counts = {
            "call": min(100, poisson(rng, rep.calls * form * effort * decision.type_effort.get("call", 1.0))),
            "email": min(50, poisson(rng, rep.email_rate * effort * decision.type_effort.get("email", 1.0))),
        }
        booked = binomial(
            rng, counts["call"], rep.meeting_rate * decision.type_effort.get("meeting_booked", 1.0)
        )
        counts["meeting_booked"] = min(20, booked)
        for k in ("call", "email", "meeting_booked"):
            if k in decision.chase:
                counts[k] = self.m.finish(self.cfg.params, rng, counts[k], decision.chase[k])
        for _ in range(counts["meeting_booked"]):
            st.meetings[day + timedelta(days=rng.randint(2, 6))] += 1
        held = min(20, st.meetings.pop(day, 0))
        counts["meeting_held"] = held
        counts["proposal_sent"] = min(10, binomial(rng, held, PROPOSAL_RATE))
        counts["opportunity_created"] = min(10, binomial(rng, held, 0.3))
        for k in ("proposal_sent", "opportunity_created"):
            if k in decision.chase:
                counts[k] = self.m.finish(self.cfg.params, rng, counts[k], decision.chase[k])
        close = min(0.8, 0.25 * rep.skill**0.5)
        for _ in range(counts["proposal_sent"]):
            if rng.random() < close:
                st.deals[day + timedelta(days=rng.randint(5, 16))].append(
                    round(rng.lognormvariate(9.2, 0.5), 2)
                )
        slots: list[int] = []
        for lh in LOG_HOURS:
            h = next(
                (h for h in TICKS if self._local_hour(st, midnight + timedelta(hours=h)) >= lh), TICKS[-1]
            )
            if h not in slots:
                slots.append(h)
        st.slots = slots
        for k, n in counts.items():
            per = [0] * len(slots)
            if k in ("call", "email"):
                for _ in range(n):
                    per[rng.randrange(len(slots))] += 1
            else:
                per[-1] = n
            st.plan[k] = per
        deals = st.deals.pop(day, [])
        if deals:
            st.plan["deal_won"] = [0] * len(slots)
            st.plan["deal_won"][-1] = len(deals)
            st.plan["_values"] = [int(v * 100) for v in deals]

    def _items_at(self, st: RepState, hour: int, at: datetime, phase: str) -> list[ingest.ActivityInput]:
        if not st.works_today or hour not in st.slots:
            return []
        i = st.slots.index(hour)
        out = []
        for k, per in st.plan.items():
            if k.startswith("_") or k == "deal_won" or not per[i]:
                continue
            out.append(ingest.ActivityInput(k, per[i], None, at - timedelta(minutes=5), None, st.user_id))
            if k in ("call", "email"):
                st.units[phase] += per[i]
        if "deal_won" in st.plan and st.plan["deal_won"][i]:
            for v in st.plan["_values"]:
                out.append(
                    ingest.ActivityInput("deal_won", 1, v / 100, at - timedelta(minutes=4), None, st.user_id)
                )
                if phase == "sim":
                    st.won_value += v / 100
        return out

    async def _flush(self) -> int:
        n = 0
        items, self.pending = self.pending, []
        for i in range(0, len(items), self.cfg.batch):
            outcomes = await ingest.record(self.rt, self.admin, items[i : i + self.cfg.batch], batch=True)
            n += sum(1 for o in outcomes if o.recorded is not None)
        return n

    # -- history -------------------------------------------------------------------------------------
    async def history(self) -> None:
        """The same weeks of history for every program: neutral behaviour, no jobs."""
        neutral = model.Decision(0.0, 1.0, {}, {})
        cal = await targets.calendar(self.rt, self.admin.org_id)
        day = self.first_hist
        while day < self.cfg.start:
            midnight = local_midnight(day, self.tz)
            week = (day - self.cfg.start).days // 7
            working = cal.is_working(day)
            for st in self.states:
                self._plan_day(st, day, week, working, neutral, self.rng, midnight)
                if st.works_today:
                    st.days_worked["history"] += 1
            self.clock.set(midnight + timedelta(hours=TICKS[-1]))
            for st in self.states:
                for h in st.slots if st.works_today else []:
                    self.pending += self._items_at(st, h, midnight + timedelta(hours=TICKS[-1]), "history")
            await self._flush()
            day += timedelta(days=1)

    async def weekly_targets(self) -> dict[int, int]:
        metric = await targets.metric_of(self.rt, self.admin.org_id, "points")
        done = await targets.actuals(
            self.rt,
            self.admin.org_id,
            metric,
            [s.user_id for s in self.states],
            self.first_hist,
            self.cfg.start,
        )
        out = {}
        for st in self.states:
            if st.rep.start_week <= -self.cfg.history_weeks + 1:
                out[st.user_id] = max(10, round(done.get(st.user_id, 0) / self.cfg.history_weeks * 1.1))
        return out

    # -- the simulated weeks ---------------------------------------------------------------------------
    async def _jobs(self) -> None:
        for j in self.rt.registry.jobs:
            if j.name in JOBS:
                await j.run(self.rt)

    async def _notices_between(self, since: datetime, until: datetime) -> list[Any]:
        N = table_of(Notification)
        async with self.rt.engine.connect() as conn:
            return list(
                (
                    await conn.execute(
                        select(N.c.user_id, N.c.kind, N.c.data, N.c.created_at).where(
                            N.c.org_id == self.admin.org_id, N.c.created_at >= since, N.c.created_at < until
                        )
                    )
                ).all()
            )

    async def _missions_of(self, day: date) -> dict[int, list[Any]]:
        M = table_of(Mission)
        async with self.rt.engine.connect() as conn:
            rows = (
                await conn.execute(
                    select(M.c.user_id, M.c.type_key, M.c.target, M.c.metric).where(
                        M.c.org_id == self.admin.org_id, M.c.day == day
                    )
                )
            ).all()
        out: dict[int, list[Any]] = defaultdict(list)
        for r in rows:
            out[r.user_id].append(r)
        return out

    async def _contest_views(self, now: datetime, day: date) -> dict[int, list[model.ContestView]]:
        views: dict[int, list[model.ContestView]] = defaultdict(list)
        for cid in self.contest_ids:
            st = await contests.channel_standings(self.rt, self.admin.org_id, cid)
            c = st.contest
            if c.state != "live" or c.starts_at > now:
                continue
            length = (c.ends_at - c.starts_at).total_seconds()
            elapsed = min(1.0, max(0.0, (now - c.starts_at).total_seconds() / length))
            found = reach.of(st, elapsed, self.cfg.params.safe_lead_ratio)
            if cid not in self.reach_mid and elapsed >= 0.5:
                self.reach_mid[cid] = {
                    "contest_id": cid,
                    "format": c.format,
                    "elapsed": round(elapsed, 3),
                    "participants": sorted(st.members),
                    "within": sorted(found.within),
                }
            for uid in st.members:
                views[uid].append(
                    model.ContestView(uid in found.holds_prize, uid in found.within, uid in found.safe_lead)
                )
        return views

    def _usual(self, st: RepState, type_key: str) -> float:
        rep = st.rep
        return {
            "call": rep.calls,
            "email": rep.email_rate,
            "meeting_booked": rep.calls * rep.meeting_rate,
            "proposal_sent": rep.calls * rep.meeting_rate * PROPOSAL_RATE,
            "opportunity_created": rep.calls * rep.meeting_rate * 0.3,
        }.get(type_key, 1.0)

    async def _yesterday(self, day: date) -> None:
        since = local_midnight(day - timedelta(days=1), self.tz)
        rows = await self._notices_between(since, local_midnight(day, self.tz))
        self.won_yesterday, self.kudos_yesterday, self.notices_yesterday = (
            {},
            defaultdict(int),
            defaultdict(int),
        )
        for r in rows:
            self.notices_yesterday[r.user_id] += 1
            if r.kind == "kudos":
                self.kudos_yesterday[r.user_id] += 1
            elif r.kind in WIN_KINDS and (r.kind != "contest_result" or (r.data or {}).get("won")):
                self.won_yesterday[r.user_id] = True

    async def _kudos(self, day: date, rng: random.Random) -> None:
        if not self.program.kudos:
            return
        teams: dict[int, list[RepState]] = defaultdict(list)
        for st in self.states:
            teams[st.team_id].append(st)
        for st in self.states:
            if not st.works_today or not self.m.gives_kudos(self.cfg.params, rng):
                continue
            mates = [m for m in teams[st.team_id] if m is not st and m.works_today]
            if not mates:
                continue
            weights = [
                1.0 + sum(sum(v) for k, v in m.plan.items() if not k.startswith("_")) / 20 for m in mates
            ]
            to = rng.choices(mates, weights)[0]
            giver = Principal(self.admin.org_id, "rep", st.user_id)
            try:
                await kudos.give(
                    self.rt, giver, st.user_id, to.user_id, "Great work today!", None, KUDOS_POINTS
                )
            except Exception as e:  # noqa: BLE001 - a refused kudos (allowance, limits) is the product's answer
                log.debug("kudos refused: %s", e)

    async def simulate(self) -> None:
        cal = await targets.calendar(self.rt, self.admin.org_id)
        day, end = self.cfg.start, self.cfg.start + timedelta(weeks=self.cfg.weeks)
        while day < end + timedelta(days=1):  # one more day: the last contests end, settle and pay
            midnight = local_midnight(day, self.tz)
            week = (day - self.cfg.start).days // 7
            working = cal.is_working(day) and day < end
            decided: set[int] = set()
            day_rng = random.Random(hash((self.cfg.seed, day.toordinal())) & 0xFFFFFFFF)
            rep_rngs = {
                st.user_id: random.Random(self.cfg.seed * 1_000_003 + st.rep.index * 10_007 + day.toordinal())
                for st in self.states
            }
            missions: dict[int, list[Any]] = {}
            views: dict[int, list[model.ContestView]] = {}
            for st in self.states:
                st.works_today, st.slots, st.plan = False, [], {}
            await self._yesterday(day)
            for h in TICKS:
                at = midnight + timedelta(hours=h)
                self.clock.set(at)
                self.recorded += await self._flush_at(at)
                await self._jobs()
                if day >= end:
                    continue
                due = [
                    st
                    for st in self.states
                    if st.user_id not in decided and self._local_hour(st, at) >= DECIDE_HOUR
                ]
                if due:
                    missions = await self._missions_of(day)
                    views = await self._contest_views(at, day)
                for st in due:
                    decided.add(st.user_id)
                    ms = [
                        model.MissionView(r.type_key, int(r.target), self._usual(st, r.type_key))
                        for r in missions.get(st.user_id, [])
                        if r.metric == "count"
                    ]
                    morning = model.Morning(
                        views.get(st.user_id, []),
                        ms,
                        self.won_yesterday.get(st.user_id, False),
                        self.kudos_yesterday.get(st.user_id, 0),
                        st.streak if self.program.habits != "off" else 0,
                        self.notices_yesterday.get(st.user_id, 0),
                    )
                    st.decision = self.m.morning(self.cfg.params, morning)
                    self._plan_day(st, day, week, working, st.decision, rep_rngs[st.user_id], midnight)
                    if st.works_today:
                        st.days_worked["sim"] += 1
                    if working:
                        st.streak = st.streak + 1 if st.works_today else 0
                for st in self.states:
                    self.pending += self._items_at(st, h, at, "sim")
                if h == 16:
                    self.recorded += await self._flush_at(at)
                    await self._kudos(day, day_rng)
            self.recorded += await self._flush_at(midnight + timedelta(hours=TICKS[-1]))
            day += timedelta(days=1)
        # late ticks: the last contests settle and pay (contest_settle_s after they end)
        for extra in (6, 12, 24, 36):
            self.clock.set(local_midnight(end, self.tz) + timedelta(hours=extra))
            await self._jobs()

    async def _flush_at(self, at: datetime) -> int:
        return await self._flush() if self.pending else 0

    # -- reading the outcome back from the engine ------------------------------------------------------
    async def outcome(self, seconds: float, history_seconds: float) -> Outcome:
        start = local_midnight(self.cfg.start, self.tz)
        end_day = self.cfg.start + timedelta(weeks=self.cfg.weeks)
        rows = await self._notices_between(start, local_midnight(end_day, self.tz) + timedelta(days=3))
        wins: dict[int, dict[int, set[str]]] = {w: defaultdict(set) for w in range(self.cfg.weeks)}
        notices: dict[int, list[tuple[datetime, str]]] = defaultdict(list)
        for r in rows:
            at = r.created_at if r.created_at.tzinfo else r.created_at.replace(tzinfo=UTC)
            week = min(self.cfg.weeks - 1, (at.astimezone(self.tz).date() - self.cfg.start).days // 7)
            if r.user_id not in self.by_user:
                continue
            notices[r.user_id].append((at, r.kind))
            if r.kind in ("mission_done", "missions_all_done"):
                wins[week][r.user_id].add("mission")
            elif r.kind == "badge_earned" and week >= 1:
                wins[week][r.user_id].add("badge")
            elif r.kind == "contest_result" and (r.data or {}).get("won"):
                wins[week][r.user_id].add("contest")
            elif r.kind == "kudos":
                wins[week][r.user_id].add("kudos")
        ids = [s.user_id for s in self.states]
        metric = await targets.metric_of(self.rt, self.admin.org_id, "points")
        points = await targets.actuals(self.rt, self.admin.org_id, metric, ids, self.cfg.start, end_day)
        attainment: dict[int, list[float]] = defaultdict(list)
        for w in range(self.cfg.weeks):
            s = await targets.span(self.rt, self.admin.org_id, "week", self.cfg.start + timedelta(weeks=w))
            for a in await targets.attainment_of(self.rt, self.admin.org_id, metric, s, ids):
                if a.attainment is not None and self.by_user[a.user_id].rep.start_week <= w:
                    attainment[a.user_id].append(float(a.attainment))
        cal = await targets.calendar(self.rt, self.admin.org_id)
        working = sum(
            1 for i in range(self.cfg.weeks * 7) if cal.is_working(self.cfg.start + timedelta(days=i))
        )
        hist = sum(
            1
            for i in range(self.cfg.history_weeks * 7)
            if cal.is_working(self.first_hist + timedelta(days=i))
        )
        return Outcome(
            self.program.name,
            self.states,
            wins,
            dict(notices),
            list(self.reach_mid.values()),
            {u: points.get(u, 0) for u in ids},
            dict(attainment),
            working,
            hist,
            self.recorded,
            sum(s.units["sim"] for s in self.states),
            seconds,
            history_seconds,
        )

    async def close(self) -> None:
        await self.rt.close()


Setup = Callable[[Runtime, Principal], Awaitable[None]]


async def run_program(
    settings: Settings, program: Program, cfg: Config, behaviour: Any = model, setup: Setup | None = None
) -> Outcome:
    """One program from a fresh org; `setup` changes the org (as its admin) before the history."""
    sim = Sim(settings, program, cfg, behaviour)
    try:
        with cache.expiring_by(lambda: sim.clock.now().timestamp()):
            return await _run(sim, program, cfg, setup)
    finally:
        await sim.close()


async def _run(sim: Sim, program: Program, cfg: Config, setup: Setup | None) -> Outcome:
    t0 = time.perf_counter()
    await sim.create()
    if setup is not None:
        await setup(sim.rt, sim.admin)
    await sim.history()
    history_s = time.perf_counter() - t0
    sim.clock.set(local_midnight(cfg.start, sim.tz) - timedelta(hours=12))
    sim.contest_ids = await configure(
        sim.rt, sim.admin, program, cfg.start, cfg.weeks, await sim.weekly_targets()
    )
    t1 = time.perf_counter()
    await sim.simulate()
    seconds = time.perf_counter() - t1
    log.info(
        "%s: %d activities in %.1f s (history %.1f s)", program.name, sim.recorded, seconds, history_s
    )
    return await sim.outcome(seconds, history_s)
