"""A board read never answers from a lost view: right after a Redis flush, the first read repairs
the view from the ledger (or waits for the repair under way) and answers exact scores and ranks."""

from __future__ import annotations

import asyncio

import pytest

from server.board import keys
from server.ledger.sync import sync_state
from tests.support.boards import add_rep, batch, board_snapshot, fresh_org, private_stack, ranked


@pytest.fixture(scope="module")
async def private(database_url):
    async with private_stack(database_url, board_repair_wait_s=1.0) as stack:
        yield stack


async def _org(private):
    """Ann 26, Bob 10 and Cid 10 (tied: 2 and 2); Ann and Bob in team A, Cid in team B."""
    admin = await fresh_org(private.client)
    a = await admin.ok("post", "/teams", {"name": "A", "region": "East"}, status=201)
    b = await admin.ok("post", "/teams", {"name": "B", "region": "West"}, status=201)
    ann = await add_rep(admin, "Ann", team_id=a["id"])
    bob = await add_rep(admin, "Bob", team_id=a["id"])
    cid = await add_rep(admin, "Cid", team_id=b["id"])
    await batch(admin, [{"type": "call", "quantity": 3, "user_id": ann},  # 6
                        {"type": "meeting_booked", "user_id": bob}])  # 10
    await admin.log("meeting_booked", user_id=cid)  # 10, later than Bob
    await admin.log("proposal_sent", user_id=ann)  # +20 = 26
    return admin, ann, bob, cid, a["id"]


async def test_the_first_read_after_a_flush_answers_exact_scores_and_ranks(private):
    admin, ann, bob, cid, team_a = await _org(private)
    redis = private.rt.redis
    expected = ranked(await admin.board("points", window="week"))  # the order of the tie: as live
    assert sorted(expected) == sorted([(1, ann, 26), (2, bob, 10), (2, cid, 10)])
    names = {ann: "Ann", bob: "Bob", cid: "Cid"}
    before = await board_snapshot(redis, admin.org_id)

    await redis.flushdb()
    board = await admin.board("points", window="week")  # the very first read: no rebuild was asked for
    assert (ranked(board), board["total"]) == (expected, 3)
    assert [e["display_name"] for e in board["entries"]] == [names[uid] for _, uid, _ in expected]
    assert await board_snapshot(redis, admin.org_id) == before

    await redis.flushdb()
    team = await admin.board("points", window="day", segment=f"team:{team_a}")
    assert ranked(team) == [(1, ann, 26), (2, bob, 10)]

    await redis.flushdb()
    calls = await admin.board("call", window="month")
    assert ranked(calls) == [(1, ann, 3)]

    await redis.flushdb()
    near = await admin.ok("get", f"/leaderboards/points/around/{cid}", window="week", radius=0)
    assert near["user"]["rank"] == 2 and near["user"]["score"] == 10
    assert ranked(near) == [(2, cid, 10)]

    await redis.flushdb()
    rep = await admin.user(display_name="Dee")
    me = await rep.ok("get", "/me")
    assert me["rank_today"] == {"rank": 4, "score": 0} and me["rank_this_week"] == {"rank": 4, "score": 0}


async def test_concurrent_first_reads_share_one_rebuild(private):
    admin, ann, bob, cid, _ = await _org(private)
    await private.rt.redis.flushdb()
    built = []
    original = sync_state(private.rt).rebuilds.get(admin.org_id)
    boards = await asyncio.gather(*(admin.board("points", window="week") for _ in range(8)))
    assert all(sorted(ranked(b)) == [(1, ann, 26), (2, bob, 10), (2, cid, 10)] for b in boards)
    task = sync_state(private.rt).rebuilds.get(admin.org_id)
    built.append(task)
    assert task is not None and task is not original and task.done()
    epoch = await private.rt.redis.hget(keys.meta(admin.org_id), "epoch")
    assert ranked(await admin.board("points", window="week")) == ranked(boards[0])
    assert await private.rt.redis.hget(keys.meta(admin.org_id), "epoch") == epoch  # no second rebuild


async def test_while_another_process_rebuilds_a_read_waits_and_then_says_503_never_an_empty_board(private):
    admin, ann, bob, cid, _ = await _org(private)
    redis = private.rt.redis
    await redis.flushdb()
    await redis.set(keys.rebuild_lock(admin.org_id), "1", ex=60)  # a rebuild held by another process
    r = await admin.get("/leaderboards/points", window="week")
    assert r.status_code == 503, r.text
    assert r.json()["error"]["code"] == "boards_rebuilding" and r.headers["retry-after"] == "1"
    r = await admin.get("/me")
    assert r.status_code == 200 and r.json()["rank_today"] is None  # "unknown", not "rank 1 of nobody"

    async def other_process_finishes() -> None:
        await asyncio.sleep(0.3)
        await redis.delete(keys.rebuild_lock(admin.org_id))  # it died or ended: the reader rebuilds

    done = asyncio.create_task(other_process_finishes())
    board = await admin.board("points", window="week")  # waits past the lock, then repairs
    await done
    assert sorted(ranked(board)) == [(1, ann, 26), (2, bob, 10), (2, cid, 10)]
