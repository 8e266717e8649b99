"""The daily habit loop's orchestration: activity and reversal hooks (streaks, combo bonus,
missions, badges), the achievement hook, and what the worker jobs share.

SQL is the truth: `habit_days` counters, the streak snapshot recomputed from them, mission
and badge rows; nothing lives only in Redis (it just carries the realtime frames).
`HABITS_ENABLED=false` switches the whole loop off (the hooks return at once).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncConnection

from server.accounts.directory import org_info
from server.core import events
from server.core.runtime import Part, Runtime
from server.habits import badges, missions
from server.habits import rules_streaks as rules
from server.habits import store as repo
from server.habits.context import Ctx, OrgHabits, Sink, cached, close, load, publish
from server.ledger import effects
from server.ledger.types import types_of

log = logging.getLogger("reprally.habits")

T = TypeVar("T")

#: (org, user, day) whose missions exist (process memory, only saves a lookup; bounded). One per
#: runtime: ids mean nothing outside their database (the simulator and the tests run several).
ENSURED: Part[set[tuple[int, int, date]]] = Part("habits.ensured", lambda rt: set())


def ensured(rt: Runtime) -> set[tuple[int, int, date]]:
    return rt.part(ENSURED)


def enabled(rt: Runtime) -> bool:
    return rt.settings.habits_enabled


def counters_first(rt: Runtime, org_id: int) -> bool:
    """The habit loop's steps of concurrent batches of the same reps deadlock with each other
    (measured: 40 hot reps, 8 concurrent batches of 500); counters locked first serialise them."""
    if not enabled(rt):
        return False
    cfg = cached(rt, org_id)
    return cfg is None or cfg.enabled




def streak_out(s: rules.Streak) -> dict[str, Any]:
    return {"current": s.current, "best": s.best, "freezes": s.freezes, "freezes_used": s.freezes_used,
            "last_day": s.last_day.isoformat() if s.last_day else None, "today_done": s.today_done,
            "at_risk": s.at_risk}


async def compute_for(conn: AsyncConnection, cfg: OrgHabits, user_ids: list[int],
                      now: datetime) -> dict[int, rules.Streak]:
    since = now.date() - timedelta(days=rules.HISTORY_DAYS + 2)
    days = await repo.qualified_days(conn, cfg.org_id, user_ids, cfg.rules.min_units, since)
    return {u: rules.compute(days[u], cfg.rules, now, cfg.tz_of(u)) for u in user_ids}


async def refresh_streak(ctx: Ctx, user_id: int, activity_id: int | None = None) -> rules.Streak:
    """Recompute the rep's streak under their row lock and store the snapshot; report an extension."""
    row = await repo.lock_streak(ctx.conn, ctx.org_id, user_id, ctx.now)
    s = (await compute_for(ctx.conn, ctx.cfg, [user_id], ctx.now))[user_id]
    await repo.save_streak(ctx.conn, ctx.org_id, user_id, {
        "current": s.current, "best": s.best, "freezes": s.freezes, "last_day": s.last_day,
        "run_start": s.run_start, "updated_at": ctx.now})
    # the stored run is part of the new one (same run, or a backfilled day joined it to an older one)
    same_run = row.last_day is not None and s.run_start is not None and s.run_start <= row.last_day <= s.last_day
    before = row.current if same_run else 0
    if s.current > before:
        item = {**streak_out(s), "extended": True}
        ctx.unlock(activity_id, "streak", item)
        ctx.frame(user_id, {"kind": "streak", "event": "extended", **item})
        ctx.events.append(events.Achievement("streak_extended", user_id, data=item,
                                            ref=f"streak:{user_id}:{s.last_day}"))
        for m in rules.milestones_crossed(before, s.current):
            ctx.sink.feed.append(events.FeedItem("streak_milestone", user_id, {"days": m, "current": s.current},
                                                ref=f"streak:{user_id}:{s.run_start}:{m}"))
        await badges.check_streak(ctx, user_id, s.current, activity_id)
    elif (s.current, s.freezes) != (row.current, row.freezes):
        ctx.frame(user_id, {"kind": "streak", "event": "changed", **streak_out(s)})
    return s


