"""What the habit loop's services share: an org's cached settings and definitions, and the
context a rule run writes its effects into (ledger rows, notices, feed items, realtime frames,
achievements) whether it runs in the activity transaction or in an `effects.emit` one."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import msgspec
from redis.exceptions import RedisError
from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from server.accounts.directory import org_info
from server.board.channels import channel_bus
from server.core import events
from server.core.cache import TTLCache
from server.core.periods import local_date, zone
from server.core.runtime import Part, Runtime
from server.habits import rules_badges as badge_rules
from server.habits import rules_missions as mission_rules
from server.habits import store as repo
from server.habits.rules_streaks import Calendar, StreakRules
from server.ledger import effects

log = logging.getLogger("reprally.habits")
_encode = msgspec.json.Encoder().encode

#: A realtime frame for a rep's private channel: (user id, data).
Frame = tuple[int, dict[str, Any]]


@dataclass(slots=True)
class _Loaded:
    """This runtime's copies of the orgs' habit settings, and the reads in flight (single flight)."""

    cache: TTLCache[int, OrgHabits] = field(default_factory=lambda: TTLCache(5.0))
    loading: dict[int, asyncio.Future[OrgHabits]] = field(default_factory=dict)


LOADED: Part[_Loaded] = Part("habits.settings", lambda rt: _Loaded())

#: Starter mission templates: (key, label, type, metric, min, max, bonus, nudge %). In a label,
#: `{target}` is the number and `{singular|plural}` agrees with it (`core.text.fill_target`).
STARTER_TEMPLATES = (
    ("calls", "Log {target} {call|calls}", "call", "count", 5, 80, 10, 10),
    ("emails", "Send {target} {email|emails}", "email", "count", 3, 60, 5, 10),
    ("meetings", "Book {target} {meeting|meetings}", "meeting_booked", "count", 1, 10, 20, 20),
    ("proposals", "Send {target} {proposal|proposals}", "proposal_sent", "count", 1, 5, 15, 20),
    ("opportunities", "Create {target} {opportunity|opportunities}", "opportunity_created", "count", 1, 5, 15, 20),
)


@dataclass(frozen=True, slots=True)
class Rep:
    id: int
    tz: ZoneInfo
    team_id: int | None
    role: str
    active: bool
    name: str
    started: date  # the local day their account was made

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
    settings_row: Row[Any]  # the `habit_settings` row
    # derived once per load: which rules an activity of a type can move
    mission_types: frozenset[str] = frozenset()
    activity_badges: dict[str, tuple[badge_rules.Badge, ...]] = field(default_factory=dict)  # by type key

    def __post_init__(self) -> None:
        object.__setattr__(self, "mission_types", frozenset(t.type_key for t in self.templates))
        by_type: dict[str, list[badge_rules.Badge]] = {}
        for b in self.badges:
            if b.rule in ("activity_count", "activity_value") and b.params.get("type_key"):
                by_type.setdefault(b.params["type_key"], []).append(b)
        object.__setattr__(self, "activity_badges", {k: tuple(v) for k, v in by_type.items()})

    @property
    def version(self) -> int:
        """The settings' version: the streak combo bonus names it."""
        version: int = self.settings_row.version
        return version

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


async def seed_org(conn: AsyncConnection, org_id: int, now: datetime) -> None:
    """Default settings, the starter badges and mission templates (idempotent)."""
    if not await repo.create_settings(conn, org_id, now):
        return
    await repo.insert_ignore(conn, repo.B, [
        {"org_id": org_id, "key": k, "name": n, "description": "", "rule": r, "params": p, "tier": t, "points": pts,
         "repeatable": rep, "active": True, "created_at": now}
        for k, n, r, p, t, pts, rep in badge_rules.STARTER], ["org_id", "key"])
    await repo.insert_ignore(conn, repo.T, [
        {"org_id": org_id, "key": k, "label": lab, "type_key": tk, "metric": m, "min_target": lo, "max_target": hi,
         "bonus_points": b, "nudge_pct": nud, "team_id": None, "user_id": None, "pinned": False, "active": True,
         "created_at": now}
        for k, lab, tk, m, lo, hi, b, nud in STARTER_TEMPLATES], ["org_id", "key"])


def forget(rt: Runtime, org_id: int) -> None:
    rt.part(LOADED).cache.drop(org_id)


def cached(rt: Runtime, org_id: int) -> OrgHabits | None:
    """The org's habit settings if this runtime loaded them in the last few seconds."""
    return rt.part(LOADED).cache.get(org_id)




