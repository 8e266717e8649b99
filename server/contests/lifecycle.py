"""The worker's side of contests: start and end them on time, warn before the end, freeze the
final standings and pay the prizes exactly once.

Every step is a conditional UPDATE (`... WHERE state = <expected>`) in the same transaction as
its effects, so with several workers (or a worker restarted mid-step) exactly one transaction
makes each step; the other updates no row and does nothing. Awards are also unique per
(contest, winner, tier) in SQL, so a prize cannot be paid twice even by a buggy caller.
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import datetime
from typing import Any, TypedDict

import msgspec
from redis.exceptions import RedisError
from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from server.accounts import audit
from server.accounts.directory import org_info, zones_of
from server.board import keys
from server.board.channels import org_changes
from server.contests import rules as rules_
from server.contests import store as repo
from server.contests.standings import compute_from_sql, members_of, rebuild, store, to_rules, warm
from server.core import events, text
from server.core.runtime import Runtime
from server.ledger import effects, sinks

log = logging.getLogger("reprally.contests")
_encode = msgspec.json.Encoder().encode


class Winner(TypedDict):
    """A winner as the `contest_result` feed item lists them."""

    user_id: int
    display_name: str
    place: int | None
    group: str | None


async def announce(rt: Runtime, org_id: int, contest_id: int) -> None:
    """Tell the game servers the contest changed (its channel publishes the new state)."""
    try:
        await rt.redis.publish(org_changes(org_id), keys.contest(org_id, contest_id))
    except (RedisError, OSError) as exc:
        rt.redis_failed(exc)


async def drop_standings(rt: Runtime, org_id: int, contest_id: int) -> None:
    try:
        await store(rt).drop(org_id, contest_id)
    except (RedisError, OSError) as exc:
        rt.redis_failed(exc)


async def baselines_of(rt: Runtime, conn: AsyncConnection, c: Row[Any],
                       user_ids: list[int]) -> dict[int, int]:
    """Each participant's metric over the same number of local days just before the contest."""
    org = await org_info(rt, c.org_id)
    since, until = rules_.baseline_window(c.start_date, c.end_date, org.tz)
    found = await repo.baseline_totals(conn, c.org_id, user_ids, c.measure, c.type_id, since, until)
    return {u: found.get(u, 0) for u in user_ids}


async def freeze_baselines(rt: Runtime, conn: AsyncConnection, c: Row[Any], user_ids: list[int]) -> None:
    await repo.set_baselines(conn, c.id, await baselines_of(rt, conn, c, user_ids))


async def _warm_for(rt: Runtime, contest_id: int) -> bool:
    """Warm the org's caches before a transition's transaction; False when the contest is gone."""
    async with rt.engine.connect() as conn:
        c = await repo.get_any(conn, contest_id)
    if c is None:
        return False
    await warm(rt, c.org_id)
    return True


async def start(rt: Runtime, contest_id: int, now: datetime | None = None) -> bool:
    """scheduled -> live: freeze the participants and their baselines, fix the bracket, warn them."""
    now = now or rt.now()
    if not await _warm_for(rt, contest_id):
        return False
    async with rt.engine.begin() as conn:
        c = await repo.get_any(conn, contest_id)
        if c is None or c.state != "scheduled" or c.starts_at > now:
            return False
        if not await repo.transition(conn, c.id, ("scheduled",), "live", started_at=now, updated_at=now):
            return False
        members = await repo.candidates(conn, c.org_id, c.segments or [])
        baselines = await baselines_of(rt, conn, c, [m.id for m in members])
        await repo.add_participants(conn, [{"contest_id": c.id, "user_id": m.id, "team_id": m.team_id,
                                            "baseline": baselines[m.id]} for m in members])
        if c.format == "head_to_head" and (c.rules or {}).get("bracket"):
            rounds = rules_.bracket_rounds(len(members))
            days = (c.end_date - c.start_date).days + 1
            await repo.update_fields(conn, c.id, {"rules": {**c.rules, "rounds": min(rounds, days)}})
        await repo.log(conn, c.id, "started", now, data={"participants": len(members)})
        await audit.record(rt, conn, None, "contest", c.id, "start", org_id=c.org_id, only_changes=False, before={"state": c.state},
                           after={"state": "live", "participants": len(members)})
        if not c.hidden:
            zones = await zones_of(rt, c.org_id, [m.id for m in members], conn)
            await sinks.write_notices(rt, conn, c.org_id, [
                events.Notice(m.id, "contest_starting", f"{c.name} has started",
                             f"The contest runs until {text.moment(c.ends_at, zones[m.id])}. Good luck!",
                             {"contest_id": c.id}, dedupe_key=f"contest:{c.id}:starting") for m in members])
    try:
        await rebuild(rt, c.org_id, c.id)
    except (RedisError, OSError) as exc:
        rt.redis_failed(exc)
    await announce(rt, c.org_id, c.id)
    return True