# -- activity path ------------------------------------------------------------------------------
# Every habit path takes its row locks in one order, kind by kind and reps in id order within a
# kind: the missions a rep does not have yet (claim row and rows, created first), the day counters
# (`habit_days`), the mission rows, then rep by rep `mission_days`, the streak row and badge awards.
# Concurrent transactions therefore never wait on each other in a cycle.
async def on_activities(rt: Runtime, conn: AsyncConnection, batch: events.ActivityBatch) -> None:
    if not enabled(rt):
        return
    cfg = await load(rt, conn, batch.org_id, need_users={a.user_id for a in batch.activities})
    if not cfg.enabled:
        return
    if len(ensured(rt)) > 100_000:
        ensured(rt).clear()
    acts = sorted(((a, cfg.day_of(a.user_id, a.occurred_at)) for a in batch.activities
                   if cfg.cares(a.type_key, a.points)), key=lambda pair: (pair[0].user_id, pair[1]))
    if not acts:
        return
    ctx = Ctx(rt, conn, cfg, batch, batch.now)
    batch_ids = [a.activity_id for a in batch.activities]  # already written: no mission counts them twice
    plans = [_plan(ctx, a, day) for a, day in acts]
    for p in plans:  # missions a rep does not have yet are created first, so the step moves them too
        if p.cold:
            await missions.ensure_once(ctx, p.a.user_id, p.day, batch_ids, ensured(ctx.rt))
    if len(plans) > 1 and conn.dialect.name == "postgresql":
        await _many(ctx, plans)
    else:  # reps in id order (and day order), one statement each (SQLite: the same steps one by one)
        ahead = _ahead(plans)
        for p in plans:
            await _one(ctx, p, ahead)
    await close(ctx)


@dataclass(slots=True)
class _Plan:
    """What one activity asks of the habit step, decided before any SQL."""
    a: events.FreshActivity
    day: date
    units: int  # qualifying units for the day counter
    snapshot: bool  # the combo needs the streak snapshot
    progress: bool  # the activity moves missions of its day
    cold: bool  # first activity of the rep's day in this process: their missions may not exist yet
    cands: list[badges.ActivityCandidate]  # count/value badges it may complete: (badge, period key, window)
    windows: list[repo.Window]  # the distinct windows of `cands`

    @property
    def mission(self) -> tuple[date, str, int, int] | None:
        a = self.a
        return (self.day, a.type_key, a.units, a.value_units) if self.progress else None


def _plan(ctx: Ctx, a: events.FreshActivity, day: date) -> _Plan:
    cfg, uid = ctx.cfg, a.user_id
    progress = missions.wanted(ctx, a.type_key, uid, day)
    cands = badges.activity_candidates(ctx, uid, a.type_key, a.occurred_at) if a.type_key in cfg.activity_badges \
        else []
    return _Plan(a, day, a.units if cfg.qualifies(a.type_key) else 0, cfg.combo_on and a.points > 0, progress,
                 progress and (cfg.org_id, uid, day) not in ensured(ctx.rt), cands,
                 list(dict.fromkeys(w for _, _, w in cands)))


def _ahead(plans: list[_Plan]) -> dict[repo.RepWindow, int]:
    """Per (rep, type id, badge window): the amount of this transaction's activities not replayed yet.
    The ledger already holds them all, so an activity's window sum, as it would be had it been
    logged alone after the ones before it, is the ledger's sum minus what is still ahead."""
    ahead: dict[repo.RepWindow, int] = {}
    for p in plans:
        for w in p.windows:
            key = (p.a.user_id, p.a.type_id, *w)
            ahead[key] = ahead.get(key, 0) + _amount(p.a, w[0])
    return ahead


