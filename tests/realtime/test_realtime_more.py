"""The game server in depth: two processes on one Redis, coalescing, recovery, periods,
access control, limits, private and feed channels, presence.

Every game server here is a real `run()` with its own Runtime (as a separate process
would have) on the shared Redis and database; activities go through the HTTP API. The
only stand-in is a fake websocket for the unit test of the send-queue policy.
"""

from __future__ import annotations

import asyncio
import json
import time
from datetime import date, datetime, timedelta

import pytest

from realtime import connection, hub, protocol, writer
from realtime.connection import QUEUE_LIMIT, Conn
from server.board.channels import HISTORY_LEN, USER_HISTORY_LEN, Position, channel_bus, pubsub_name
from tests.support.api import noon_org
from tests.support.realtime import GameServer, eventually, pair_display

LB = "lb:points:day:org"


def entry(f: dict, user_id: int) -> dict | None:
    return next((e for e in f.get("entries", ()) if e["user_id"] == user_id), None)


def scored(user_id: int, score: int):
    """A predicate: a delta that shows `user_id` at `score`."""
    return lambda f: f["type"] == "delta" and (e := entry(f, user_id)) is not None and e["score"] == score


def apply(view: dict[int, dict], frame: dict) -> None:
    """What the protocol tells a client to do with a frame on a leaderboard channel."""
    if frame["type"] in ("snapshot", "period"):
        view.clear()
    for e in frame.get("entries", ()):  # a delta may carry only rank and score of an entry: merge
        view[e["user_id"]] = {**view.get(e["user_id"], {}), **e}
    for uid in frame.get("removed", ()):
        view.pop(uid)


def users_in(frames: list[dict]) -> set[int]:
    """Every user a frame talks about: board entries, removals, events, feed items."""
    found = set()
    for f in frames:
        found |= {e["user_id"] for e in f.get("entries", ())} | set(f.get("removed", ()))
        found |= {d["user_id"] for d in [f.get("data") or {}, *f.get("items", ())] if "user_id" in d}
    return found


def ordered(view: dict[int, dict]) -> list[dict]:
    return sorted(view.values(), key=lambda e: e["rank"])


def row(rank: int, api, score: int, name: str) -> dict:
    return {"rank": rank, "user_id": api.user_id, "display_name": name, "team_id": None, "score": score}


def moved(rank: int, api, score: int) -> dict:
    """A delta's entry for a rep the client already shows: rank and score only."""
    return {"rank": rank, "user_id": api.user_id, "score": score}


def same_instant(a: str, b: str) -> bool:
    return datetime.fromisoformat(a) == datetime.fromisoformat(b)


# -- two processes ------------------------------------------------------------------------------
async def test_two_game_servers_carry_the_same_frames_from_one_writer(client, rt, cluster, ws):
    a, b = cluster
    admin = await noon_org(client)
    ann = await admin.user(display_name="Ann")
    bob = await admin.user(display_name="Bob")
    await ann.log("call")  # 2 points
    ca = await ws(a.url, admin.token)
    cb = await ws(b.url, ann.token)
    await ca.send(op="subscribe", channel=LB)
    sa = await ca.recv()
    await cb.send(op="subscribe", channel=LB)
    sb = await cb.recv()
    assert sa["type"] == sb["type"] == "snapshot" and sa["epoch"] == sb["epoch"]
    assert sa["entries"] == sb["entries"] == [row(1, ann, 2, "Ann")]

    await bob.log("meeting_booked")  # 10 points: Bob passes Ann
    fa = await ca.until(scored(bob.user_id, 10)) + await ca.drain(0.5)
    fb = await cb.until(scored(bob.user_id, 10)) + await cb.drain(0.5)

    # Each socket got every frame after its snapshot, in order, nothing twice.
    for snap, frames in ((sa, fa), (sb, fb)):
        assert [f["offset"] for f in frames] == list(range(snap["offset"] + 1, snap["offset"] + 1 + len(frames)))
        assert {f["epoch"] for f in frames} == {snap["epoch"]}
    # Both processes relayed the very same frames.
    start = max(sa["offset"], sb["offset"])
    assert [f for f in fa if f["offset"] > start] == [f for f in fb if f["offset"] > start]
    # One writer: Bob's new score was published once, as one delta.
    bobs = [f for f in fa if entry(f, bob.user_id)]
    assert len(bobs) == 1
    assert bobs[0]["entries"] == [row(1, bob, 10, "Bob"), moved(2, ann, 2)] and bobs[0]["removed"] == []
    assert (await channel_bus(rt).position(admin.org_id, LB)).offset == fa[-1]["offset"]
    holder = (await rt.redis.get(pubsub_name(admin.org_id, LB) + ":lease")).decode()
    assert [(s.hub.process_id == holder, s.channel(admin.org_id, LB).holding) for s in cluster] in (
        [(True, True), (False, False)], [(False, False), (True, True)])


