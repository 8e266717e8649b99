"""Badges: awarding a definition once per rule and period, with its points, feed item,
notice, realtime frame and `badge_earned` achievement; and the checks that find them."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

from server.core import events, text
from server.core.periods import Period
from server.core.runtime import Part, Runtime
from server.habits import rules_badges as rules
from server.habits import store as repo
from server.habits.context import Ctx

log = logging.getLogger("reprally.badges")

#: A count or value badge an activity may complete: (badge, period key, window of the ledger to sum).
ActivityCandidate = tuple[rules.Badge, str, repo.Window]
#: A `missions_completed` badge: (badge, period key, the days its completed missions are counted over).
MissionCandidate = tuple[rules.Badge, str, repo.DayWindow]

#: (org, badge, user, period key) known to be awarded: only a manager's revoke takes one back
#: (`forget`), so this memory only saves lookups on the activity path (bounded; SQL stays the
#: truth; another process may skip a revoked badge until its set is next cleared). One per
#: runtime: ids mean nothing outside their database (the simulator and the tests run several).
HELD: Part[set[tuple[int, int, int, str]]] = Part("habits.badges_held", lambda rt: set())


def _held(ctx: Ctx) -> set[tuple[int, int, int, str]]:
    return ctx.rt.part(HELD)


def _remember(rt: Runtime, org_id: int, badge_id: int, user_id: int, key: str) -> None:
    held = rt.part(HELD)
    if len(held) > 200_000:
        held.clear()
    held.add((org_id, badge_id, user_id, key))


def forget(rt: Runtime, org_id: int, badge_id: int, user_id: int, key: str) -> None:
    """An award taken back: this process may award it again (others learn it from SQL's unique key
    when their memory of it is cleared)."""
    rt.part(HELD).discard((org_id, badge_id, user_id, key))


def badge_item(b: rules.Badge, award_id: int, message: str | None = None) -> dict[str, Any]:
    return {"award_id": award_id, "badge_id": b.id, "key": b.key, "name": b.name, "tier": b.tier,
            "points": b.points, "message": message}


async def grant(ctx: Ctx, b: rules.Badge, user_id: int, period_key: str, *, activity_id: int | None = None,
                occurred_at: datetime | None = None, message: str | None = None,
                by: int | None = None) -> dict[str, Any] | None:
    """Award `b` to the rep for `period_key` unless they have it; None when already awarded."""
    award_id = await repo.award(ctx.conn, {
        "org_id": ctx.org_id, "badge_id": b.id, "user_id": user_id, "period_key": period_key, "points": b.points,
        "message": message, "awarded_by_user_id": by, "awarded_at": ctx.now})
    if award_id is None:
        _remember(ctx.rt, ctx.org_id, b.id, user_id, period_key)
        return None

    async def remember() -> None:  # only once the award committed
        _remember(ctx.rt, ctx.org_id, b.id, user_id, period_key)

    ctx.sink.after_commit.append(remember)
    if b.points:
        ctx.sink.add_entry(user_id=user_id, kind="badge_bonus", points=b.points, occurred_at=occurred_at or ctx.now,
                           activity_id=activity_id, cause=events.Cause("badge", b.id, b.version))
    item = badge_item(b, award_id, message)
    ref = f"badge_award:{award_id}"
    ctx.sink.feed.append(events.FeedItem("badge", user_id, item, actor_user_id=by, ref=ref))
    ctx.sink.notices.append(events.Notice(
        user_id, "badge_earned", f"Badge earned: {b.name}",
        message or f"You earned the {b.tier} badge '{b.name}'" + (f" ({text.points(b.points, signed=True)})"
                                                                    if b.points else ""),
        data=item, actor_user_id=by, dedupe_key=ref))
    ctx.frame(user_id, {"kind": "badge", **item})
    ctx.events.append(events.Achievement("badge_earned", user_id, data=item, ref=ref))
    ctx.unlock(activity_id, "badges_earned", item)
    return item


async def _grant_if(ctx: Ctx, candidates: list[tuple[rules.Badge, str]], user_id: int,
                    measure: Callable[[rules.Badge], Awaitable[int]], *,
                    activity_id: int | None = None, occurred_at: datetime | None = None) -> None:
    """Measure the candidates not known to be held and grant those whose rule holds; the award's
    unique key is the exactly-once check (a held badge just does not insert)."""
    for b, key in candidates:
        if (ctx.org_id, b.id, user_id, key) in _held(ctx):
            continue
        if rules.holds(b, await measure(b)):
            await grant(ctx, b, user_id, key, activity_id=activity_id, occurred_at=occurred_at)


def activity_candidates(ctx: Ctx, user_id: int, type_key: str, at: datetime) -> list[ActivityCandidate]:
    """Count and value badges of this type not known to be held: (badge, period key, window) where
    window = (ledger column, start, end) of the badge's window containing `at`."""
    cfg = ctx.cfg
    out: list[ActivityCandidate] = []
    for b in cfg.activity_badges.get(type_key, ()):
        key = rules.period_key(b, at, cfg.org_tz, cfg.week_start)
        if (ctx.org_id, b.id, user_id, key) in _held(ctx):
            continue
        p = rules.period(b, at, cfg.org_tz, cfg.week_start)
        out.append((b, key, ("units" if b.rule == "activity_count" else "value_units", p.start, p.end)))
    return out


