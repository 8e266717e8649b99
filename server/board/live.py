"""Realtime events the API emits after an activity: the rep's private channel gets the
points (wins reach the org feed through `services.feed`). Leaderboard channels are written
by the game server."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol, overload

import msgspec
from redis.exceptions import RedisError

from server.board.channels import channel_bus
from server.core.runtime import Runtime

log = logging.getLogger("reprally.live")
_encode = msgspec.json.Encoder().encode


class PointsFrame(Protocol):
    """What a rep's points frame tells about one recorded activity (the ledger's `Recorded`)."""

    @property
    def id(self) -> int: ...
    @property
    def user_id(self) -> int: ...
    @property
    def type(self) -> str: ...
    @property
    def quantity(self) -> int: ...
    @property
    def value(self) -> float | None: ...
    @property
    def points_awarded(self) -> int: ...
    @property
    def occurred_at(self) -> datetime: ...


@overload
def iso(dt: datetime) -> str: ...
@overload
def iso(dt: None) -> None: ...
@overload
def iso(dt: datetime | None) -> str | None: ...
def iso(dt: datetime | None) -> str | None:
    """A UTC instant as realtime frames spell it (`...Z`); None stays None."""
    return None if dt is None else dt.isoformat().replace("+00:00", "Z")


async def activity_events(rt: Runtime, org_id: int, recorded: Sequence[PointsFrame],
                          extra: Sequence[tuple[int, dict[str, Any]]] = ()) -> None:
    """Publish what the reps should see now, with the features' frames of the same activities
    (`extra`: (user id, data), e.g. streak and mission events); a Redis failure never fails the request."""
    if not (recorded or extra) or not rt.redis_usable:
        return
    frames: list[tuple[str, bytes]] = []
    for rec in recorded:
        channel = f"user:{rec.user_id}"
        frames.append((channel, _encode({"type": "event", "channel": channel, "data": {
            "kind": "points", "activity_id": rec.id, "activity_type": rec.type, "quantity": rec.quantity,
            "value": rec.value, "points": rec.points_awarded, "occurred_at": iso(rec.occurred_at)}})))
    for uid, data in extra:
        channel = f"user:{uid}"
        frames.append((channel, _encode({"type": "event", "channel": channel, "data": data})))
    try:
        await channel_bus(rt).publish_many(org_id, frames)
    except (RedisError, OSError) as exc:
        rt.redis_failed(exc)
