"""The daily habit loop's orchestration: activity and reversal hooks (streaks, combo bonus,
missions, badges), the achievement and rank hooks, and the worker jobs.

SQL is the truth: `habit_days` counters, the streak snapshot recomputed from them, mission
and badge rows; nothing lives only in Redis (it just carries the realtime frames).
`HABITS_ENABLED=false` switches the whole loop off (the hooks return at once).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from server.domain import streaks as rules
from server.services import badges, effects, hooks, missions
from server.services.habit_context import Ctx, OrgHabits, Sink, cached, close, load, publish
from server.storage import habits as repo
from server.storage import orgs as orgs_repo
from server.worker import job

log = logging.getLogger("reprally.habits")

#: (org, user, day) whose missions exist (process memory, only saves a lookup; bounded)
_ensured: set = set()


def enabled(rt) -> bool:
    return rt.settings.habits_enabled


def _counters_first(rt, org_id: int) -> bool:
    """The habit loop's steps of concurrent batches of the same reps deadlock with each other
    (measured: 40 hot reps, 8 concurrent batches of 500); counters locked first serialise them."""
    if not enabled(rt):
        return False
    cfg = cached(org_id)
    return cfg is None or cfg.enabled


hooks.COUNTERS_FIRST.append(_counters_first)


def streak_out(s: rules.Streak) -> dict:
    return {"current": s.current, "best": s.best, "freezes": s.freezes, "freezes_used": s.freezes_used,
            "last_day": s.last_day.isoformat() if s.last_day else None, "today_done": s.today_done,
            "at_risk": s.at_risk}


async def compute_for(conn, cfg: OrgHabits, user_ids: list[int], now: datetime) -> dict[int, rules.Streak]:
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
        ctx.events.append(hooks.Achievement("streak_extended", user_id, data=item,
                                            ref=f"streak:{user_id}:{s.last_day.isoformat()}"))
        for m in rules.milestones_crossed(before, s.current):
            ctx.sink.feed.append(hooks.FeedItem("streak_milestone", user_id, {"days": m, "current": s.current},
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
@hooks.on_activities
async def on_activities(rt, conn, batch: hooks.ActivityBatch) -> None:
    if not enabled(rt):
        return
    cfg = await load(rt, conn, batch.org_id, need_users={a.user_id for a in batch.activities})
    if not cfg.enabled:
        return
    if len(_ensured) > 100_000:
        _ensured.clear()
    acts = sorted(((a, cfg.day_of(a.user_id, a.occurred_at)) for a in batch.activities
                   if cfg.cares(a.type_key, a.points)), key=lambda pair: (pair[0].user_id, pair[1]))
    if not acts:
        return
    ctx = Ctx(rt, conn, cfg, batch, batch.now)
    batch_ids = [a.activity_id for a in batch.activities]  # already written: no mission counts them twice
    plans = [_plan(ctx, a, day) for a, day in acts]
    for p in plans:  # missions a rep does not have yet are created first, so the step moves them too
        if p.cold:
            await missions.ensure_once(ctx, p.a.user_id, p.day, batch_ids, _ensured)
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
    a: hooks.FreshActivity
    day: date
    units: int  # qualifying units for the day counter
    snapshot: bool  # the combo needs the streak snapshot
    progress: bool  # the activity moves missions of its day
    cold: bool  # first activity of the rep's day in this process: their missions may not exist yet
    cands: list  # count/value badges it may complete: (badge, period key, window)
    windows: list  # the distinct windows of `cands`

    @property
    def mission(self) -> tuple[date, str, int, int] | None:
        a = self.a
        return (self.day, a.type_key, a.quantity, a.value_units) if self.progress else None


def _plan(ctx: Ctx, a: hooks.FreshActivity, day: date) -> _Plan:
    cfg, uid = ctx.cfg, a.user_id
    progress = missions.wanted(ctx, a.type_key, uid, day)
    cands = badges.activity_candidates(ctx, uid, a.type_key, a.occurred_at) if a.type_key in cfg.activity_badges \
        else []
    return _Plan(a, day, a.quantity if cfg.qualifies(a.type_key) else 0, cfg.combo_on and a.points > 0, progress,
                 progress and (cfg.org_id, uid, day) not in _ensured, cands,
                 list(dict.fromkeys(w for _, _, w in cands)))


def _ahead(plans: list[_Plan]) -> dict[tuple, int]:
    """Per (rep, type id, badge window): the amount of this transaction's activities not replayed yet.
    The ledger already holds them all, so an activity's window sum, as it would be had it been
    logged alone after the ones before it, is the ledger's sum minus what is still ahead."""
    ahead: dict[tuple, int] = {}
    for p in plans:
        for w in p.windows:
            key = (p.a.user_id, p.a.type_id, *w)
            ahead[key] = ahead.get(key, 0) + _amount(p.a, w[0])
    return ahead


