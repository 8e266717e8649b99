"""The game server end to end: real websockets, real Redis, activities posted through the API."""

from __future__ import annotations

import asyncio
import json

from websockets.asyncio.client import connect

from tests.conftest import new_org


class Client:
    def __init__(self, ws) -> None:
        self.ws = ws

    async def send(self, **frame) -> None:
        await self.ws.send(json.dumps(frame))

    async def next(self, type_: str | None = None, channel: str | None = None, wait_s: float = 5.0) -> dict:
        """The next frame (of a type/channel), skipping others."""
        async with asyncio.timeout(wait_s):
            while True:
                frame = json.loads(await self.ws.recv())
                if (type_ is None or frame["type"] == type_) and (channel is None or frame.get("channel") == channel):
                    return frame


async def open_client(url: str, token: str) -> Client:
    ws = await connect(url)
    c = Client(ws)
    await c.send(op="auth", token=token)
    ok = await c.next()
    assert ok["type"] == "auth_ok", ok
    return c


async def test_snapshot_then_delta_when_an_activity_lands(client, game_server):
    admin = await new_org(client)
    ann = await admin.user(display_name="Ann")
    await ann.log("call", quantity=1)  # 2 points
    c = await open_client(game_server, admin.token)
    await c.send(op="subscribe", channel="lb:points:day:org")
    snap = await c.next("snapshot")
    assert snap["channel"] == "lb:points:day:org"
    assert [(e["user_id"], e["score"], e["rank"]) for e in snap["entries"]] == [(ann.user_id, 2, 1)]
    bob = await admin.user(display_name="Bob")
    await bob.log("meeting_booked")  # 10 points: Bob passes Ann
    view = {e["user_id"]: (e["rank"], e["score"]) for e in snap["entries"]}
    offset = snap["offset"]
    while bob.user_id not in view:
        delta = await c.next("delta", channel="lb:points:day:org")
        assert delta["offset"] == offset + 1 and delta["epoch"] == snap["epoch"]
        offset = delta["offset"]
        view.update({e["user_id"]: (e["rank"], e["score"]) for e in delta["entries"]})
        for uid in delta["removed"]:
            view.pop(uid)
    assert view == {bob.user_id: (1, 10), ann.user_id: (2, 2)}
    await c.ws.close()


async def test_recovery_replays_missed_frames_or_resends_a_snapshot(client, game_server):
    admin = await new_org(client)
    rep = await admin.user()
    c = await open_client(game_server, rep.token)
    channel = f"user:{rep.user_id}"
    await c.send(op="subscribe", channel=channel)
    snap = await c.next("snapshot")
    await c.ws.close()
    await rep.log("call", quantity=2)
    await rep.log("email")
    c2 = await open_client(game_server, rep.token)
    await c2.send(op="subscribe", channel=channel, since={"epoch": snap["epoch"], "offset": snap["offset"]})
    first = await c2.next()
    second = await c2.next()
    done = await c2.next()
    assert [first["data"]["points"], second["data"]["points"]] == [4, 1]
    assert done == {"type": "subscribed", "channel": channel, "recovered": True, "epoch": snap["epoch"],
                    "offset": snap["offset"] + 2}
    await c2.ws.close()
    c3 = await open_client(game_server, rep.token)
    await c3.send(op="subscribe", channel=channel, since={"epoch": "other", "offset": 1})
    fresh = await c3.next()
    assert fresh["type"] == "snapshot" and fresh["recovered"] is False
    assert fresh["data"]["points_balance"] == 5
    await c3.ws.close()


async def test_refusals_are_explicit(client, game_server):
    admin = await new_org(client)
    rep = await admin.user()
    other = await admin.user()
    c = await open_client(game_server, rep.token)
    await c.send(op="subscribe", channel=f"user:{other.user_id}")
    err = await c.next("error")
    assert err["code"] == "forbidden_channel" and err["channel"] == f"user:{other.user_id}"
    await c.send(op="subscribe", channel="lb:points:fortnight:org")
    assert (await c.next("error"))["code"] == "invalid_channel"
    await c.ws.send("{not json")
    assert (await c.next("error"))["code"] == "invalid_message"
    await c.send(op="ping", id=7)
    assert await c.next("pong") == {"type": "pong", "id": 7}
    await c.ws.close()
    ws = await connect(game_server)
    await ws.send(json.dumps({"op": "auth", "token": "nope"}))
    assert json.loads(await ws.recv())["code"] == "invalid_token"
    await ws.close()
