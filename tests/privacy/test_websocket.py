"""Privacy modes over the websocket: the snapshot and every delta carry only the permitted rows,
while other reps post; a filtered subscriber never replays the channel's history."""

from __future__ import annotations

import asyncio
import json

from tests.privacy.support import rows, sales_floor
from tests.realtime.test_realtime import open_client
from tests.realtime.test_realtime_more import pair_display

CH = "lb:points:week:org"


def view_of(snapshot: dict, deltas: list[dict]) -> dict[int, tuple]:
    """What a client shows after the snapshot and the deltas: user id -> (rank, score, tier)."""
    view = {e["user_id"]: (e["rank"], e["score"], e.get("tier")) for e in snapshot["entries"]}
    for d in deltas:
        for uid in d["removed"]:
            view.pop(uid)
        view.update({e["user_id"]: (e["rank"], e["score"], e.get("tier")) for e in d["entries"]})
    return view


async def frames_until_quiet(c, seconds: float = 0.6) -> list[dict]:
    out = []
    while True:
        try:
            async with asyncio.timeout(seconds):
                out.append(json.loads(await c.ws.recv()))
        except TimeoutError:
            return out


async def _settled(watcher, want: dict[int, int]) -> None:
    """Wait until a full-view subscriber's deltas show `want` (user id -> score): the writer published."""
    snap = await watcher.next("snapshot", channel=CH)
    seen = {e["user_id"]: e["score"] for e in snap["entries"]}
    while any(seen.get(u) != s for u, s in want.items()):
        d = await watcher.next("delta", channel=CH)
        seen.update({e["user_id"]: e["score"] for e in d["entries"]})


async def test_a_near_peers_rep_sees_only_their_neighbours_in_the_snapshot_and_every_delta(client, game_server):
    floor = await sales_floor(client)
    ids = floor.ids
    await floor.admin.ok("put", "/privacy/org", {"mode": "near_peers", "n": 1})
    manager = await floor.admin.user(role="manager", team_id=floor.team_a)
    watcher = await open_client(game_server, manager.token)
    await watcher.send(op="subscribe", channel=CH)
    me = await open_client(game_server, floor.me.token)
    await me.send(op="subscribe", channel=CH)
    snap = await me.next("snapshot", channel=CH)
    assert snap["privacy"] == "near_peers"
    assert rows(floor, snap) == [("r3", 3, 50, None), ("r4", 4, 40, None), ("r5", 5, 30, None)]

    # r6 jumps to third (56 points): r4's neighbours move down one place, r6 stays out of sight
    await floor.admin.ok("post", "/activities", {"type": "call", "quantity": 18, "user_id": ids["r6"]})
    await _settled(watcher, {ids["r6"]: 56})
    first = await frames_until_quiet(me)
    assert view_of(snap, first) == {ids["r3"]: (4, 50, None), ids["r4"]: (5, 40, None), ids["r5"]: (6, 30, None)}
    # r1 moves further ahead: nothing r4 sees changes, so r4 hears nothing
    await floor.admin.ok("post", "/activities", {"type": "meeting_booked", "user_id": ids["r1"]})
    await _settled_more(watcher, {ids["r1"]: 80})
    assert await frames_until_quiet(me) == []
    # r5 passes r4: r3 leaves r4's view, r7 enters it
    await floor.admin.ok("post", "/activities", {"type": "call", "quantity": 8, "user_id": ids["r5"]})
    await _settled_more(watcher, {ids["r5"]: 46})
    second = await frames_until_quiet(me)
    assert view_of(snap, first + second) == {ids["r5"]: (5, 46, None), ids["r4"]: (6, 40, None),
                                             ids["r7"]: (7, 10, None)}
    seen_ids = {e["user_id"] for f in [snap, *first, *second] for e in f.get("entries", [])}
    assert seen_ids <= {ids["r3"], ids["r4"], ids["r5"], ids["r7"]}
    for f in first + second:  # deltas of their own, on the published stamps
        assert f["type"] == "delta" and f["channel"] == CH and f["epoch"] == snap["epoch"]
        assert f["offset"] > snap["offset"]
    await me.ws.close()

    # coming back with `since` is a fresh filtered snapshot, never a replay of the full history
    again = await open_client(game_server, floor.me.token)
    await again.send(op="subscribe", channel=CH, since={"epoch": snap["epoch"], "offset": snap["offset"]})
    back = await again.next(channel=CH)
    assert back["type"] == "snapshot" and back["recovered"] is False
    assert rows(floor, back) == [("r5", 5, 46, None), ("r4", 6, 40, None), ("r7", 7, 10, None)]
    await again.ws.close()
    await watcher.ws.close()


async def _settled_more(watcher, want: dict[int, int]) -> None:
    seen: dict[int, int] = {}
    while any(seen.get(u) != s for u, s in want.items()):
        d = await watcher.next("delta", channel=CH)
        seen.update({e["user_id"]: e["score"] for e in d["entries"]})


