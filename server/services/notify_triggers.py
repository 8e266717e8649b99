"""Trigger rules of this feature (the decisions live in `server.domain.notifications`):

* a big win: a valued win (e.g. a won deal) tells the winner's teammates, in the activity's
  own transaction;
* rank changes on the org's points board (`NOTIFY_BOARD_WINDOW`, default this week): after the
  commit and the board move, a rep who passed others is told whom, each rep passed is told by
  whom, and a rep who entered the top `NOTIFY_TOP_N` is told so (once per period).

Other features' kinds (kudos, badges, missions, streaks, contests) arrive as `hooks.Notice`s.
A rep is never told about what they caused themselves (`hooks.write_notices`).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from datetime import UTC, datetime

from redis.exceptions import RedisError

from server.board import keys
from server.domain import notifications as rules
from server.domain.boards import POINTS
from server.domain.periods import period_for
from server.domain.ranking import tie_scale, unpack_metric
from server.services import hooks
from server.storage import notifications as repo

log = logging.getLogger("reprally.notifications")

#: At most this many reps are told "X passed you" for one move.
MAX_PASSED = 20


@hooks.on_activities
async def team_wins(rt, conn, batch: hooks.ActivityBatch) -> None:
    types = await rt.types(batch.org_id)
    for a in batch.activities:
        t = types.get(a.type_key)
        if t is None or not t.valued or not rules.is_big_win(a.value, rt.settings.notify_big_win_value):
            continue
        mates = await repo.teammates(conn, batch.org_id, a.user_id)
        if not mates:
            continue
        winner = (await repo.display_names(conn, batch.org_id, [a.user_id])).get(a.user_id, "A teammate")
        title, body = rules.team_win_text(winner, t.label, a.value)
        data = {"activity_id": a.activity_id, "user_id": a.user_id, "activity_type": a.type_key, "value": a.value}
        batch.notices += [hooks.Notice(m, "team_win", title, body, data, actor_user_id=batch.actor_user_id,
                                       dedupe_key=f"team_win:{a.activity_id}", collapse_key=f"team_win:{a.activity_id}")
                          for m in mates]


@hooks.after_boards
async def rank_changes(rt, org_id: int, batch, facts: list) -> None:
    if not facts or not rt.redis_usable:
        return
    from server.services.notifications import notify

    org = await rt.org(org_id)
    window = rt.settings.notify_board_window
    now = datetime.now(UTC)
    period = period_for(window, now, org.tz, org.week_start)
    gained: dict[int, int] = defaultdict(int)
    last_entry: dict[int, int] = {}
    for f in facts:
        if f.points and period_for(window, f.occurred_at, org.tz, org.week_start).id == period.id:
            gained[f.user_id] += f.points
            last_entry[f.user_id] = max(last_entry.get(f.user_id, 0), f.entry_id)
    movers = {u: g for u, g in gained.items() if g > 0}
    if not movers:
        return
    try:
        notices = await _rank_notices(rt, org_id, period, movers, last_entry, batch.actor_user_id)
    except (RedisError, OSError) as exc:  # rank notices are a courtesy: the activity already counted
        rt.redis_failed(exc)
        return
    await notify(rt, org_id, notices)


async def _rank_notices(rt, org_id, period, movers, last_entry, actor) -> list[hooks.Notice]:
    key = keys.board(org_id, POINTS, period.window, period.id)
    scale = tie_scale(period.window)
    n = rt.settings.notify_top_n
    out: list[hooks.Notice] = []
    for uid, gain in movers.items():
        packed = await rt.redis.zscore(key, str(uid))
        if packed is None:
            continue
        new = unpack_metric(period.window, packed)
        old = new - gain
        near = await rt.redis.zrangebyscore(key, old * scale, (new + 1) * scale - 1, start=0, num=200,
                                            withscores=True)
        others = {int(m): unpack_metric(period.window, s) for m, s in near if int(m) != uid}
        passed = rules.passed_users(old, new, others)[:MAX_PASSED]
        trigger = last_entry[uid]
        names = {p: prof.display_name for p, prof in
                 (await rt.boards.profiles(org_id, passed + [uid])).items()}
        if passed:
            title, body = rules.passed_text([names.get(p, "a teammate") for p in passed], period.window)
            out.append(hooks.Notice(uid, "passed", title, body, {"board": POINTS, "window": period.window,
                                                                  "period": period.id, "passed": passed},
                                    actor_user_id=actor, dedupe_key=f"passed:{trigger}",
                                    collapse_key=f"passed:{period.id}"))
            title, body = rules.passed_by_text(names.get(uid, "Someone"), period.window)
            out += [hooks.Notice(p, "passed_by", title, body, {"board": POINTS, "window": period.window,
                                                                "period": period.id, "by": uid},
                                 actor_user_id=actor, dedupe_key=f"passed_by:{trigger}:{uid}",
                                 collapse_key=f"passed_by:{period.id}") for p in passed]
        if n > 0:
            old_rank = await rt.redis.zcount(key, (old + 1) * scale, "+inf")  # includes the rep: +1 -1
            new_rank = 1 + await rt.redis.zcount(key, (new + 1) * scale, "+inf")
            if rules.entered_top(old_rank, new_rank, n):
                title, body = rules.top_n_text(new_rank, n, period.window)
                out.append(hooks.Notice(uid, "top_n", title, body, {"board": POINTS, "window": period.window,
                                                                     "period": period.id, "rank": new_rank},
                                        actor_user_id=actor, dedupe_key=f"top_n:{n}:{period.window}:{period.id}",
                                        collapse_key=f"top_n:{period.id}"))
    return out
