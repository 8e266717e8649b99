"""What the habit loop's services share: an org's cached settings and definitions, and the
context a rule run writes its effects into (ledger rows, notices, feed items, realtime frames,
achievements) whether it runs in the activity transaction or in an `effects.emit` one."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import msgspec
from redis.exceptions import RedisError

from server.domain import badges as badge_rules
from server.domain import missions as mission_rules
from server.domain.periods import local_date, zone
from server.domain.streaks import Calendar, StreakRules
from server.runtime import _TTLCache
from server.services import effects, hooks
from server.storage import habits as repo
from server.storage.models_habits import BadgeDef, MissionTemplate

log = logging.getLogger("reprally.habits")
_encode = msgspec.json.Encoder().encode
_cache = _TTLCache(5.0)

#: Starter mission templates: (key, label, type, metric, min, max, bonus, nudge %).
STARTER_TEMPLATES = (
    ("calls", "Log {target} calls", "call", "count", 5, 80, 10, 10),
    ("emails", "Send {target} emails", "email", "count", 3, 60, 5, 10),
    ("meetings", "Book {target} meetings", "meeting_booked", "count", 1, 10, 20, 20),
    ("proposals", "Send {target} proposals", "proposal_sent", "count", 1, 5, 15, 20),
    ("opportunities", "Create {target} opportunities", "opportunity_created", "count", 1, 5, 15, 20),
)


@dataclass(frozen=True, slots=True)
class Rep:
    id: int
    tz: ZoneInfo
    team_id: int | None
    role: str
    active: bool
    name: str


@dataclass(frozen=True, slots=True)
class OrgHabits:
    org_id: int
    enabled: bool
    rules: StreakRules
    qualifying: frozenset[str]  # empty: every type
    missions_per_day: int
    all_done_bonus: int
    mission_start_hour: int
    templates: tuple[mission_rules.Template, ...]
    badges: tuple[badge_rules.Badge, ...]
    users: dict[int, Rep]
    org_tz: ZoneInfo
    week_start: int
    settings_row: Any
    # derived once per load: which rules an activity of a type can move
    mission_types: frozenset[str] = frozenset()
    activity_badges: dict[str, tuple[badge_rules.Badge, ...]] = field(default_factory=dict)  # by type key

    def __post_init__(self) -> None:
        object.__setattr__(self, "mission_types", frozenset(t.type_key for t in self.templates))
        by_type: dict[str, list] = {}
        for b in self.badges:
            if b.rule in ("activity_count", "activity_value") and b.params.get("type_key"):
                by_type.setdefault(b.params["type_key"], []).append(b)
        object.__setattr__(self, "activity_badges", {k: tuple(v) for k, v in by_type.items()})

    def qualifies(self, type_key: str) -> bool:
        return not self.qualifying or type_key in self.qualifying

    @property
    def combo_on(self) -> bool:
        return self.rules.combo_from > 0 and self.rules.combo_pct > 0

    def cares(self, type_key: str, points: int) -> bool:
        """Whether an activity of this type can move anything of the habit loop: a streak day,
        the combo, a mission or a count/value badge. Nothing to do (no SQL at all) otherwise."""
        return (self.qualifies(type_key) or (self.combo_on and points > 0) or type_key in self.mission_types
                or type_key in self.activity_badges)

    def tz_of(self, user_id: int) -> ZoneInfo:
        rep = self.users.get(user_id)
        return rep.tz if rep else self.org_tz

    def day_of(self, user_id: int, at: datetime) -> date:
        return local_date(at, self.tz_of(user_id))


async def seed_org(conn, org_id: int, now: datetime) -> None:
    """Default settings, the starter badges and mission templates (idempotent)."""
    if not await repo.create_settings(conn, org_id, now):
        return
    await repo.insert_ignore(conn, BadgeDef.__table__, [
        {"org_id": org_id, "key": k, "name": n, "description": "", "rule": r, "params": p, "tier": t, "points": pts,
         "repeatable": rep, "active": True, "created_at": now}
        for k, n, r, p, t, pts, rep in badge_rules.STARTER], ["org_id", "key"])
    await repo.insert_ignore(conn, MissionTemplate.__table__, [
        {"org_id": org_id, "key": k, "label": lab, "type_key": tk, "metric": m, "min_target": lo, "max_target": hi,
         "bonus_points": b, "nudge_pct": nud, "team_id": None, "user_id": None, "pinned": False, "active": True,
         "created_at": now}
        for k, lab, tk, m, lo, hi, b, nud in STARTER_TEMPLATES], ["org_id", "key"])


def forget(org_id: int) -> None:
    _cache.drop(org_id)


def cached(org_id: int) -> OrgHabits | None:
    """The org's habit settings if this process loaded them in the last few seconds."""
    return _cache.get(org_id)


#: org id -> the settings read in flight, so concurrent misses read them once (single flight)
_loading: dict[int, asyncio.Future] = {}