async def test_the_other_process_takes_over_from_the_last_published_view(client, cluster, ws):
    a, b = cluster
    admin = await noon_org(client)
    ann = await admin.user(display_name="Ann")
    bob = await admin.user(display_name="Bob")
    ca = await ws(a.url, admin.token)
    await ca.send(op="subscribe", channel=LB)
    await ca.recv()
    await eventually(lambda: a.channel(admin.org_id, LB).holding)  # A writes this channel
    cb = await ws(b.url, admin.token)
    await cb.send(op="subscribe", channel=LB)
    snap = await cb.recv()
    await ann.log("meeting_booked")  # 10
    before = await cb.until(scored(ann.user_id, 10))
    assert not b.channel(admin.org_id, LB).holding

    await ca.ws.close()  # A's last listener leaves: A lets go of the channel
    await eventually(lambda: a.channel(admin.org_id, LB) is None)
    await bob.log("call")  # 2: Bob enters second, Ann does not move
    delta = await cb.recv()
    assert delta == {"type": "delta", "channel": LB, "entries": [row(2, bob, 2, "Bob")],
                     "removed": [], "epoch": snap["epoch"], "offset": before[-1]["offset"] + 1}
    assert b.channel(admin.org_id, LB).holding
    assert await cb.drain(0.3) == []


# -- coalescing -----------------------------------------------------------------------------------
async def test_a_burst_is_coalesced_and_the_view_matches_the_http_board(client, cluster, ws):
    a, _ = cluster
    admin = await noon_org(client)
    reps = [await admin.user(display_name=f"Rep {i}") for i in range(6)]
    c = await ws(a.url, admin.token)
    await c.send(op="subscribe", channel=LB)
    view: dict[int, dict] = {}
    apply(view, await c.recv())
    await reps[0].log("call")
    for f in await c.until(scored(reps[0].user_id, 2)):
        apply(view, f)

    started = time.monotonic()
    for _ in range(10):  # 60 activities; rep i ends with 20 * (i + 1) points (rep 0: 2 more)
        await asyncio.gather(*(rep.log("call", quantity=i + 1) for i, rep in enumerate(reps)))
    burst_s = time.monotonic() - started
    board = await admin.board("points", window="day")
    assert [e["score"] for e in board["entries"]] == [120, 100, 80, 60, 40, 22]

    def caught_up(frame: dict) -> bool:
        apply(view, frame)
        return ordered(view) == board["entries"]

    deltas = await c.until(caught_up)
    deltas += await c.drain(0.4)
    assert {f["type"] for f in deltas} == {"delta"}
    assert ordered(view) == board["entries"]
    assert not any("period" in f for f in deltas)  # the snapshot and period frames carry it
    # Coalesced: at most one refresh every MIN_INTERVAL_S, fewer deltas than activities.
    assert len(deltas) <= burst_s / writer.MIN_INTERVAL_S + 3, (len(deltas), burst_s)
    assert len(deltas) < 60, (len(deltas), burst_s)