async def load(rt: Runtime, conn: AsyncConnection, org_id: int, *, need_users: Collection[int] = ()) -> OrgHabits:
    """The org's habit settings and definitions (cached a few seconds; seeded on first use).
    Callers that miss while another caller of this process is reading them wait for that read."""
    loaded = rt.part(LOADED)
    _loading = loaded.loading
    cfg = loaded.cache.get(org_id)
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
    fut: asyncio.Future[OrgHabits] = asyncio.get_running_loop().create_future()
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


async def _read(rt: Runtime, conn: AsyncConnection, org_id: int) -> OrgHabits:
    org = await org_info(rt, org_id, conn)
    row = await repo.settings(conn, org_id)
    if row is None:
        await seed_org(conn, org_id, rt.now())
        row = await repo.settings(conn, org_id)
        assert row is not None, "seeded just now"
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
                                     b.repeatable, b.version, b.created_at) for b in await repo.badges(conn, org_id))
    users: dict[int, Rep] = {}
    for u in await repo.users(conn, org_id):
        try:
            tz = zone(u.timezone) if u.timezone else org.tz
        except Exception:  # noqa: BLE001 - a stored zone that no longer exists: use the org's
            tz = org.tz
        users[u.id] = Rep(u.id, tz, u.team_id, u.role, u.active, u.display_name, local_date(u.created_at, tz))
    cfg = OrgHabits(org_id, row.enabled, rules, frozenset(row.qualifying_types or ()), row.missions_per_day,
                    row.all_done_bonus, row.mission_start_hour, templates, badges, users, org.tz, org.week_start,
                    row)
    rt.part(LOADED).cache.put(org_id, cfg)
    return cfg


@dataclass(slots=True)
class Sink(events.WritesEntries):
    """Collects effects outside an activity/event batch (a lazy mission run, a manual award)."""

    org_id: int
    actor_user_id: int | None
    now: datetime
    entries: list[events.EntryRow] = field(default_factory=list)
    notices: list[events.Notice] = field(default_factory=list)
    feed: list[events.FeedItem] = field(default_factory=list)
    after_commit: list[events.AfterCommit] = field(default_factory=list)


@dataclass(slots=True)
class Ctx:
    rt: Runtime
    conn: AsyncConnection
    cfg: OrgHabits
    sink: events.ActivityBatch | events.ReversalBatch | events.EventBatch | Sink
    now: datetime
    frames: list[Frame] = field(default_factory=list)
    events: list[events.Achievement] = field(default_factory=list)

    @property
    def org_id(self) -> int:
        return self.cfg.org_id

    def unlock(self, activity_id: int | None, what: str, item: dict[str, Any]) -> None:
        if activity_id is not None and isinstance(self.sink, events.ActivityBatch):
            self.sink.unlock(activity_id, what, item)

    def frame(self, user_id: int, data: dict[str, Any]) -> None:
        self.frames.append((user_id, data))


async def close(ctx: Ctx) -> effects.Emitted | None:
    """Queue the realtime frames after the commit and hand the achievements on. Returns the
    `effects.emit` result when the achievements were emitted here (caller finishes it)."""
    if ctx.frames and isinstance(ctx.sink, events.ActivityBatch):
        ctx.sink.frames.extend(ctx.frames)  # published with the activities' own frames
    elif ctx.frames:
        frames = list(ctx.frames)
        ctx.sink.after_commit.append(lambda: publish(ctx.rt, ctx.org_id, frames))
    if not ctx.events:
        return None
    if isinstance(ctx.sink, events.EventBatch):
        ctx.sink.more.extend(ctx.events)
        return None
    if len(ctx.rt.registry.achievement_hooks) <= 1:  # only ours: nobody else reacts to these
        return None
    done = await effects.emit(ctx.rt, ctx.conn, ctx.org_id, ctx.events, actor_user_id=None, now=ctx.now)

    async def finish() -> None:
        await effects.finish(ctx.rt, ctx.org_id, done)

    ctx.sink.after_commit.append(finish)
    return done


async def publish(rt: Runtime, org_id: int, frames: list[Frame]) -> None:
    """Frames on the reps' private channels; Redis trouble never fails anything."""
    if not frames or not rt.redis_usable:
        return
    out = [(f"user:{uid}", _encode({"type": "event", "channel": f"user:{uid}", "data": data})) for uid, data in frames]
    try:
        await channel_bus(rt).publish_many(org_id, out)
    except (RedisError, OSError) as exc:
        rt.redis_failed(exc)