async def grant_measured(ctx: Ctx, user_id: int, cands: list[ActivityCandidate], sums: dict[repo.Window, int],
                         activity_id: int, at: datetime) -> None:
    """Grant the candidates whose window sum (`sums[window]`, measured with the activity) holds."""
    for b, key, window in cands:
        if rules.holds(b, sums[window]):
            await grant(ctx, b, user_id, key, activity_id=activity_id, occurred_at=at)


async def check_streak(ctx: Ctx, user_id: int, current: int, activity_id: int | None) -> None:
    cands = [(b, rules.period_key(b, ctx.now, ctx.cfg.org_tz, ctx.cfg.week_start)) for b in ctx.cfg.badges
             if b.rule == "streak" and b.threshold <= current]

    async def measure(b: rules.Badge) -> int:
        return current

    await _grant_if(ctx, cands, user_id, measure, activity_id=activity_id)


def mission_candidates(ctx: Ctx, user_id: int) -> list[MissionCandidate]:
    """`missions_completed` badges not known to be held: (badge, period key, (first day, end day) of
    its window containing now, or (None, None) for all time)."""
    cfg = ctx.cfg
    out: list[MissionCandidate] = []
    for b in cfg.badges:
        if b.rule != "missions_completed":
            continue
        key = rules.period_key(b, ctx.now, cfg.org_tz, cfg.week_start)
        if (ctx.org_id, b.id, user_id, key) in _held(ctx):
            continue
        window: repo.DayWindow = (None, None)
        if b.window != "all":
            p = rules.period(b, ctx.now, cfg.org_tz, cfg.week_start)
            assert p.end is not None  # only the all-time period has no end
            window = (p.start.astimezone(cfg.org_tz).date(), p.end.astimezone(cfg.org_tz).date())
        out.append((b, key, window))
    return out


async def grant_missions(ctx: Ctx, user_id: int, cands: list[MissionCandidate], counts: dict[repo.DayWindow, int],
                         activity_id: int | None) -> None:
    """Grant the `missions_completed` candidates whose count (`counts[window]`) holds."""
    for b, key, window in cands:
        if rules.holds(b, counts[window]):
            await grant(ctx, b, user_id, key, activity_id=activity_id)


async def check_contest(ctx: Ctx, ev: events.Achievement) -> None:
    """A contest won: repeatable contest badges once per contest, others once ever when the rep's
    wins (this one included) reach the badge's threshold."""
    wins = int(ev.data.get("contests_won", 1))  # counted by the contests feature, this one included
    for b in ctx.cfg.badges:
        if b.rule != "contest_won":
            continue
        if b.repeatable:
            await grant(ctx, b, ev.user_id, ev.ref or f"contest:{ev.data.get('contest_id')}")
            continue
        if (ctx.org_id, b.id, ev.user_id, "once") in _held(ctx):
            continue
        if rules.holds(b, wins):
            await grant(ctx, b, ev.user_id, "once")


async def close_rank_period(ctx: Ctx, b: rules.Badge, period: Period) -> int:
    """Decide a rank badge for a closed board period, once (the `rank_closes` claim), on its final
    board: the ledger's points of the period (the board it rebuilds), active reps only. Its holders
    of rank <= `rank` earn it (ties share a rank); their bonus lands in that period. Returns how
    many were awarded."""
    if not await repo.claim_rank_close(ctx.conn, ctx.org_id, b.id, period.id, ctx.now):
        return 0
    assert period.end is not None  # rank badges are never all-time
    totals = await repo.period_points(ctx.conn, ctx.org_id, period.start, period.end)
    active = {u for u, rep in ctx.cfg.users.items() if rep.active}
    winners = rules.top_ranks({u: t for u, t in totals.items() if u in active}, int(b.params.get("rank", 1)))
    key = rules.period_key(b, period.start, ctx.cfg.org_tz, ctx.cfg.week_start)
    awarded = 0
    for uid in sorted(winners):
        if await grant(ctx, b, uid, key, occurred_at=period.end - timedelta(microseconds=1)) is not None:
            awarded += 1
    return awarded