async def warn_ending(rt: Runtime, contest_id: int) -> bool:
    async with rt.engine.begin() as conn:
        c = await repo.get_any(conn, contest_id)
        if c is None or not await repo.claim_ending_notice(conn, contest_id):
            return False
        if not c.hidden:
            parts = await repo.participants(conn, c.id)
            zones = await zones_of(rt, c.org_id, [p.user_id for p in parts], conn)
            await sinks.write_notices(rt, conn, c.org_id, [
                events.Notice(p.user_id, "contest_ending", f"{c.name} ends soon",
                             f"The contest ends {text.moment(c.ends_at, zones[p.user_id])}: last chance to move up.",
                             {"contest_id": c.id}, dedupe_key=f"contest:{c.id}:ending")
                for p in parts])
    return True


async def end(rt: Runtime, contest_id: int, now: datetime | None = None) -> bool:
    """live -> ended at the end time. Late activities backdated into the window still count until
    the contest is awarded (after `contest_settle_s`)."""
    now = now or rt.now()
    async with rt.engine.begin() as conn:
        c = await repo.get_any(conn, contest_id)
        if c is None or c.ends_at > now:
            return False
        if not await repo.transition(conn, contest_id, ("live",), "ended", ended_at=now, updated_at=now):
            return False
        await repo.log(conn, contest_id, "ended", now)
        await audit.record(rt, conn, None, "contest", c.id, "end", org_id=c.org_id, before={"state": "live"},
                           after={"state": "ended"})
    await announce(rt, c.org_id, c.id)
    return True


async def award(rt: Runtime, contest_id: int, now: datetime | None = None) -> bool:
    """ended -> awarded: freeze the final standings with the tie-breaks, pay the prizes, tell everyone.
    One transaction: the claim, the results, the ledger rows, the awards, the notices and the feed."""
    now = now or rt.now()
    if not await _warm_for(rt, contest_id):
        return False
    async with rt.engine.begin() as conn:
        c = await repo.get_any(conn, contest_id)
        if c is None or c.state != "ended":
            return False
        if not await repo.transition(conn, contest_id, ("ended",), "awarded", awarded_at=now, updated_at=now):
            return False
        members = await members_of(rt, conn, c)
        # a chance contest draws here, with the seed committed to at launch (revealed from now on)
        rows = await compute_from_sql(rt, conn, c, members, None,
                                      c.draw_seed if c.format == "chance" else None)
        await repo.add_results(conn, [{
            "contest_id": c.id, "user_id": r.user_id, "place": r.place, "score": r.score, "total": r.total,
            "group": r.group, "won": r.won,
            "detail": {"computation": r.computation, "tie_break": r.tie_break, "group_score": r.group_score,
                       "prizes": [dataclasses.asdict(p) for p in r.prizes],
                       "counted": r.counted}} for r in rows])
        done = await _pay(rt, conn, c, rows, members, now)
        drawn = {"seed": c.draw_seed, "commitment": c.draw_commitment} if c.format == "chance" else {}
        await repo.log(conn, c.id, "awarded", now, data={"winners": [r.user_id for r in rows if r.won],
                                                         "prizes": sum(len(r.prizes) for r in rows), **drawn})
        await audit.record(rt, conn, None, "contest", c.id, "award", org_id=c.org_id, only_changes=False, before={"state": "ended"},
                           after={"state": "awarded", "winners": [r.user_id for r in rows if r.won][:50],
                                  "prizes": sum(len(r.prizes) for r in rows),
                                  "prize_points": sum(p.points for r in rows for p in r.prizes)})
    await effects.finish(rt, c.org_id, done)
    await drop_standings(rt, c.org_id, c.id)  # the frozen results in SQL are the standings now
    await announce(rt, c.org_id, c.id)
    return True


