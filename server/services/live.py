"""Realtime events the API emits after an activity: the rep's private channel gets the
points (wins reach the org feed through `services.feed`). Leaderboard channels are written
by the game server."""

from __future__ import annotations

import logging

import msgspec
from redis.exceptions import RedisError

log = logging.getLogger("reprally.live")
_encode = msgspec.json.Encoder().encode


def iso(dt):
    """A UTC instant as realtime frames spell it (`...Z`); None stays None."""
    return None if dt is None else dt.isoformat().replace("+00:00", "Z")


async def activity_events(rt, org_id: int, recorded: list, extra: list[tuple[int, dict]] = ()) -> None:
    """Publish what the reps should see now, with the features' frames of the same activities
    (`extra`: (user id, data), e.g. streak and mission events); a Redis failure never fails the request."""
    if not (recorded or extra) or not rt.redis_usable:
        return
    frames = []
    for rec in recorded:
        channel = f"user:{rec.user_id}"
        frames.append((channel, _encode({"type": "event", "channel": channel, "data": {
            "kind": "points", "activity_id": rec.id, "activity_type": rec.type, "quantity": rec.quantity,
            "value": rec.value, "points": rec.points_awarded, "occurred_at": iso(rec.occurred_at)}})))
    for uid, data in extra:
        channel = f"user:{uid}"
        frames.append((channel, _encode({"type": "event", "channel": channel, "data": data})))
    try:
        await rt.bus.publish_many(org_id, frames)
    except (RedisError, OSError) as exc:
        rt.redis_failed(exc)
