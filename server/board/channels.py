"""Realtime channels in Redis: per channel an (epoch, offset), a capped stream of recent
frames for recovery after a reconnect, and pub/sub fan-out to every game-server process.

A channel's epoch changes when its history is lost (its meta key expired or Redis was
flushed); a client that comes back with another epoch gets a fresh snapshot.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from importlib import resources
from typing import cast

from redis.asyncio import Redis
from redis.exceptions import NoScriptError

from server.board import keys
from server.core.observability import tracing
from server.core.runtime import Part, Runtime

#: XRANGE's reply on a client without decode_responses: (entry id, fields)
_Entries = list[tuple[bytes, dict[bytes, bytes]]]

HISTORY_LEN = 500
USER_HISTORY_LEN = 100
TTL_S = 24 * 3600
#: Frames per script call of `publish_many` (Redis runs nothing else while a script runs).
MANY_CHUNK = 100


def _history_len(channel: str) -> int:
    return USER_HISTORY_LEN if channel.startswith("user:") else HISTORY_LEN


@dataclass(frozen=True, slots=True)
class Position:
    epoch: str
    offset: int


def pubsub_name(org_id: int, channel: str) -> str:
    return f"{keys.tag(org_id)}:ch:{channel}"


def org_changes(org_id: int) -> str:
    """Pub/sub topic on which apply.lua announces which boards of the org moved."""
    return f"{keys.tag(org_id)}:changes"


class ChannelBus:
    def __init__(self, redis: Redis) -> None:
        self.redis = redis
        self._publish = redis.register_script(
            resources.files("server.board").joinpath("lua/publish.lua").read_text())
        self._publish_many = redis.register_script(
            resources.files("server.board").joinpath("lua/publish_many.lua").read_text())

    @staticmethod
    def _keys(org_id: int, channel: str) -> tuple[str, str, str]:
        base = pubsub_name(org_id, channel)
        return f"{base}:m", f"{base}:s", f"{base}:v"

    async def publish(self, org_id: int, channel: str, frame_json: bytes, view_json: bytes = b"") -> Position:
        """Stamp `frame_json` (a JSON object) with the channel's epoch and next offset, and send it."""
        meta, stream, view = self._keys(org_id, channel)
        with tracing.span("realtime.publish", frames=1):
            epoch, offset = await self._publish(
                keys=[meta, stream, view],
                args=[secrets.token_hex(4), frame_json, _history_len(channel), TTL_S, pubsub_name(org_id, channel),
                      view_json],
            )
        return Position(epoch.decode() if isinstance(epoch, bytes) else epoch, int(offset))

    async def publish_many(self, org_id: int, frames: list[tuple[str, bytes]]) -> None:
        """Publish several frames in one round trip, in order, each as `publish` would
        (`publish_many.lua`: one script call per `MANY_CHUNK` frames, not one per frame)."""
        if not frames:
            return
        calls: list[tuple[int, list[str | int | bytes]]] = []
        for i in range(0, len(frames), MANY_CHUNK):
            keys_: list[str] = []
            args: list[str | int | bytes] = [secrets.token_hex(4), TTL_S]
            for channel, frame_json in frames[i:i + MANY_CHUNK]:
                meta, stream, _ = self._keys(org_id, channel)
                keys_ += (meta, stream)
                args += (frame_json, _history_len(channel), pubsub_name(org_id, channel))
            calls.append((len(keys_), [*keys_, *args]))

        async def send() -> None:
            async with self.redis.pipeline(transaction=False) as pipe:
                for numkeys, keys_and_args in calls:
                    pipe.evalsha(self._publish_many.sha, numkeys, *keys_and_args)
                await pipe.execute()

        with tracing.span("realtime.publish", frames=len(frames)):
            try:  # EVALSHA straight away: redis-py's script pipelines ask SCRIPT EXISTS every time
                await send()
            except NoScriptError:  # a restarted Redis forgot the script: load it once, then again
                await self.redis.script_load(self._publish_many.script)
                await send()

    async def ensure(self, org_id: int, channel: str) -> Position:
        """The channel's position, creating it (offset 0, new epoch) if it has none."""
        meta, _, _ = self._keys(org_id, channel)
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hsetnx(meta, "epoch", secrets.token_hex(4))
            pipe.hsetnx(meta, "offset", 0)
            pipe.expire(meta, TTL_S)
            pipe.hmget(meta, ["epoch", "offset"])
            *_, (epoch, offset) = await pipe.execute()
        return Position(epoch.decode(), int(offset))

    async def recent(self, org_id: int, channel: str, count: int) -> list[bytes]:
        """The newest `count` frames, oldest first."""
        _, stream, _ = self._keys(org_id, channel)
        entries = cast(_Entries, await self.redis.xrevrange(stream, count=count))
        return [fields[b"f"] for _, fields in reversed(entries)]

    async def position(self, org_id: int, channel: str) -> Position | None:
        meta, _, _ = self._keys(org_id, channel)
        epoch, offset = cast(list[bytes | None], await self.redis.hmget(meta, ["epoch", "offset"]))
        if epoch is None:
            return None
        return Position(epoch.decode(), int(offset or 0))

    async def last_view(self, org_id: int, channel: str) -> bytes | None:
        return cast(bytes | None, await self.redis.get(self._keys(org_id, channel)[2]))

    async def since(self, org_id: int, channel: str, epoch: str, offset: int) -> list[bytes] | None:
        """Frames after `offset`, or None when they cannot all be replayed (other epoch, history too short)."""
        pos = await self.position(org_id, channel)
        if pos is None or pos.epoch != epoch or offset > pos.offset:
            return None
        if offset == pos.offset:
            return []
        _, stream, _ = self._keys(org_id, channel)
        entries = cast(_Entries, await self.redis.xrange(stream, min=f"{offset + 1}-1", max=f"{pos.offset}-1"))
        if not entries or int(entries[0][0].split(b"-")[0]) != offset + 1:
            return None  # the oldest frame the client needs has been trimmed
        return [fields[b"f"] for _, fields in entries]


BUS: Part[ChannelBus] = Part("board.bus", lambda rt: ChannelBus(rt.redis))


def channel_bus(rt: Runtime) -> ChannelBus:
    """The process's channel bus (one per runtime)."""
    return rt.part(BUS)
