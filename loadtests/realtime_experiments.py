"""Experiments for the realtime benchmark, applied at run time inside a game-server process that
bench_realtime.py starts (`--experiment-broadcast`). Nothing here changes the shipped code: it
measures what a suggested change in realtime/hub.py would buy, for docs/performance-realtime.md.

broadcast fan-out: realtime.hub.Hub._read_pubsub copies each frame into every socket's bounded
queue, and a writer task per socket wakes up and awaits `ws.send`. This variant writes the frame
straight to the transports of the sockets whose queue is empty and whose transport buffer is
small (websockets' `broadcast`, no task switch, no async context manager); sockets that are
behind keep the queue path, so the slow-client rule (256 queued frames -> close 4008) and the
frame order stay as they are.
"""

from __future__ import annotations

import asyncio
import logging

from redis.exceptions import RedisError
from websockets.asyncio.server import broadcast

import realtime.hub as hub_module

log = logging.getLogger("reprally.realtime")
DIRECT_BUFFER_LIMIT = 64 * 1024  # bytes already waiting in a transport: use the queue path instead


async def _read_pubsub_broadcast(self) -> None:
    while True:  # as in the shipped Hub._read_pubsub: runs until the hub cancels the task
        try:
            msg = await self.pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
        except (RedisError, OSError) as exc:
            log.warning("pub/sub connection lost (%s); reconnecting", exc)
            await asyncio.sleep(0.5)
            continue
        if msg is None or msg["type"] != "message":
            continue
        topic = msg["channel"].decode()
        if topic.endswith(":changes"):
            self._boards_moved(msg["data"].decode())
            continue
        lc = self.channels.get(topic)
        if lc is None:
            continue
        frame = msg["data"]
        name = lc.channel.name
        direct = []
        for conn in list(lc.conns):
            sub = conn.subscriptions.get(name)
            if sub is None:
                continue
            if not sub.ready:
                sub.buffer.append(frame)
            elif (not conn.dropped and conn.queue.empty() and conn.ws.transport is not None
                  and conn.ws.transport.get_write_buffer_size() < DIRECT_BUFFER_LIMIT):
                direct.append(conn.ws)
            else:
                conn.send(frame)
        if direct:
            broadcast(direct, frame, text=True)


def install_broadcast() -> None:
    hub_module.Hub._read_pubsub = _read_pubsub_broadcast