# -- recovery -------------------------------------------------------------------------------------
async def test_resubscribing_with_since_replays_exactly_the_missed_deltas(client, cluster, ws):
    a, b = cluster
    admin = await noon_org(client)
    ann = await admin.user(display_name="Ann")
    bob = await admin.user(display_name="Bob")
    keeper = await ws(a.url, admin.token)  # keeps the channel written while the other client is away
    await keeper.send(op="subscribe", channel=LB)
    view: dict[int, dict] = {}
    first = await keeper.recv()
    apply(view, first)
    c = await ws(b.url, ann.token)
    await c.send(op="subscribe", channel=LB)
    await c.recv()
    await ann.log("call")
    last = (await c.until(scored(ann.user_id, 2)))[-1]
    for f in await keeper.until(scored(ann.user_id, 2)):
        apply(view, f)
    await c.ws.close()

    await bob.log("meeting_booked")
    missed = await keeper.until(scored(bob.user_id, 10))
    await asyncio.sleep(0.15)  # another delta, not coalesced with the first
    await ann.log("proposal_sent")
    missed += await keeper.until(scored(ann.user_id, 22))
    for f in missed:
        apply(view, f)
    assert [f["offset"] for f in missed] == list(range(last["offset"] + 1, last["offset"] + 1 + len(missed)))
    assert len(missed) >= 2

    c = await ws(b.url, ann.token)
    await c.send(op="subscribe", channel=LB, since={"epoch": last["epoch"], "offset": last["offset"]})
    replayed = [await c.recv() for _ in missed]
    assert replayed == missed
    assert await c.recv() == {"type": "subscribed", "channel": LB, "recovered": True, "epoch": last["epoch"],
                              "offset": missed[-1]["offset"]}
    assert await c.drain(0.3) == []
    # Nothing missed: since = the current offset replays nothing.
    await c.send(op="unsubscribe", channel=LB)
    assert await c.recv() == {"type": "unsubscribed", "channel": LB}
    await c.send(op="subscribe", channel=LB, since={"epoch": last["epoch"], "offset": missed[-1]["offset"]})
    assert await c.recv() == {"type": "subscribed", "channel": LB, "recovered": True, "epoch": last["epoch"],
                              "offset": missed[-1]["offset"]}

    # Another epoch, or an offset the channel never reached: a fresh snapshot.
    for since in ({"epoch": "0000beef", "offset": last["offset"]},
                  {"epoch": last["epoch"], "offset": missed[-1]["offset"] + 1}):
        fresh = await ws(b.url, ann.token)
        await fresh.send(op="subscribe", channel=LB, since=since)
        snap = await fresh.recv()
        assert snap == {"type": "snapshot", "channel": LB, "epoch": last["epoch"], "offset": missed[-1]["offset"],
                        "recovered": False, "period": first["period"], "entries": ordered(view)}
    assert ordered(view) == [row(1, ann, 22, "Ann"), row(2, bob, 10, "Bob")]


async def test_a_gap_the_history_or_the_send_queue_cannot_hold_gets_a_snapshot(client, rt, cluster, ws):
    a, _ = cluster
    admin = await noon_org(client)
    frames = [("feed", protocol.encode({"type": "event", "channel": "feed", "data": {"kind": "win", "n": n}}))
              for n in range(1, HISTORY_LEN * 2 + 1)]
    for i in range(0, len(frames), 250):
        await channel_bus(rt).publish_many(admin.org_id, frames[i:i + 250])
    pos = await channel_bus(rt).position(admin.org_id, "feed")
    assert pos.offset == HISTORY_LEN * 2

    c = await ws(a.url, admin.token)
    await c.send(op="subscribe", channel="feed", since={"epoch": pos.epoch, "offset": 1})
    assert await c.recv() == {"type": "snapshot", "channel": "feed", "epoch": pos.epoch, "offset": pos.offset,
                              "recovered": False,
                              "items": [{"kind": "win", "n": n} for n in range(pos.offset - 19, pos.offset + 1)]}
    # Still in the history but more than the send queue holds: a snapshot, not a 4008.
    await c.send(op="unsubscribe", channel="feed")
    await c.recv()
    await c.send(op="subscribe", channel="feed", since={"epoch": pos.epoch, "offset": pos.offset - HISTORY_LEN})
    snap = await c.recv()
    assert (snap["type"], snap["recovered"], snap["offset"]) == ("snapshot", False, pos.offset)
    # A gap that fits is replayed exactly.
    c2 = await ws(a.url, admin.token)
    since = pos.offset - (QUEUE_LIMIT - 1)
    await c2.send(op="subscribe", channel="feed", since={"epoch": pos.epoch, "offset": since})
    replayed = [await c2.recv() for _ in range(QUEUE_LIMIT - 1)]
    assert [(f["offset"], f["data"]["n"]) for f in replayed] == [(n, n) for n in range(since + 1, pos.offset + 1)]
    assert await c2.recv() == {"type": "subscribed", "channel": "feed", "recovered": True, "epoch": pos.epoch,
                               "offset": pos.offset}
    for conn in (c, c2):
        await conn.send(op="ping", id="alive")
        assert await conn.recv() == {"type": "pong", "id": "alive"}


