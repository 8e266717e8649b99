"""The game server's side of leaderboards seen through a privacy mode (rules: `server.privacy`;
frames: realtime/private.py): who is filtered, their snapshots, and each published frame turned
into their own deltas (docs/mechanics.md, "Privacy-respecting boards")."""

from __future__ import annotations

import json
from typing import Any

from realtime import private, protocol
from realtime.channel import LocalChannel
from realtime.connection import Conn, Subscription
from server.board.channel_names import Channel
from server.core.errors import DomainError
from server.core.runtime import Runtime
from server.leaderboards import service as leaderboards
from server.privacy import rules as privacy_rules
from server.privacy import service as privacy


async def private_for(rt: Runtime, conn: Conn, ch: Channel) -> private.Private | None:
    """How `conn` sees leaderboard channel `ch` (None: as published, nothing hidden from it)."""
    assert ch.metric is not None
    cfg = await privacy.settings(rt, conn.org_id)
    viewer = privacy_rules.Viewer(conn.role, conn.user_id, conn.team_id, conn.display_id)
    if not privacy_rules.filtered(cfg, viewer, ch.metric):
        return None
    return private.Private(viewer, privacy_rules.mode_for(cfg, viewer, ch.metric),
                           cfg.hidden_from_tv if viewer.is_display else frozenset())


async def seen_of(lc: LocalChannel) -> private.Seen:
    """The channel's full view in this process, read once and then kept by its frames."""
    if lc.seen is None:
        assert lc.views is not None
        lc.seen = seen = private.Seen(pending=[])
        try:
            position = await lc.positions.get()
            info, entries = await lc.views.get()
        except BaseException:
            lc.seen = None
            seen.loaded.set()
            raise
        seen.entries, seen.period, seen.epoch, seen.offset = list(entries), info, position.epoch, position.offset
        for raw in seen.pending or []:
            private.apply(seen, json.loads(raw))
        seen.pending = None
        seen.loaded.set()
        return seen
    seen = lc.seen
    await seen.loaded.wait()
    if seen.pending is not None:
        raise DomainError("unavailable", "the channel is unavailable right now; try again")
    return seen


async def snapshot(rt: Runtime, lc: LocalChannel, conn: Conn, sub: Subscription, recovered: bool | None) -> None:
    """The subscriber's own snapshot: the rows its mode shows of the channel's view."""
    p = sub.private
    ch = lc.channel
    metric, window = ch.metric, ch.window
    assert p is not None and metric is not None and window is not None
    seen = await seen_of(lc)
    uid = p.viewer.user_id
    if uid is not None and not p.viewer.is_display and all(e["user_id"] != uid for e in seen.entries):
        mine = (await leaderboards.around(rt, conn.org_id, metric, uid, window, ch.segment or "org",
                                          radius=0)).user
        if mine is not None:
            p.own = {"rank": mine.rank, "user_id": uid, "score": mine.score,
                     "display_name": mine.profile.display_name if mine.profile else None,
                     "team_id": mine.profile.team_id if mine.profile else None}
    p.shown = private.visible(p, private.board(seen.entries))
    frame: dict[str, Any] = {"type": "snapshot", "channel": ch.name, "epoch": seen.epoch, "offset": seen.offset,
                             "privacy": p.mode.mode, "period": seen.period, "entries": list(p.shown.values())}
    if recovered is not None:
        frame["recovered"] = recovered
    conn.send(protocol.encode(frame))
    sub.buffer.clear()
    p.ready = sub.ready = True


def fanout(lc: LocalChannel, seen: private.Seen, data: bytes) -> None:
    """A published frame, to the channel's filtered subscribers: each gets its own delta."""
    if seen.pending is not None:
        seen.pending.append(data)
        return
    frame = json.loads(data)
    private.apply(seen, frame)
    name = lc.channel.name
    b = private.board(seen.entries)
    for conn in lc.conns:
        sub = conn.subscriptions.get(name)
        if sub is None or sub.private is None or not sub.private.ready:
            continue
        if frame.get("type") == "period":  # no rows in it: as published; the new period starts empty
            conn.send(data)
            sub.private.shown, sub.private.own = {}, None
        elif (mine := private.delta(sub.private, name, seen, b)) is not None:
            conn.send(mine)
