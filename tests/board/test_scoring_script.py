"""apply.lua on its own: a batch is summed per (board, member) before it touches Redis, and the
result is the same board whatever the order and the batching, with each entry counted once."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from server.board import keys
from server.board.channels import org_changes
from server.board.ranking import tie_scale
from server.board.rules import BoardDelta
from server.board.store import PendingEntry, board_store
from server.core.periods import Period

_TODAY = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
DAY = Period("day", _TODAY.date().isoformat(), _TODAY, _TODAY + timedelta(days=1))
ALL = Period("all", "all", datetime(2020, 1, 1, tzinfo=UTC), None)


def _entries(seed: int) -> list[PendingEntry]:
    """40 entries of 5 reps on 3 boards; rep 5 is credited then debited back to zero."""
    rnd = random.Random(seed)
    out = []
    for i in range(40):
        member = 1 + i % 4
        delta = rnd.choice([1, 2, 5, 10, -1])
        tie = rnd.randrange(1, 50_000)
        deltas = [BoardDelta("points", p, delta * 10, tie_scale(p.window), tie) for p in (DAY, ALL)]
        deltas.append(BoardDelta("call", DAY, 1, tie_scale("day"), tie))
        out.append(PendingEntry(0, 1000 + i, member, deltas))
    for i, sign in enumerate((1, -1)):
        out.append(PendingEntry(0, 2000 + i, 5, [BoardDelta("points", DAY, 30 * sign, tie_scale("day"), 7 + i)]))
    return out


def _expected(entries: list[PendingEntry]) -> dict[str, dict[bytes, float]]:
    """Each board: sum of the deltas, tie = the smallest tie part (the latest reached-at)."""
    sums: dict[tuple[str, str, int], list[int]] = {}
    for e in entries:
        for d in e.deltas:
            cell = sums.setdefault((d.metric, d.period.window, e.user_id), [0, d.tie])
            cell[0] += d.delta
            cell[1] = min(cell[1], d.tie)
    out: dict[str, dict[bytes, float]] = {}
    for (metric, window, member), (total, tie) in sums.items():
        if total:
            out.setdefault(f"{metric}:{window}", {})[str(member).encode()] = float(total * tie_scale(window) + tie)
    return out


async def _boards(redis, org_id: int) -> dict[str, dict[bytes, float]]:
    out = {}
    for metric, period in (("points", DAY), ("points", ALL), ("call", DAY)):
        key = keys.board(org_id, metric, period.window, period.id)
        out[f"{metric}:{period.window}"] = dict(await redis.zrange(key, 0, -1, withscores=True))
    return {k: v for k, v in out.items() if v}


async def test_order_and_batching_do_not_change_the_boards(rt):
    entries = _entries(seed=7)
    expected = _expected(entries)
    assert b"5" not in expected["points:day"]  # credited and debited back: off the board
    for org_id, chunk, seed in ((910_001, 1, None), (910_002, len(entries), 1), (910_003, 7, 2)):
        await board_store(rt).ensure_meta(org_id)
        order = list(entries)
        if seed is not None:
            random.Random(seed).shuffle(order)
        for i in range(0, len(order), chunk):
            part = [PendingEntry(org_id, e.entry_id, e.user_id, e.deltas) for e in order[i:i + chunk]]
            assert await board_store(rt).apply(org_id, part) == [True] * len(part)
        assert await _boards(rt.redis, org_id) == expected, (org_id, chunk)


async def test_a_resent_batch_counts_once_and_announces_only_moved_boards(rt):
    org_id = 910_004
    await board_store(rt).ensure_meta(org_id)
    entries = [PendingEntry(org_id, e.entry_id, e.user_id, e.deltas) for e in _entries(seed=3)]
    pubsub = rt.redis.pubsub()
    await pubsub.subscribe(org_changes(org_id))
    try:
        await pubsub.get_message(timeout=1.0)  # the subscribe confirmation
        await board_store(rt).apply(org_id, entries[:10])
        first = await pubsub.get_message(timeout=2.0)
        assert sorted(first["data"].decode().split()) == sorted(
            keys.board(org_id, m, p.window, p.id) for m, p in (("points", DAY), ("points", ALL), ("call", DAY)))
        # Re-sent with one new entry that only moves the points day board.
        extra = PendingEntry(org_id, 3000, 9, [BoardDelta("points", DAY, 5, tie_scale("day"), 3)])
        assert await board_store(rt).apply(org_id, [*entries[:10], extra]) == [False] * 10 + [True]
        second = await pubsub.get_message(timeout=2.0)
        assert second["data"].decode() == keys.board(org_id, "points", "day", DAY.id)
        # Everything already applied: nothing moves, nothing is announced.
        assert await board_store(rt).apply(org_id, [extra]) == [False]
        assert await pubsub.get_message(timeout=0.3) is None
    finally:
        await pubsub.aclose()
    expected = _expected([*entries[:10], extra])
    assert await _boards(rt.redis, org_id) == expected


async def test_a_batch_larger_than_one_slice_of_variadic_calls(rt):
    """3,000 members on one board: ZMSCORE / ZADD go out in slices (Lua's unpack limit)."""
    org_id = 910_005
    await board_store(rt).ensure_meta(org_id)
    entries = [PendingEntry(org_id, 50_000 + u, u, [BoardDelta("points", DAY, u, tie_scale("day"), 100)])
               for u in range(1, 3001)]
    assert await board_store(rt).apply(org_id, entries) == [True] * 3000
    key = keys.board(org_id, "points", "day", DAY.id)
    assert await rt.redis.zcard(key) == 3000
    assert await rt.redis.zscore(key, "2999") == 2999 * tie_scale("day") + 100
    assert 0 < await rt.redis.ttl(key) <= (DAY.expires_at - datetime.now(UTC)).total_seconds() + 1


async def test_a_call_mixing_applied_and_new_entries_counts_each_once_in_any_order(rt):
    """Re-sends interleaved with new entries, in shuffled chunks: each entry counts once, and the
    boards equal one application of everything (what a rebuild from the ledger computes)."""
    org_id = 910_006
    await board_store(rt).ensure_meta(org_id)
    entries = [PendingEntry(org_id, e.entry_id, e.user_id, e.deltas) for e in _entries(seed=11)]
    rnd = random.Random(5)
    applied: set[int] = set()
    for _ in range(6):
        chunk = rnd.sample(entries, rnd.randrange(5, 20))
        result = await board_store(rt).apply(org_id, chunk)
        assert result == [e.entry_id not in applied for e in chunk]
        applied |= {e.entry_id for e in chunk}
    rest = [e for e in entries if e.entry_id not in applied]
    assert await board_store(rt).apply(org_id, [*entries[::-1]]) == [e.entry_id not in applied for e in entries[::-1]]
    assert rest  # the last call really mixed new entries with re-sent ones
    assert await _boards(rt.redis, org_id) == _expected(entries)


async def test_an_entry_listed_twice_in_one_call_counts_once(rt):
    org_id = 910_007
    await board_store(rt).ensure_meta(org_id)
    one = PendingEntry(org_id, 4000, 1, [BoardDelta("points", DAY, 10, tie_scale("day"), 50)])
    two = PendingEntry(org_id, 4001, 2, [BoardDelta("points", DAY, 10, tie_scale("day"), 60)])
    assert await board_store(rt).apply(org_id, [one, two, one]) == [True, True, False]
    assert await _boards(rt.redis, org_id) == _expected([one, two])


async def test_concurrent_overlapping_calls_count_each_entry_once(rt):
    org_id = 910_008
    await board_store(rt).ensure_meta(org_id)
    entries = [PendingEntry(org_id, e.entry_id, e.user_id, e.deltas) for e in _entries(seed=13)]
    import asyncio
    calls = [random.Random(s).sample(entries, 25) for s in range(8)]
    results = await asyncio.gather(*(board_store(rt).apply(org_id, c) for c in calls))
    wins: dict[int, int] = {}
    for chunk, result in zip(calls, results, strict=True):
        for e, new in zip(chunk, result, strict=True):
            wins[e.entry_id] = wins.get(e.entry_id, 0) + new
    assert set(wins.values()) == {1}  # every entry that was sent was applied by exactly one call
    sent = {e.entry_id for c in calls for e in c}
    assert await _boards(rt.redis, org_id) == _expected([e for e in entries if e.entry_id in sent])


async def test_markers_are_sets_of_entry_ids_that_expire_and_a_legacy_marker_still_counts(rt):
    from server.board.store import APPLIED_TTL_S
    org_id = 910_009
    await board_store(rt).ensure_meta(org_id)
    span = keys.APPLIED_SPAN
    ids = [5 * span - 1, 5 * span, 5 * span + 1]  # two marker sets
    entries = [PendingEntry(org_id, i, 1, [BoardDelta("points", DAY, 1, tie_scale("day"), 9)]) for i in ids]
    assert await board_store(rt).apply(org_id, entries) == [True] * 3
    assert await rt.redis.smembers(keys.applied(org_id, ids[0])) == {str(ids[0]).encode()}
    assert await rt.redis.smembers(keys.applied(org_id, ids[1])) == {str(i).encode() for i in ids[1:]}
    assert 0 < await rt.redis.ttl(keys.applied(org_id, ids[1])) <= APPLIED_TTL_S
    # An entry applied by an earlier version (its own marker key) and re-sent after the upgrade.
    old = PendingEntry(org_id, 7 * span, 1, [BoardDelta("points", DAY, 100, tie_scale("day"), 9)])
    await rt.redis.set(keys.applied_legacy(org_id, old.entry_id), "1", ex=60)
    new = PendingEntry(org_id, 7 * span + 1, 2, [BoardDelta("points", DAY, 3, tie_scale("day"), 9)])
    assert await board_store(rt).apply(org_id, [old, new]) == [False, True]
    assert await _boards(rt.redis, org_id) == _expected([*entries, new])


async def test_equal_metrics_rank_by_who_reached_them_first_whatever_the_order_applied(rt):
    """Rep 1 reaches 20 points before rep 2 does; rep 2's last entry is applied first."""
    scale = tie_scale("day")
    a1 = PendingEntry(0, 6000, 1, [BoardDelta("points", DAY, 10, scale, scale - 100)])  # reached 10 at t=99
    b1 = PendingEntry(0, 6001, 2, [BoardDelta("points", DAY, 15, scale, scale - 150)])  # t=149
    a2 = PendingEntry(0, 6002, 1, [BoardDelta("points", DAY, 10, scale, scale - 200)])  # rep 1 at 20, t=199
    b2 = PendingEntry(0, 6003, 2, [BoardDelta("points", DAY, 5, scale, scale - 300)])  # rep 2 at 20, t=299
    for org_id, order in ((910_010, [a1, b1, a2, b2]), (910_011, [b2, a2, b1, a1]), (910_012, [b2, a1, b1, a2])):
        await board_store(rt).ensure_meta(org_id)
        for e in order:
            await board_store(rt).apply(org_id, [PendingEntry(org_id, e.entry_id, e.user_id, e.deltas)])
        key = keys.board(org_id, "points", "day", DAY.id)
        top = await rt.redis.zrevrange(key, 0, -1, withscores=True)
        assert [m for m, _ in top] == [b"1", b"2"], order
        assert [int(s) // scale for _, s in top] == [20, 20]