async def _pay(rt: Runtime, conn: AsyncConnection, c: Row[Any], rows: list[rules_.Row],
               members: dict[int, rules_.Member], now: datetime) -> effects.Emitted:
    entries: list[events.EntryRow] = []
    award_rows: list[dict[str, Any]] = []
    achieved: list[events.Achievement] = []
    notices: list[events.Notice] = []
    rules = to_rules(c)
    now = min(now, rt.now())  # prizes are paid when they are paid (a test may pass a later `now`)
    for r in rows:
        for p in r.prizes:
            award_rows.append({"contest_id": c.id, "user_id": r.user_id, "tier": rules_.prize_key(p),
                               "points": p.points, "prize_name": p.name, "ledger_entry_id": None,
                               "created_at": now})
            if p.points:
                entries.append(events.entry_row(c.org_id, user_id=r.user_id, kind="prize", points=p.points, now=now,
                                                cause=events.Cause("contest", c.id, c.rules_version)))
                award_rows[-1]["_entry"] = len(entries) - 1
        if c.hidden:  # a hidden contest measures a baseline: nobody is told, nothing is earned
            continue
        if r.won:  # the event says how many contests the rep has won now, for threshold badges
            won = await repo.wins_of(conn, c.org_id, r.user_id) | {c.id}
            achieved.append(events.Achievement("contest_won", r.user_id, data={
                "contest_id": c.id, "place": r.place, "contests_won": len(won)}, ref=f"contest:{c.id}"))
        elif r.prizes:
            achieved.append(events.Achievement("contest_placed", r.user_id, data={"contest_id": c.id, "place": r.place},
                                            ref=f"contest:{c.id}"))
        prize = ", ".join(p.label() for p in r.prizes)
        where = f"You placed #{r.place}" if r.place else "Thanks for taking part"
        notices.append(events.Notice(r.user_id, "contest_result", f"{c.name}: final results",
                                    f"{where}{'. Prize: ' + prize if prize else ''}.",
                                    {"contest_id": c.id, "place": r.place, "won": r.won},
                                    dedupe_key=f"contest:{c.id}:result"))
    feed: list[events.FeedItem] = []
    if not c.hidden:
        winners: list[Winner] = [{"user_id": r.user_id, "display_name": members[r.user_id].display_name,
                                  "place": r.place, "group": r.group} for r in rows if r.won]
        feed.append(events.FeedItem("contest_result", winners[0]["user_id"] if len(winners) == 1 else None,
                                   {"contest_id": c.id, "name": c.name, "format": rules.format,
                                    "winners": winners[:50]}, ref=f"contest:{c.id}"))
    done = await effects.emit(rt, conn, c.org_id, achieved, entries=entries, notices=notices, feed_items=feed, now=now)
    for a in award_rows:
        idx = a.pop("_entry", None)
        if idx is not None:
            a["ledger_entry_id"] = done.entry_ids[idx]
    await repo.add_awards(conn, award_rows)
    return done