def _replayed(p: _Plan, ahead: dict[repo.RepWindow, int], sums: dict[repo.RepWindow, int]) -> dict[repo.Window, int]:
    """Take `p` off `ahead`; its windows' sums as of `p` (`sums`: per key, with every activity in)."""
    out: dict[repo.Window, int] = {}
    for w in p.windows:
        key = (p.a.user_id, p.a.type_id, *w)
        ahead[key] -= _amount(p.a, w[0])
        out[w] = sums[key] - ahead[key]
    return out


async def _one(ctx: Ctx, p: _Plan, ahead: dict[repo.RepWindow, int]) -> None:
    """One activity: the day counter, the streak snapshot, the mission progress and the sums of the
    count/value badges it may complete come back from one statement (`repo.step`); what follows
    only writes when something was reached (a streak day, a mission, a badge, the combo)."""
    a, uid = p.a, p.a.user_id
    out = await repo.step(ctx.conn, ctx.org_id, uid, day=p.day, units=p.units, snapshot=p.snapshot,
                          mission=p.mission, type_id=a.type_id, windows=p.windows)
    measured = {(uid, a.type_id, *w): total for w, total in zip(p.windows, out.sums, strict=True)}
    await _reached(ctx, p, out.units, out.current, out.last_day, out.missions, _replayed(p, ahead, measured))


async def _many(ctx: Ctx, plans: list[_Plan]) -> None:
    """Several activities (reps in id order) in one statement (`repo.step_many`), which returns the
    counters and missions as they stand after all of them; each activity is then replayed in
    order from what was there before, so each one reaches exactly what it would have alone."""
    snap_users = sorted({p.a.user_id for p in plans if p.snapshot})
    wanted = list(dict.fromkeys((p.a.user_id, p.a.type_id, *w) for p in plans for w in p.windows))
    out = await repo.step_many(ctx.conn, ctx.org_id, [repo.StepItem(p.a.user_id, p.day, p.units, p.mission)
                                                      for p in plans], snap_users, wanted)
    sums, ahead = dict(zip(wanted, out.sums, strict=True)), _ahead(plans)
    units = dict(out.units)
    for p in plans:  # back to the counters before this statement
        if p.units:
            units[(p.a.user_id, p.day)] -= p.units
    rows = {k: [_Moved(r, metric) for r, metric in v] for k, v in out.missions.items()}

    def moved_by(p: _Plan) -> list[_Moved]:  # the missions `p` moves
        return rows.get((p.a.user_id, p.day, p.a.type_key), []) if p.mission else []

    for p in plans:
        for m in moved_by(p):
            m.row = m.row._replace(progress=m.row.progress - _amount(p.a, m.metric))
    streaks = dict(out.streaks)
    for p in plans:
        a, uid = p.a, p.a.user_id
        now_units = None
        if p.units:
            units[(uid, p.day)] += p.units
            now_units = units[(uid, p.day)]
        for m in moved_by(p):
            m.row = m.row._replace(progress=m.row.progress + _amount(a, m.metric))
        current, last_day = streaks.get(uid, (0, None))
        reached = await _reached(ctx, p, now_units, current, last_day, [m.row for m in moved_by(p)],
                                 _replayed(p, ahead, sums))
        if reached is not None:  # the streak row changed: later activities of the rep see the new one
            streaks[uid] = reached
        for m in moved_by(p):
            if m.row.completed_at is None and m.row.progress >= m.row.target:
                m.row = m.row._replace(completed_at=ctx.now)  # done now (by this activity or a concurrent one)


@dataclass(slots=True)
class _Moved:
    """A mission row `_many` replays (as it stands at the activity being replayed) and its metric."""
    row: repo.MissionProgress
    metric: str


def _amount(a: events.FreshActivity, measure: str) -> int:
    """The activity's amount for a mission metric ("count" | "value") or a ledger column ("units" | "value_units"):
    what counts (units over the daily cap never do)."""
    return a.units if measure in ("count", "units") else a.value_units