async def test_tiers_value_only_and_a_hidden_rep_on_the_tv(client, game_server):
    floor = await sales_floor(client)
    ids = floor.ids
    await floor.admin.ok("put", "/privacy/org", {"mode": "tiers"})
    me = await open_client(game_server, floor.me.token)
    await me.send(op="subscribe", channel=CH)
    snap = await me.next("snapshot", channel=CH)
    assert rows(floor, snap) == [
        ("r1", None, None, "gold"), ("r2", None, None, "gold"), ("r3", None, None, "silver"),
        ("r4", None, 40, "silver"), ("r5", None, None, "bronze"), ("r6", None, None, "bronze"),
        ("r7", None, None, "bronze")]
    # the rep's own channel: no rank under tiers, and their level
    await me.send(op="subscribe", channel=f"user:{floor.me.user_id}")
    own = await me.next("snapshot", channel=f"user:{floor.me.user_id}")
    assert own["data"]["rank_this_week"] == {"rank": None, "score": 40}
    assert (own["data"]["level"], own["data"]["xp"], own["data"]["xp_to_next"]) == (1, 40, 60)

    # a privacy change reaches connected sockets: value_only now
    await floor.admin.ok("put", "/privacy/org", {"mode": "value_only"})
    now = await me.next("snapshot", channel=CH)
    assert now["privacy"] == "value_only" and rows(floor, now) == [("r4", None, 40, None)]
    await floor.admin.ok("post", "/activities", {"type": "meeting_booked", "user_id": ids["r7"]})
    await floor.me.log("call")  # 42 points
    frames = [f for f in await frames_until_quiet(me, 1.0) if f.get("channel") == CH]
    assert view_of(now, frames) == {floor.me.user_id: (None, 42, None)}
    await me.ws.close()

    # the TV: full mode, r2 hides from screens
    await floor.admin.ok("put", "/privacy/org", {"mode": "full"})
    r2 = await floor.admin.user(display_name="r2b")  # a rep who hides, with a score
    await r2.ok("put", "/me/tv-visibility", {"hide_from_tv": True})
    await r2.log("meeting_booked", quantity=9)  # 90 points: first
    _, token = await pair_display(floor.admin)
    tv = await open_client(game_server, token)
    await tv.send(op="subscribe", channel=CH)
    tv_snap = await tv.next("snapshot", channel=CH)
    assert r2.user_id not in {e["user_id"] for e in tv_snap["entries"]}
    assert [(e["rank"], e["score"]) for e in tv_snap["entries"]][:2] == [(2, 70), (3, 60)]
    await r2.log("meeting_booked")  # 100 points
    await floor.admin.ok("post", "/activities", {"type": "call", "quantity": 20, "user_id": ids["r7"]})
    tv_frames = [f for f in await frames_until_quiet(tv, 1.0) if f.get("channel") == CH]
    assert tv_frames, "the TV hears about r7"
    assert all(e["user_id"] != r2.user_id for f in tv_frames for e in f["entries"])
    assert view_of(tv_snap, tv_frames)[ids["r7"]] == (3, 60, None)
    await tv.ws.close()


async def test_the_tv_feed_never_names_a_rep_who_hides(client, game_server):
    floor = await sales_floor(client)
    ids = floor.ids
    await floor.me.ok("put", "/me/tv-visibility", {"hide_from_tv": True})
    await floor.admin.ok("post", "/activities", {"type": "deal_won", "value": 5000, "user_id": floor.me.user_id})
    _, token = await pair_display(floor.admin)
    tv = await open_client(game_server, token)
    await tv.send(op="subscribe", channel="feed")
    snap = await tv.next("snapshot", channel="feed")
    assert snap["items"] == []
    manager = await floor.admin.user(role="manager")
    people = await open_client(game_server, manager.token)
    await people.send(op="subscribe", channel="feed")
    items = (await people.next("snapshot", channel="feed"))["items"]
    assert [i["user_id"] for i in items if i["kind"] == "win"] == [floor.me.user_id]
    await floor.admin.ok("post", "/activities", {"type": "deal_won", "value": 7000, "user_id": floor.me.user_id})
    await floor.admin.ok("post", "/activities", {"type": "deal_won", "value": 9000, "user_id": ids["r1"]})
    got = [f["data"]["user_id"] for f in await frames_until_quiet(people)
           if f["type"] == "event" and f["data"]["kind"] == "win"]
    assert got == [floor.me.user_id, ids["r1"]]
    tv_events = [f for f in await frames_until_quiet(tv) if f["type"] == "event"]
    assert {f["data"]["user_id"] for f in tv_events} == {ids["r1"]}  # r1's win (and level-up), never r4's
    assert [f["data"]["kind"] for f in tv_events].count("win") == 1
    await tv.ws.close()
    await people.ws.close()