@pytest.mark.parametrize(("channel", "kept"), [("lb:points:week:org", HISTORY_LEN), ("user:1", USER_HISTORY_LEN)])
async def test_channel_bus_since(client, rt, channel, kept):
    org_id = (await noon_org(client)).org_id
    bus = channel_bus(rt)
    assert await bus.since(org_id, channel, "anything", 0) is None  # no channel yet
    start = await bus.ensure(org_id, channel)
    assert start.offset == 0 and await bus.since(org_id, channel, start.epoch, 0) == []
    total = kept + 250
    await bus.publish_many(org_id, [(channel, b'{"type":"event","n":%d}' % n) for n in range(1, total + 1)])
    pos = await bus.position(org_id, channel)
    assert pos == Position(start.epoch, total)

    def ns(frames):
        return [(json.loads(f)["offset"], json.loads(f)["n"]) for f in frames]

    assert ns(await bus.since(org_id, channel, pos.epoch, total - 3)) == [(n, n) for n in range(total - 2, total + 1)]
    assert ns(await bus.since(org_id, channel, pos.epoch, total - kept)) == [
        (n, n) for n in range(total - kept + 1, total + 1)]
    assert await bus.since(org_id, channel, pos.epoch, total) == []
    assert await bus.since(org_id, channel, pos.epoch, 0) is None  # trimmed
    assert await bus.since(org_id, channel, pos.epoch, total + 1) is None  # never reached
    assert await bus.since(org_id, channel, "0000beef", total - 3) is None  # another epoch


# -- periods --------------------------------------------------------------------------------------
def previous_day(period: dict) -> dict:
    start = datetime.fromisoformat(period["start"])
    return {"id": (date.fromisoformat(period["id"]) - timedelta(days=1)).isoformat(),
            "start": (start - timedelta(days=1)).isoformat(), "end": start.isoformat()}


async def test_the_end_of_a_period_is_announced_before_the_next_delta(client, cluster, ws):
    a, b = cluster
    admin = await noon_org(client)
    ann = await admin.user(display_name="Ann")
    ca = await ws(a.url, admin.token)
    cb = await ws(b.url, admin.token)
    await ca.send(op="subscribe", channel=LB)
    snap = await ca.recv()
    await eventually(lambda: a.channel(admin.org_id, LB).holding)
    await cb.send(op="subscribe", channel=LB)
    await cb.recv()
    await ann.log("call", quantity=2)
    last = (await ca.until(scored(ann.user_id, 4)))[-1]
    await cb.until(scored(ann.user_id, 4))

    # The writer last published the previous day, whose end has passed: as at midnight.
    lc = a.channel(admin.org_id, LB)
    previous = previous_day(snap["period"])
    lc.period, lc.period_end = previous, time.time() - 1
    expected = [{"type": "period", "channel": LB, "previous": previous, "period": snap["period"],
                 "epoch": snap["epoch"], "offset": last["offset"] + 1},
                {"type": "delta", "channel": LB, "entries": [row(1, ann, 4, "Ann")],
                 "removed": [], "epoch": snap["epoch"], "offset": last["offset"] + 2}]
    assert [await ca.recv(wait_s=3), await ca.recv()] == expected
    assert [await cb.recv(), await cb.recv()] == expected
    assert await ca.drain(0.3) == []


async def test_a_period_change_is_announced_once_even_when_the_writer_changes(client, rt, cluster, ws):
    a, b = cluster
    admin = await noon_org(client)
    rep = await admin.user(display_name="Ann")
    http = (await admin.board("points", window="day"))["period"]
    start, end = datetime.fromisoformat(http["start"]), datetime.fromisoformat(http["end"])
    today = {"id": http["id"], "start": start.isoformat(), "end": end.isoformat()}
    yesterday = previous_day(today)
    # What yesterday's writer published last (and left as the channel's stored view).
    old = {"rank": 1, "user_id": rep.user_id, "display_name": "Ann", "team_id": None, "score": 7}
    await channel_bus(rt).publish(admin.org_id, LB,
                         protocol.encode({"type": "delta", "channel": LB, "period": yesterday, "entries": [old],
                                          "removed": []}),
                         protocol.encode({"period": yesterday, "entries": [old]}))

    ca = await ws(a.url, admin.token)
    await ca.send(op="subscribe", channel=LB)
    snap = await ca.recv()
    assert (snap["offset"], snap["period"], snap["entries"]) == (1, today, [])
    assert await ca.recv() == {"type": "period", "channel": LB, "previous": yesterday, "period": today,
                               "epoch": snap["epoch"], "offset": 2}
    cb = await ws(b.url, admin.token)
    await cb.send(op="subscribe", channel=LB)
    assert (await cb.recv())["offset"] == 2
    await ca.ws.close()
    await eventually(lambda: a.channel(admin.org_id, LB) is None)

    await rep.log("call")  # B takes the channel over: today is no news any more
    assert await cb.recv() == {"type": "delta", "channel": LB, "entries": [row(1, rep, 2, "Ann")],
                               "removed": [], "epoch": snap["epoch"], "offset": 3}