async def _reached(ctx: Ctx, p: _Plan, units: int | None, current: int, last_day: date | None,
                   mission_rows: Sequence[repo.MissionRow], sums: dict[repo.Window, int]
                   ) -> tuple[int, date | None] | None:
    """What the activity reached, given its step's results: missions done, a streak day, the combo
    bonus, badges. Returns the rep's new (current, last day) when the streak was recomputed."""
    a, uid, cfg = p.a, p.a.user_id, ctx.cfg
    await missions.progressed(ctx, a, p.day, mission_rows)
    refreshed = None
    if p.units and units is not None and units - p.units < cfg.rules.min_units <= units:  # the day just qualified
        s = await refresh_streak(ctx, uid, a.activity_id)
        current, last_day = refreshed = (s.current, s.last_day)
    if p.snapshot and last_day == p.day:
        bonus = rules.combo_bonus(a.points, current, cfg.rules)
        if bonus:
            ctx.sink.add_entry(user_id=uid, kind="streak_bonus", points=bonus, occurred_at=a.occurred_at,
                               activity_id=a.activity_id, cause=events.Cause("streak", None, cfg.version))
    if p.cands:
        await badges.grant_measured(ctx, uid, p.cands, sums, a.activity_id, a.occurred_at)
    return refreshed


async def on_reversal(rt: Runtime, conn: AsyncConnection, rb: events.ReversalBatch) -> None:
    """Undo the activity's part: day counter (streak recomputed if the day no longer qualifies),
    mission progress (bonuses written back when a mission is undone), its combo bonus."""
    if not enabled(rt):
        return
    cfg = await load(rt, conn, rb.org_id, need_users=(rb.user_id,))
    if not cfg.enabled:
        return
    ctx = Ctx(rt, conn, cfg, rb, rb.now)
    day = cfg.day_of(rb.user_id, rb.occurred_at)
    units = None
    if cfg.qualifies(rb.type_key):
        units = (await repo.add_days(conn, cfg.org_id, {(rb.user_id, day): -rb.units}))[(rb.user_id, day)]
    await missions.on_reversal(ctx, rb, day)
    if units is not None and units < cfg.rules.min_units <= units + rb.units:
        await refresh_streak(ctx, rb.user_id)
    paid = await repo.bonus_entries(conn, cfg.org_id, rb.activity_id, ("streak_bonus",))
    if (total := sum(r.points for r in paid)) > 0:  # taken back under the rule version that paid it
        rb.add_entry(user_id=rb.user_id, kind="streak_bonus", points=-total, occurred_at=rb.occurred_at,
                     activity_id=rb.activity_id, cause=events.Cause("streak", None, paid[0].cause_version))
    await close(ctx)


async def on_achievements(rt: Runtime, conn: AsyncConnection, eb: events.EventBatch) -> None:
    """Contest wins earn contest badges."""
    wins = [e for e in eb.events if e.kind == "contest_won"]
    if not wins or not enabled(rt):
        return
    cfg = await load(rt, conn, eb.org_id)
    if not cfg.enabled:
        return
    ctx = Ctx(rt, conn, cfg, eb, eb.now)
    for ev in wins:
        await badges.check_contest(ctx, ev)
    await close(ctx)


async def run_effects(rt: Runtime, cfg: OrgHabits, actor_user_id: int | None, now: datetime,
                      work: Callable[[Ctx], Awaitable[T]]) -> T:
    """Run `work(ctx)` in its own transaction and write its effects through `effects.emit`."""
    await org_info(rt, cfg.org_id)  # warm the cached reads emit makes: SQLite allows one writer at a time
    await types_of(rt, cfg.org_id)
    async with rt.engine.begin() as conn:
        sink = Sink(cfg.org_id, actor_user_id, now)
        ctx = Ctx(rt, conn, cfg, sink, now)
        result = await work(ctx)
        done = await effects.emit(rt, conn, cfg.org_id, ctx.events, actor_user_id=actor_user_id,
                                  entries=sink.entries, notices=sink.notices, feed_items=sink.feed, now=now)
        done.after_commit.extend(sink.after_commit)
    await effects.finish(rt, cfg.org_id, done)
    await publish(rt, cfg.org_id, ctx.frames)
    return result