def _replayed(p: _Plan, ahead: dict[tuple, int], sums: dict[tuple, int]) -> dict:
    """Take `p` off `ahead`; its windows' sums as of `p` (`sums`: per key, with every activity in)."""
    out = {}
    for w in p.windows:
        key = (p.a.user_id, p.a.type_id, *w)
        ahead[key] -= _amount(p.a, w[0])
        out[w] = sums[key] - ahead[key]
    return out


async def _one(ctx: Ctx, p: _Plan, ahead: dict[tuple, int]) -> None:
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
    rows = {k: [[r, metric] for r, metric in v] for k, v in out.missions.items()}

    def moved_by(p: _Plan) -> list:  # [row, metric] of the missions `p` moves
        return rows.get((p.a.user_id, p.day, p.a.type_key), []) if p.mission else []

    for p in plans:
        for r_m in moved_by(p):
            r_m[0] = r_m[0]._replace(progress=r_m[0].progress - _amount(p.a, r_m[1]))
    streaks = dict(out.streaks)
    for p in plans:
        a, uid = p.a, p.a.user_id
        now_units = None
        if p.units:
            units[(uid, p.day)] += p.units
            now_units = units[(uid, p.day)]
        for r_m in moved_by(p):
            r_m[0] = r_m[0]._replace(progress=r_m[0].progress + _amount(a, r_m[1]))
        current, last_day = streaks.get(uid, (0, None))
        reached = await _reached(ctx, p, now_units, current, last_day, [r for r, _ in moved_by(p)],
                                 _replayed(p, ahead, sums))
        if reached is not None:  # the streak row changed: later activities of the rep see the new one
            streaks[uid] = reached
        for r_m in moved_by(p):
            if r_m[0].completed_at is None and r_m[0].progress >= r_m[0].target:
                r_m[0] = r_m[0]._replace(completed_at=ctx.now)  # done now (by this activity or a concurrent one)


def _amount(a: hooks.FreshActivity, measure: str) -> int:
    """The activity's amount for a mission metric ("count" | "value") or a ledger column ("units" | "value_units")."""
    return a.quantity if measure in ("count", "units") else a.value_units


async def _reached(ctx: Ctx, p: _Plan, units: int | None, current: int, last_day: date | None, mission_rows,
                   sums: dict) -> tuple[int, date | None] | None:
    """What the activity reached, given its step's results: missions done, a streak day, the combo
    bonus, badges. Returns the rep's new (current, last day) when the streak was recomputed."""
    a, uid, cfg = p.a, p.a.user_id, ctx.cfg
    await missions.progressed(ctx, a, p.day, mission_rows)
    refreshed = None
    if p.units and units - p.units < cfg.rules.min_units <= units:  # the day just qualified
        s = await refresh_streak(ctx, uid, a.activity_id)
        current, last_day = refreshed = (s.current, s.last_day)
    if p.snapshot and last_day == p.day:
        bonus = rules.combo_bonus(a.points, current, cfg.rules)
        if bonus:
            ctx.sink.add_entry(user_id=uid, kind="streak_bonus", points=bonus, occurred_at=a.occurred_at,
                               activity_id=a.activity_id, type_id=None)
    if p.cands:
        await badges.grant_measured(ctx, uid, p.cands, sums, a.activity_id, a.occurred_at)
    return refreshed


@hooks.on_reversal
async def on_reversal(rt, conn, rb: hooks.ReversalBatch) -> None:
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
        units = (await repo.add_days(conn, cfg.org_id, {(rb.user_id, day): -rb.quantity}))[(rb.user_id, day)]
    await missions.on_reversal(ctx, rb, day)
    if units is not None and units < cfg.rules.min_units <= units + rb.quantity:
        await refresh_streak(ctx, rb.user_id)
    paid = sum(r.points for r in await repo.bonus_entries(conn, cfg.org_id, rb.activity_id, ("streak_bonus",)))
    if paid > 0:
        rb.add_entry(user_id=rb.user_id, kind="streak_bonus", points=-paid, occurred_at=rb.occurred_at,
                     activity_id=rb.activity_id)
    await close(ctx)


@hooks.on_achievements
async def on_achievements(rt, conn, eb: hooks.EventBatch) -> None:
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