async def load(rt, conn, org_id: int, *, need_users=()) -> OrgHabits:
    """The org's habit settings and definitions (cached a few seconds; seeded on first use).
    Callers that miss while another caller of this process is reading them wait for that read."""
    cfg = _cache.get(org_id)
    if cfg is not None and all(u in cfg.users for u in need_users):
        return cfg
    pending = _loading.get(org_id)
    if pending is not None:
        try:
            cfg = await asyncio.shield(pending)
        except Exception:  # noqa: BLE001 - that caller's read failed (its own connection): read ours
            cfg = None
        if cfg is not None and all(u in cfg.users for u in need_users):
            return cfg
    fut = asyncio.get_running_loop().create_future()
    _loading[org_id] = fut
    try:
        cfg = await _read(rt, conn, org_id)
    except BaseException as exc:
        fut.set_exception(exc if isinstance(exc, Exception) else RuntimeError("settings read cancelled"))
        fut.exception()  # waiters get it; nobody waiting is fine too
        raise
    finally:
        if _loading.get(org_id) is fut:
            del _loading[org_id]
    fut.set_result(cfg)
    return cfg


async def _read(rt, conn, org_id: int) -> OrgHabits:
    org = await rt.org(org_id, conn)
    row = await repo.settings(conn, org_id)
    if row is None:
        await seed_org(conn, org_id, datetime.now(UTC))
        row = await repo.settings(conn, org_id)
    rules = StreakRules(
        calendar=Calendar(frozenset(row.workdays), frozenset(date.fromisoformat(h) for h in row.holidays)),
        min_units=row.min_units, freeze_every=row.freeze_every, max_freezes=row.max_freezes,
        grace_hours=row.grace_hours, combo_from=row.combo_from, combo_pct=row.combo_pct,
        at_risk_hour=row.at_risk_hour)
    templates = tuple(
        mission_rules.Template(t.id, t.key, t.label, t.type_key, t.metric, t.min_target, t.max_target,
                               t.bonus_points, t.nudge_pct, t.team_id, t.user_id, t.pinned)
        for t in await repo.templates(conn, org_id))
    badges = tuple(badge_rules.Badge(b.id, b.key, b.name, b.rule, dict(b.params or {}), b.tier, b.points,
                                     b.repeatable) for b in await repo.badges(conn, org_id))
    users = {}
    for u in await repo.users(conn, org_id):
        try:
            tz = zone(u.timezone) if u.timezone else org.tz
        except Exception:  # noqa: BLE001 - a stored zone that no longer exists: use the org's
            tz = org.tz
        users[u.id] = Rep(u.id, tz, u.team_id, u.role, u.active, u.display_name)
    cfg = OrgHabits(org_id, row.enabled, rules, frozenset(row.qualifying_types or ()), row.missions_per_day,
                    row.all_done_bonus, row.mission_start_hour, templates, badges, users, org.tz, org.week_start,
                    row)
    _cache.put(org_id, cfg)
    return cfg


class Sink:
    """Collects effects outside an activity/event batch (a lazy mission run, a manual award)."""

    def __init__(self, org_id: int, actor_user_id: int | None, now: datetime) -> None:
        self.org_id, self.actor_user_id, self.now = org_id, actor_user_id, now
        self.entries: list[dict] = []
        self.notices: list[hooks.Notice] = []
        self.feed: list[hooks.FeedItem] = []
        self.after_commit: list = []

    add_entry = hooks.ActivityBatch.add_entry


@dataclass(slots=True)
class Ctx:
    rt: Any
    conn: Any
    cfg: OrgHabits
    sink: Any  # ActivityBatch | ReversalBatch | EventBatch | Sink
    now: datetime
    frames: list[tuple[int, dict]] = field(default_factory=list)
    events: list[hooks.Achievement] = field(default_factory=list)

    @property
    def org_id(self) -> int:
        return self.cfg.org_id

    def unlock(self, activity_id: int | None, what: str, item: Any) -> None:
        if activity_id is not None and isinstance(self.sink, hooks.ActivityBatch):
            self.sink.unlock(activity_id, what, item)

    def frame(self, user_id: int, data: dict) -> None:
        self.frames.append((user_id, data))


async def close(ctx: Ctx) -> effects.Emitted | None:
    """Queue the realtime frames after the commit and hand the achievements on. Returns the
    `effects.emit` result when the achievements were emitted here (caller finishes it)."""
    if ctx.frames and isinstance(ctx.sink, hooks.ActivityBatch):
        ctx.sink.frames.extend(ctx.frames)  # published with the activities' own frames
    elif ctx.frames:
        frames = list(ctx.frames)
        ctx.sink.after_commit.append(lambda: publish(ctx.rt, ctx.org_id, frames))
    if not ctx.events:
        return None
    if isinstance(ctx.sink, hooks.EventBatch):
        ctx.sink.more.extend(ctx.events)
        return None
    if len(hooks.ACHIEVEMENT_HOOKS) <= 1:  # only ours: nobody else reacts to these
        return None
    done = await effects.emit(ctx.rt, ctx.conn, ctx.org_id, ctx.events, actor_user_id=None, now=ctx.now)
    ctx.sink.after_commit.append(lambda: effects.finish(ctx.rt, ctx.org_id, done))
    return done


async def publish(rt, org_id: int, frames: list[tuple[int, dict]]) -> None:
    """Frames on the reps' private channels; Redis trouble never fails anything."""
    if not frames or not rt.redis_usable:
        return
    out = [(f"user:{uid}", _encode({"type": "event", "channel": f"user:{uid}", "data": data})) for uid, data in frames]
    try:
        await rt.bus.publish_many(org_id, out)
    except (RedisError, OSError) as exc:
        rt.redis_failed(exc)
