"""Trigger rules of this feature (the decisions live in `server.domain.notifications`):

* a big win: a valued win (e.g. a won deal) tells the winner's teammates, in the activity's
  own transaction;
* rank changes on the org's points board (`NOTIFY_BOARD_WINDOW`, default this week), also in
  the activity's transaction: the board as it stands just before the activity moves it gives the
  rep's old score, and the activity's points the new one. A rep who passed others is told whom,
  each rep passed is told by whom, and a rep who entered the top `NOTIFY_TOP_N` is told so (once
  per period). Reading before the move (rather than in an `after_boards` hook) keeps the notices
  in the cause's transaction: durable, and no extra write per activity.

Other features' kinds (kudos, badges, missions, streaks, contests) arrive as `events.Notice`s.
A rep is never told about what they caused themselves (`hooks.write_notices`).
"""

from __future__ import annotations

import logging
from collections import defaultdict

from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncConnection

from server.board.rules import POINTS
from server.board.store import board_store
from server.core import events
from server.core.periods import Period, period_for
from server.core.runtime import Runtime
from server.ledger.types import types_of
from server.notifications import rules
from server.notifications import store as repo
from server.privacy import rules as privacy_rules
from server.privacy import service as privacy

log = logging.getLogger("reprally.notifications")

#: At most this many reps (the nearest below the new score) are told "X passed you" for one move;
#: the mover's own notice still counts everyone passed.
MAX_PASSED = 5


async def team_wins(rt: Runtime, conn: AsyncConnection, batch: events.ActivityBatch) -> None:
    wins = [a for a in batch.activities if rules.is_big_win(a.value, rt.settings.notify_big_win_value)]
    if not wins:
        return
    # Read through `conn` only: on SQLite another connection would wait for this transaction's lock.
    types = {t.id: t for t in (await types_of(rt, batch.org_id, conn)).values()}
    wins = [a for a in wins if a.type_id in types and types[a.type_id].valued]
    teams = await repo.teams_of_winners(conn, batch.org_id, {a.user_id for a in wins})
    for a in wins:
        winner, mates = teams.get(a.user_id, ("A teammate", []))
        if not mates or len(mates) >= rt.settings.notify_team_max:
            continue  # a group that large hears of wins through the org feed, not one push per member
        title, body = rules.team_win_text(winner, types[a.type_id].label, a.value)
        data = {"activity_id": a.activity_id, "user_id": a.user_id, "activity_type": a.type_key, "value": a.value}
        batch.notices += [events.Notice(m, "team_win", title, body, data, actor_user_id=batch.actor_user_id,
                                       dedupe_key=f"team_win:{a.activity_id}", collapse_key=f"team_win:{a.activity_id}")
                          for m in mates]


async def rank_changes(rt: Runtime, conn: AsyncConnection, batch: events.ActivityBatch) -> None:
    """Rank notices in the activity's own transaction, read from the board as it stands just
    before this activity moves it (old score from Redis, new = old + the points it adds)."""
    if not rt.redis_usable:
        return
    window = rt.settings.notify_board_window
    period = period_for(window, batch.now, batch.org.tz, batch.org.week_start)
    gained: dict[int, int] = defaultdict(int)
    trigger: dict[int, int] = {}
    for a in batch.activities:
        if a.points and period_for(window, a.occurred_at, batch.org.tz, batch.org.week_start).id == period.id:
            gained[a.user_id] += a.points
            trigger[a.user_id] = max(trigger.get(a.user_id, 0), a.activity_id)
    movers = {u: g for u, g in gained.items() if g > 0}
    if not movers:
        return
    cfg = await privacy.settings_in(rt, conn, batch.org_id)
    try:
        batch.notices += await _rank_notices(rt, batch.org_id, period, movers, trigger, batch.actor_user_id, cfg)
    except (RedisError, OSError) as exc:  # rank notices are a courtesy: the activity counts regardless
        rt.redis_failed(exc)


async def _rank_notices(rt: Runtime, org_id: int, period: Period, movers: dict[int, int],
                        trigger: dict[int, int], actor: int | None,
                        cfg: privacy_rules.OrgPrivacy) -> list[events.Notice]:
    """The notices of the moves, each within what its reader's board privacy mode shows: no
    "you passed"/"passed you" where names next to the rep are hidden (`top_n`, `tiers`,
    `value_only`), no rank where ranks are hidden (`tiers`, `value_only`)."""
    n = rt.settings.notify_top_n
    moves = await board_store(rt).rank_moves(org_id, POINTS, period, movers, MAX_PASSED)
    plans: list[tuple[int, list[int], int, int, int]] = []  # (mover, passed, between, old rank, new rank)
    for uid, m in moves.items():
        passed = rules.passed_users(m.old, m.new, {u: s for u, s in m.near if u != uid})
        plans.append((uid, passed, m.between, m.old_rank, m.new_rank))
    profiles = {u: p for m in moves.values() for u, p in m.profiles.items()}
    names = {u: p.display_name for u, p in profiles.items()}
    team = {u: p.team_id for u, p in profiles.items()}
    top = rt.settings.notify_passed_top

    def mode(uid: int) -> privacy_rules.Mode:
        return privacy_rules.mode_for(cfg, privacy_rules.Viewer("rep", uid, team.get(uid)), POINTS)

    out: list[events.Notice] = []
    base = {"board": POINTS, "window": period.window, "period": period.id}
    for uid, passed, between, old_rank, new_rank in plans:
        if passed and privacy_rules.may_tell_passes(mode(uid)):
            title, body = rules.passed_text([names.get(p, "a teammate") for p in passed], period.window,
                                            total=between)
            out.append(events.Notice(uid, "passed", title, body, {**base, "passed": passed}, actor_user_id=actor,
                                    dedupe_key=f"passed:{trigger[uid]}", collapse_key=f"passed:{period.id}"))
        if passed:
            title, body = rules.passed_by_text(names.get(uid, "Someone"), period.window)
            out += [events.Notice(p, "passed_by", title, body, {**base, "by": uid}, actor_user_id=actor,
                                 dedupe_key=f"passed_by:{trigger[uid]}:{uid}", collapse_key=f"passed_by:{period.id}")
                    for p in passed if rules.tell_passed(new_rank, top, team.get(uid), team.get(p))
                    and privacy_rules.may_tell_passes(mode(p))]
        if rules.entered_top(old_rank, new_rank, n) and privacy_rules.may_tell_rank(mode(uid)):
            title, body = rules.top_n_text(new_rank, n, period.window)
            out.append(events.Notice(uid, "top_n", title, body, {**base, "rank": new_rank}, actor_user_id=actor,
                                    dedupe_key=f"top_n:{n}:{period.window}:{period.id}",
                                    collapse_key=f"top_n:{period.id}"))
    return out