@hooks.after_boards
async def rank_badges(rt, org_id: int, batch, facts: list) -> None:
    """Rank badges, read from the boards once they moved."""
    if not enabled(rt) or not facts or not rt.redis_usable:
        return
    cfg = cached(org_id)
    if cfg is None:  # a cache miss only: the activity that just committed usually loaded it
        async with rt.engine.connect() as conn:
            cfg = await load(rt, conn, org_id)
    if not cfg.enabled or not any(b.rule == "rank" for b in cfg.badges):
        return
    now = datetime.now(UTC)
    found = await badges.rank_candidates(rt, cfg, org_id, {f.user_id for f in facts}, now)
    if found:
        await run_effects(rt, cfg, None, now, lambda ctx: _grant_all(ctx, found))


async def _grant_all(ctx: Ctx, found: list) -> None:
    for b, uid, key in found:
        await badges.grant(ctx, b, uid, key)


async def run_effects(rt, cfg: OrgHabits, actor_user_id: int | None, now: datetime, work):
    """Run `work(ctx)` in its own transaction and write its effects through `effects.emit`."""
    await rt.org(cfg.org_id)  # warm the cached reads emit makes: SQLite allows one writer at a time
    await rt.types(cfg.org_id)
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


# -- worker jobs --------------------------------------------------------------------------------
async def _org_ids(rt) -> list[int]:
    async with rt.sessions() as s:
        return await orgs_repo.all_org_ids(s)


async def _org_cfg(rt, org_id: int) -> OrgHabits | None:
    await rt.org(org_id)
    async with rt.engine.begin() as conn:
        cfg = await load(rt, conn, org_id)
    return cfg if cfg.enabled else None


async def create_due_missions(rt, now: datetime | None = None) -> int:
    """Missions for every rep whose working day has started in their time zone. Safe to run
    concurrently and again after a crash: each (rep, day) is claimed by one transaction."""
    if not enabled(rt):
        return 0
    now = now or datetime.now(UTC)
    created = 0
    for org_id in await _org_ids(rt):
        cfg = await _org_cfg(rt, org_id)
        if cfg is None:
            continue
        for rep in cfg.users.values():
            local = now.astimezone(rep.tz)
            day = local.date()
            if (not rep.active or rep.role != "rep" or local.hour < cfg.mission_start_hour
                    or not cfg.rules.calendar.is_working(day) or (org_id, rep.id, day) in _ensured):
                continue
            async with rt.engine.begin() as conn:
                if await missions.ensure(rt, conn, cfg, rep.id, day, now):
                    created += 1
            _ensured.add((org_id, rep.id, day))
    return created


async def warn_at_risk(rt, now: datetime | None = None) -> int:
    """One `streak_at_risk` notice (and realtime frame) per rep and day, late in their day."""
    if not enabled(rt):
        return 0
    now = now or datetime.now(UTC)
    sent = 0
    for org_id in await _org_ids(rt):
        cfg = await _org_cfg(rt, org_id)
        if cfg is None:
            continue
        async with rt.engine.begin() as conn:
            rows = [r for r in (await repo.streak_rows(conn, org_id)).values() if r.current > 0]
            if not rows:
                continue
            live = await compute_for(conn, cfg, [r.user_id for r in rows], now)
            sink, frames = Sink(org_id, None, now), []
            for uid, s in live.items():
                today = now.astimezone(cfg.tz_of(uid)).date()
                if s.at_risk and await repo.claim_at_risk(conn, org_id, uid, today):
                    sink.notices.append(hooks.Notice(
                        uid, "streak_at_risk", "Your streak is at risk",
                        f"Log an activity today to keep your {s.current}-day streak",
                        data={"current": s.current, "freezes": s.freezes, "day": today.isoformat()},
                        dedupe_key=f"streak_at_risk:{uid}:{today.isoformat()}"))
                    frames.append((uid, {"kind": "streak", "event": "at_risk", **streak_out(s)}))
                    sent += 1
            await hooks.write_notices(rt, conn, org_id, sink.notices)
        await publish(rt, org_id, frames)
    return sent


async def close_days(rt, now: datetime | None = None) -> int:
    """After each day's grace period, store the streaks it broke or froze (the snapshot the team
    view and the combo read) and tell the reps. Recomputing is idempotent."""
    if not enabled(rt):
        return 0
    now = now or datetime.now(UTC)
    changed = 0
    for org_id in await _org_ids(rt):
        cfg = await _org_cfg(rt, org_id)
        if cfg is None:
            continue
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


@job("habits_missions", 300)
async def missions_job(rt) -> None:
    await create_due_missions(rt)


@job("habits_at_risk", 600)
async def at_risk_job(rt) -> None:
    await warn_at_risk(rt)


@job("habits_day_close", 900)
async def day_close_job(rt) -> None:
    await close_days(rt)
