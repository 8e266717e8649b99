"""Contests under stress: two workers at once, a worker dying mid-award and restarting, a Redis
flush, a repeated apply, and the realtime `contest:<id>` channel (ACL, snapshot, deltas)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from server.contests import jobs as contest_jobs
from server.contests import lifecycle as contest_lifecycle
from server.contests.board import ContestRow
from server.contests.standings import apply_rows, store
from server.features import make_runtime, registry
from tests.contests.support import at_iso, contest, finish, result_of
from tests.support.api import balance, new_org, noon_org
from tests.support.realtime import cluster, pair_display, ws  # noqa: F401 - fixtures and helpers


async def _prizes(api) -> list[int]:
    ledger = await api.ok("get", "/me/ledger", limit=200)
    return [e["points"] for e in ledger["entries"] if e["kind"] == "prize"]


async def test_two_workers_at_once_award_exactly_once(client, rt, settings):
    admin = await noon_org(client)
    winner, second = await admin.user(), await admin.user()
    made = await contest(admin, prizes=[{"place": 1, "points": 300}, {"place": 2, "points": 100}])
    await winner.log("call", quantity=3)
    await second.log("call")
    other = make_runtime(settings)  # a second worker process
    try:
        later = at_iso(made["ends_at"]) + timedelta(seconds=settings.contest_settle_s + 1)
        for _ in range(2):  # end, then award: each step raced by both workers
            await asyncio.gather(contest_jobs.tick(rt, now=later), contest_jobs.tick(other, now=later))
        # and the award step called directly by both, again
        assert await asyncio.gather(contest_lifecycle.award(rt, made["id"], later),
                                    contest_lifecycle.award(other, made["id"], later)) == [False, False]
    finally:
        await other.close()
    assert await _prizes(winner) == [300] and await _prizes(second) == [100]
    got = await admin.ok("get", f"/contests/{made['id']}")
    assert got["state"] == "awarded" and [e["kind"] for e in got["log"]].count("awarded") == 1


async def test_worker_dies_mid_award_and_restarts_around_the_end(client, rt, settings):
    admin = await noon_org(client)
    rep = await admin.user()
    made = await contest(admin, prizes=[{"place": 1, "points": 80}])
    await rep.log("call")
    end = at_iso(made["ends_at"])
    # a worker restarted just before the end: nothing happens yet
    await contest_jobs.tick(rt, now=end - timedelta(seconds=1))
    assert (await admin.ok("get", f"/contests/{made['id']}"))["state"] == "live"
    await contest_jobs.tick(rt, now=end)
    assert (await admin.ok("get", f"/contests/{made['id']}"))["state"] == "ended"

    async def crash(rt_, conn, batch):  # the process dies inside the award transaction
        if any(e.ref == f"contest:{made['id']}" for e in batch.events):
            raise RuntimeError("worker killed")

    registry().achievement_hooks.append(crash)
    try:
        await finish(rt, made)  # the failure is logged; the transaction rolled back
    finally:
        registry().achievement_hooks.remove(crash)
    assert (await admin.ok("get", f"/contests/{made['id']}"))["state"] == "ended"
    assert await _prizes(rep) == []
    restarted = make_runtime(settings)
    try:
        await finish(restarted, made)
        await finish(restarted, made)
    finally:
        await restarted.close()
    assert (await admin.ok("get", f"/contests/{made['id']}"))["state"] == "awarded"
    assert await _prizes(rep) == [80]


async def test_late_activity_after_the_end_counts_until_awarded(client, rt):
    admin = await noon_org(client)
    rep, rival = await admin.user(), await admin.user()
    made = await contest(admin, prizes=[{"place": 1, "points": 10}])
    await rival.log("call", quantity=2)
    await contest_jobs.tick(rt, now=at_iso(made["ends_at"]))  # ended, not awarded yet (settle time)
    await rep.log("call", quantity=3)  # logged "late": it happened inside the window
    await finish(rt, made)
    res = await admin.ok("get", f"/contests/{made['id']}/results")
    assert result_of(res, rep.user_id)["place"] == 1 and result_of(res, rival.user_id)["place"] == 2


async def test_standings_survive_a_redis_flush(client, rt):
    admin = await noon_org(client)
    a, b = await admin.user(), await admin.user()
    made = await contest(admin)
    await a.log("call", quantity=4)
    await b.log("call", quantity=2)
    path = f"/contests/{made['id']}/standings"
    before = (await admin.ok("get", path))["standings"]
    await rt.redis.flushdb()
    assert (await admin.ok("get", path))["standings"] == before  # rebuilt from the ledger on read
    await rt.redis.flushdb()
    await b.log("call", quantity=5)  # the apply finds the standings gone: rebuilds them, counts this once
    totals = {s["user_id"]: s["total"] for s in (await admin.ok("get", path))["standings"]}
    assert totals[a.user_id] == 4 and totals[b.user_id] == 7
    raw = await store(rt).totals(admin.org_id, made["id"], ["t"])
    assert raw == {"t": {a.user_id: 4, b.user_id: 7}}


async def test_apply_is_idempotent(client, rt):
    admin = await noon_org(client)
    rep = await admin.user()
    made = await contest(admin)
    logged = await rep.log("call", quantity=2)
    again = {made["id"]: [ContestRow(f"e{logged['ledger_entry_id']}", rep.user_id, 2, ("t",))]}
    await apply_rows(rt, admin.org_id, again)
    await apply_rows(rt, admin.org_id, again)
    assert await store(rt).totals(admin.org_id, made["id"], ["t"]) == {"t": {rep.user_id: 2}}


async def test_contest_channel_snapshot_deltas_and_access(client, rt, cluster, ws):  # noqa: F811
    server = cluster[0]
    admin = await noon_org(client)
    rep = await admin.user(display_name="Ria")
    made = await contest(admin, name="Blitz")
    hidden = await contest(admin, hidden=True)
    name = f"contest:{made['id']}"
    c = await ws(server.url, rep.token)
    await c.send(op="subscribe", channel=name)
    snap = await c.recv()
    assert snap["type"] == "snapshot" and snap["contest"]["state"] == "live" and snap["contest"]["name"] == "Blitz"
    assert [(e["user_id"], e["total"]) for e in snap["entries"]] == [(rep.user_id, 0)]  # reps take part
    await rep.log("call", quantity=3)
    frames = await c.until(lambda f: f["type"] == "delta" and any(
        e["user_id"] == rep.user_id and e["total"] == 3 for e in f["entries"]), wait_s=8)
    mine = next(e for e in frames[-1]["entries"] if e["user_id"] == rep.user_id)
    assert mine["rank"] == 1 and mine["display_name"] == "Ria" and mine["score"] == 3
    # hidden contests: managers only; displays never
    await c.send(op="subscribe", channel=f"contest:{hidden['id']}")
    assert (await c.recv())["code"] == "unknown_channel"
    boss = await ws(server.url, admin.token)
    await boss.send(op="subscribe", channel=f"contest:{hidden['id']}")
    assert (await boss.recv())["type"] == "snapshot"
    _, display_token = await pair_display(admin)
    screen = await ws(server.url, display_token)
    await screen.send(op="subscribe", channel=f"contest:{hidden['id']}")
    assert (await screen.recv())["code"] == "unknown_channel"
    await screen.send(op="subscribe", channel=name)
    assert (await screen.recv())["type"] == "snapshot"
    # another org's contest does not exist
    stranger = await new_org(client)
    s = await ws(server.url, stranger.token)
    await s.send(op="subscribe", channel=name)
    assert (await s.recv())["code"] == "unknown_channel"
    # the end is announced on the channel
    await finish(rt, made)
    frames = await c.until(lambda f: f["type"] == "delta" and f["contest"]["state"] == "awarded", wait_s=8)
    assert frames[-1]["contest"]["final"] is True
    assert await balance(rep) > 0


async def test_award_tells_everyone_once_and_raises_achievements(client, rt):
    from sqlalchemy import select

    from server.social.models import FeedItem

    admin = await noon_org(client)
    win, lose = await admin.user(display_name="Winnie"), await admin.user()
    made = await contest(admin, prizes=[{"place": 1, "points": 5}])
    hidden = await contest(admin, hidden=True)
    await win.log("call", quantity=2)
    await lose.log("call")
    notices, seen = [], []

    async def sink(rt_, conn, org_id, batch):
        notices.extend(n for n in batch if n.data.get("contest_id") in (made["id"], hidden["id"]))

    async def listen(rt_, conn, eb):
        seen.extend(e for e in eb.events if e.ref in (f"contest:{made['id']}", f"contest:{hidden['id']}"))

    registry().notice_sinks.append(sink)
    registry().achievement_hooks.append(listen)
    try:
        await contest_jobs.tick(rt, now=at_iso(made["ends_at"]) - timedelta(minutes=1))  # ending soon
        await finish(rt, made)
        await finish(rt, made)
    finally:
        registry().notice_sinks.remove(sink)
        registry().achievement_hooks.remove(listen)
    kinds = sorted((n.kind, n.user_id) for n in notices)
    assert kinds == sorted([("contest_ending", win.user_id), ("contest_ending", lose.user_id),
                            ("contest_result", win.user_id), ("contest_result", lose.user_id)])
    assert next(n for n in notices if n.kind == "contest_result" and n.user_id == win.user_id).body == (
        "You placed #1. Prize: 5 points.")
    assert [(e.kind, e.user_id, e.data) for e in seen] == [
        ("contest_won", win.user_id, {"contest_id": made["id"], "place": 1, "contests_won": 1})]  # the hidden one
    # raised nothing
    async with rt.engine.connect() as conn:
        items = (await conn.execute(select(FeedItem.kind, FeedItem.user_id, FeedItem.data)
                                    .where(FeedItem.org_id == admin.org_id))).all()
    results = [i for i in items if i.kind == "contest_result"]
    assert len(results) == 1 and results[0].user_id == win.user_id
    assert results[0].data["winners"] == [{"user_id": win.user_id, "display_name": "Winnie", "place": 1,
                                           "group": None}]