# -- access control -------------------------------------------------------------------------------
async def test_a_rep_cannot_join_another_users_channel(client, cluster, ws):
    admin = await noon_org(client)
    rep, other = await admin.user(), await admin.user()
    c = await ws(cluster[0].url, rep.token)
    for name in (f"user:{other.user_id}", f"user:{admin.user_id}"):
        await c.send(op="subscribe", channel=name)
        assert await c.recv() == {"type": "error", "code": "forbidden_channel",
                                  "message": "a private channel is only for its owner", "channel": name}
    await c.send(op="subscribe", channel=f"user:{rep.user_id}")
    assert (await c.recv())["type"] == "snapshot"


async def test_a_display_joins_boards_and_the_feed_but_no_private_channel(client, cluster, ws):
    admin = await noon_org(client)
    rep = await admin.user()
    _, token = await pair_display(admin)
    c = await ws(cluster[1].url)
    await c.send(op="auth", token=token)
    ok = await c.recv()
    assert ok == {"type": "auth_ok", "client_id": ok["client_id"], "org_id": admin.org_id, "user_id": None,
                  "role": "display"}
    for name in ("lb:points:week:org", "lb:deal_won:month:org", "feed"):
        await c.send(op="subscribe", channel=name)
        assert (await c.recv())["type"] == "snapshot"
    await c.send(op="subscribe", channel=f"user:{rep.user_id}")
    assert await c.recv() == {"type": "error", "code": "forbidden_channel",
                              "message": "a private channel is only for its owner", "channel": f"user:{rep.user_id}"}
    await c.send(op="ping", id=1)
    assert await c.recv() == {"type": "pong", "id": 1}


async def test_a_revoked_display_cannot_authenticate(client, cluster, ws):
    admin = await noon_org(client)
    display_id, token = await pair_display(admin)
    r = await client.get("/api/v1/display/config", headers={"authorization": f"Bearer {token}"})
    assert r.status_code == 200, r.text
    await admin.ok("post", f"/displays/{display_id}/revoke", status=200)
    for server in cluster:
        c = await ws(server.url)
        await c.send(op="auth", token=token)
        code, reason, frames = await c.closed()
        assert frames == [{"type": "error", "code": "display_revoked",
                           "message": "this display token was revoked; pair the screen again"}]
        assert (code, reason) == (4001, "display_revoked")


async def test_pairing_again_invalidates_the_old_token_and_the_new_one_works_at_once(client, cluster, ws):
    a, b = cluster
    admin = await noon_org(client)
    display_id, old = await pair_display(admin)
    await ws(a.url, old)  # the game server has seen (and cached) the old token
    code = (await admin.ok("post", f"/displays/{display_id}/code", status=200))["pairing_code"]
    r = await client.post("/api/v1/displays/pair", json={"code": code})
    assert r.status_code == 200, r.text
    new = r.json()["display_token"]
    for server in (a, b):
        c = await ws(server.url, new)  # auth_ok
        await c.send(op="subscribe", channel="feed")
        assert (await c.recv())["type"] == "snapshot"
        stale = await ws(server.url)
        await stale.send(op="auth", token=old)
        code_, reason, frames = await stale.closed()
        assert [f["code"] for f in frames] == ["display_revoked"] and code_ == 4001
    r = await client.get("/api/v1/display/config", headers={"authorization": f"Bearer {old}"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "display_revoked"


async def test_orgs_never_see_each_other(client, cluster, ws):
    a, b = cluster
    org_a, org_b = await noon_org(client), await noon_org(client)
    rep_a = await org_a.user(display_name="Alpha")
    rep_b = await org_b.user(display_name="Beta")
    manager_a = await org_a.user("manager")
    watch_a = await ws(a.url, org_a.token)
    watch_b = await ws(b.url, org_b.token)
    for c in (watch_a, watch_b):
        for name in (LB, "feed"):
            await c.send(op="subscribe", channel=name)
    seen_a = [await watch_a.recv(), await watch_a.recv()]
    seen_b = [await watch_b.recv(), await watch_b.recv()]
    for seen in (seen_a, seen_b):
        assert [(f["type"], f.get("entries", f.get("items"))) for f in seen] == [("snapshot", []), ("snapshot", [])]

    await rep_a.log("meeting_booked")
    await manager_a.log("deal_won", user_id=rep_a.user_id, value=1000)
    seen_a += await watch_a.until(lambda f: f["type"] == "event")  # the win (any order with the delta)
    if not any(scored(rep_a.user_id, 70)(f) for f in seen_a):
        seen_a += await watch_a.until(scored(rep_a.user_id, 70))
    await rep_b.log("call")
    seen_b += await watch_b.until(scored(rep_b.user_id, 2)) + await watch_b.drain(0.3)
    assert [(f["type"], f["channel"], f["entries"]) for f in seen_b[2:]] == [
        ("delta", LB, [row(1, rep_b, 2, "Beta")])]
    assert users_in(seen_a) == {rep_a.user_id} and users_in(seen_b) == {rep_b.user_id}
    await watch_b.send(op="subscribe", channel=f"user:{rep_a.user_id}")
    assert (await watch_b.recv())["code"] == "forbidden_channel"


# -- limits and robustness --------------------------------------------------------------------------
async def test_at_most_max_subscriptions_per_connection(client, cluster, ws):
    admin = await noon_org(client)
    c = await ws(cluster[0].url, admin.token)
    names = [f"lb:points:week:region:R{i}" for i in range(connection.MAX_SUBSCRIPTIONS)]
    for name in names:
        await c.send(op="subscribe", channel=name)
    snaps = [await c.recv() for _ in names]
    assert [(f["type"], f["channel"]) for f in snaps] == [("snapshot", n) for n in names]
    await c.send(op="subscribe", channel="feed")
    assert await c.recv() == {"type": "error", "code": "too_many_subscriptions",
                              "message": f"at most {connection.MAX_SUBSCRIPTIONS} channels per connection",
                              "channel": "feed"}
    await c.send(op="unsubscribe", channel=names[0])
    assert await c.recv() == {"type": "unsubscribed", "channel": names[0]}
    await c.send(op="subscribe", channel="feed")
    assert (await c.recv())["type"] == "snapshot"


async def test_an_oversize_message_closes_with_1009(client, cluster, ws):
    admin = await noon_org(client)
    c = await ws(cluster[0].url, admin.token)
    padding = protocol.MAX_MESSAGE_BYTES - len(json.dumps({"op": "ping", "id": ""}))
    await c.send(op="ping", id="x" * padding)  # exactly the limit: fine
    assert await c.recv() == {"type": "pong", "id": "x" * padding}
    await c.send(op="ping", id="x" * (padding + 1))
    code, _, frames = await c.closed()
    assert (code, frames) == (1009, [])


@pytest.mark.parametrize("raw", [
    "{not json", "[]", "42", '{"op": "dance"}', '{"op": "subscribe"}', '{"channel": "feed"}',
    '{"op": "subscribe", "channel": 7}', '{"op": "subscribe", "channel": "feed", "extra": 1}',
    '{"op": "subscribe", "channel": "feed", "since": {"epoch": "e"}}', '{"op": "unsubscribe"}',
])
async def test_a_malformed_message_is_refused_and_the_connection_stays_usable(client, cluster, ws, raw):
    admin = await noon_org(client)
    c = await ws(cluster[0].url, admin.token)
    await c.ws.send(raw)
    err = await c.recv()
    assert set(err) == {"type", "code", "message"} and (err["type"], err["code"]) == ("error", "invalid_message")
    await c.send(op="subscribe", channel="feed")
    assert (await c.recv())["type"] == "snapshot"


async def test_other_refusals_keep_the_connection(client, cluster, ws):
    admin = await noon_org(client)
    c = await ws(cluster[0].url, admin.token)
    await c.send(op="auth", token=admin.token)
    assert await c.recv() == {"type": "error", "code": "already_authenticated",
                              "message": "this connection is authenticated already"}
    await c.send(op="subscribe", channel="feed")
    assert (await c.recv())["type"] == "snapshot"
    await c.send(op="subscribe", channel="feed")
    assert await c.recv() == {"type": "error", "code": "already_subscribed",
                              "message": "already subscribed to this channel", "channel": "feed"}
    await c.send(op="subscribe", channel="contest:1")
    assert (await c.recv())["code"] == "unknown_channel"
    await c.send(op="subscribe", channel="lb:nope:day:org")
    assert (await c.recv())["code"] == "unknown_metric"
    await c.send(op="subscribe", channel="lb:points:day:team:999999999")
    assert (await c.recv())["code"] == "team_not_found"
    await c.send(op="ping", id="still here")
    assert await c.recv() == {"type": "pong", "id": "still here"}


async def test_no_auth_in_time_closes_with_4001(cluster, ws, monkeypatch):
    monkeypatch.setattr(connection, "AUTH_TIMEOUT_S", 0.3)
    c = await ws(cluster[0].url)
    started = time.monotonic()
    code, reason, frames = await c.closed()
    assert (code, frames) == (4001, []) and reason.startswith("authenticate first")
    assert 0.25 <= time.monotonic() - started < 2


@pytest.mark.parametrize(("first", "error"), [
    ({"op": "subscribe", "channel": "feed"}, "auth_required"),
    ({"op": "ping"}, "auth_required"),
    ({"op": "auth"}, "invalid_message"),
    ({"op": "auth", "token": "x.y.z"}, "invalid_token"),
])
async def test_the_first_message_must_authenticate(cluster, ws, first, error):
    c = await ws(cluster[0].url)
    await c.send(**first)
    code, reason, frames = await c.closed()
    assert [(f["type"], f["code"]) for f in frames] == [("error", error)]
    assert (code, reason) == (4001, error)


async def test_unsubscribe_stops_the_frames(client, cluster, ws):
    admin = await noon_org(client)
    rep = await admin.user()
    mine = f"user:{rep.user_id}"
    c = await ws(cluster[0].url, rep.token)
    fence = await ws(cluster[0].url, rep.token)
    for name in (mine, "feed"):
        await c.send(op="subscribe", channel=name)
        assert (await c.recv())["type"] == "snapshot"
    await fence.send(op="subscribe", channel=mine)
    await fence.recv()
    await rep.log("call")
    assert (await c.recv())["data"]["points"] == 2
    await fence.recv()
    await c.send(op="unsubscribe", channel=mine)
    assert await c.recv() == {"type": "unsubscribed", "channel": mine}
    await c.send(op="unsubscribe", channel=mine)
    assert await c.recv() == {"type": "error", "code": "not_subscribed", "message": "not subscribed to this channel",
                              "channel": mine}
    await rep.log("email")
    assert (await fence.recv())["data"]["points"] == 1  # the event went out (same process, same fan-out)
    await c.send(op="ping", id=2)
    assert await c.recv() == {"type": "pong", "id": 2}
    assert await c.drain(0.2) == []


class _FakeWs:
    def __init__(self) -> None:
        self.closes: list[tuple[int, str]] = []

    async def close(self, code: int, reason: str) -> None:
        self.closes.append((code, reason))


async def test_a_slow_consumer_is_dropped_with_4008():
    fake = _FakeWs()
    conn = Conn(fake, hub=None)
    for n in range(QUEUE_LIMIT):
        conn.send(b"%d" % n)
    await asyncio.sleep(0)
    assert conn.queue.qsize() == QUEUE_LIMIT and not conn.dropped and fake.closes == []
    conn.send(b"one too many")
    assert conn.dropped
    conn.send(b"later")
    await asyncio.sleep(0)
    assert fake.closes == [(4008, "too slow: reconnect and resubscribe with since")]
    assert [conn.queue.get_nowait() for _ in range(conn.queue.qsize())] == [b"%d" % n for n in range(QUEUE_LIMIT)]


# -- private channel and feed --------------------------------------------------------------------------
async def test_points_reach_the_owners_private_channel(client, cluster, ws):
    admin = await noon_org(client)
    rep = await admin.user()
    c = await ws(cluster[1].url, rep.token)
    mine = f"user:{rep.user_id}"
    await c.send(op="subscribe", channel=mine)
    snap = await c.recv()
    assert snap == {"type": "snapshot", "channel": mine, "epoch": snap["epoch"], "offset": 0, "data": {
        "points_balance": 0, "rank_today": {"rank": 1, "score": 0}, "rank_this_week": {"rank": 1, "score": 0},
        "level": 1, "xp": 0, "xp_to_next": 100}}
    act = await rep.log("call", quantity=3)
    event = await c.recv()
    assert event == {"type": "event", "channel": mine, "epoch": snap["epoch"], "offset": 1, "data": {
        "kind": "points", "activity_id": act["id"], "activity_type": "call", "quantity": 3, "value": None,
        "points": 6, "occurred_at": event["data"]["occurred_at"]}}
    assert event["data"]["occurred_at"].endswith("Z") and same_instant(event["data"]["occurred_at"],
                                                                         act["occurred_at"])
    c2 = await ws(cluster[0].url, rep.token)
    await c2.send(op="subscribe", channel=mine)
    assert (await c2.recv())["data"] == {"points_balance": 6, "rank_today": {"rank": 1, "score": 6},
                                         "rank_this_week": {"rank": 1, "score": 6},
                                         "level": 1, "xp": 6, "xp_to_next": 94}


async def test_a_won_deal_reaches_the_feed_and_the_feed_snapshot(client, cluster, ws):
    admin = await noon_org(client)
    manager = await admin.user("manager")
    dana = await admin.user(display_name="Dana")
    _, display = await pair_display(admin)
    tv = await ws(cluster[0].url, display)
    own = await ws(cluster[1].url, dana.token)
    await tv.send(op="subscribe", channel="feed")
    snap = await tv.recv()
    assert (snap["type"], snap["offset"], snap["items"]) == ("snapshot", 0, [])
    await own.send(op="subscribe", channel=f"user:{dana.user_id}")
    await own.recv()

    won = await manager.log("deal_won", user_id=dana.user_id, value=12500)
    assert won["points_awarded"] == 175
    first = await tv.recv()
    assert first == {"type": "event", "channel": "feed", "epoch": snap["epoch"], "offset": 1, "data": {
        "kind": "win", "id": first["data"]["id"], "activity_id": won["id"], "user_id": dana.user_id,
        "display_name": "Dana", "team_id": None, "actor_user_id": manager.user_id,
        "activity_type": "deal_won", "value": 12500.0, "points": 175, "at": first["data"]["at"]}}
    assert same_instant(first["data"]["at"], won["recorded_at"])
    mine = await own.recv()
    assert (mine["data"]["kind"], mine["data"]["activity_id"], mine["data"]["points"], mine["data"]["value"]) == (
        "points", won["id"], 175, 12500.0)

    level = await tv.recv()  # the win's 175 XP took Dana to level 2 (docs/mechanics.md): the TV celebrates
    assert (level["offset"], level["data"]["kind"], level["data"]["level"], level["data"]["user_id"]) == (
        2, "level_up", 2, dana.user_id)
    await dana.log("call")  # not a win: nothing on the feed
    await manager.log("deal_won", user_id=dana.user_id, value=2000)
    second = await tv.recv()
    assert (second["offset"], second["data"]["value"], second["data"]["points"]) == (3, 2000.0, 70)

    late = await ws(cluster[1].url, manager.token)
    await late.send(op="subscribe", channel="feed")
    assert await late.recv() == {"type": "snapshot", "channel": "feed", "epoch": snap["epoch"], "offset": 3,
                                 "items": [first["data"], level["data"], second["data"]]}


# -- presence -----------------------------------------------------------------------------------------
async def test_presence_counts_connections_by_role_over_all_processes(client, settings, ws, monkeypatch):
    monkeypatch.setattr(hub, "PRESENCE_EVERY_S", 0.1)
    servers = [await GameServer.start(settings) for _ in range(2)]
    try:
        admin = await noon_org(client)
        manager = await admin.user("manager")
        reps = [await admin.user() for _ in range(3)]
        _, display = await pair_display(admin)

        async def presence_is(reps_: int, managers: int, admins: int, displays: int) -> bool:
            return await manager.ok("get", "/presence") == {"reps": reps_, "managers": managers,
                                                             "admins": admins, "displays": displays}

        assert await presence_is(0, 0, 0, 0)
        tokens = [reps[0].token, reps[1].token, manager.token, display, reps[2].token, admin.token]
        opened = [await ws(servers[i % 2].url, t) for i, t in enumerate(tokens)]
        await eventually(lambda: presence_is(3, 1, 1, 1), wait_s=3)
        for c in opened[:3]:
            await c.ws.close()
        await eventually(lambda: presence_is(1, 0, 1, 1), wait_s=3)
        for c in opened[3:]:
            await c.ws.close()
        await eventually(lambda: presence_is(0, 0, 0, 0), wait_s=3)
        r = await reps[0].get("/presence")
        assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    finally:
        for s in servers:
            await s.close()
