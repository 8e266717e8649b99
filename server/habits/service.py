"""What the habit loop's HTTP endpoints do: reps' streak, missions, badges and profiles;
managers' settings, badge and mission-template definitions, recognition and the team view."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Row, Table, delete, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from server.accounts import audit
from server.accounts import service as accounts
from server.accounts.directory import org_info
from server.core import events
from server.core.auth import Principal
from server.core.cache import TTLCache
from server.core.errors import Conflict, DomainError, Forbidden, NotFound
from server.core.periods import WorkCalendar
from server.core.runtime import Part, Runtime
from server.habits import badges, missions
from server.habits import loop as habits
from server.habits import rules_badges as badge_rules
from server.habits import rules_missions as mission_rules
from server.habits import rules_streaks as streak_rules
from server.habits import store as repo
from server.habits.context import Ctx, OrgHabits, Rep, close, forget, load
from server.ledger.types import types_of

#: What the audit log keeps of a badge and of a mission template.
BADGE_AUDITED = ("key", "name", "description", "rule", "params", "tier", "points", "repeatable", "active")
TEMPLATE_AUDITED = ("key", "label", "type_key", "metric", "min_target", "max_target", "bonus_points", "nudge_pct",
                    "team_id", "user_id", "pinned", "active")

SETTING_FIELDS = ("enabled", "qualifying_types", "min_units", "workdays", "holidays", "freeze_every", "max_freezes",
                  "grace_hours", "combo_from", "combo_pct", "at_risk_hour", "missions_per_day", "all_done_bonus",
                  "mission_start_hour")


def require_manager(p: Principal) -> None:
    if not p.is_manager:
        raise Forbidden("forbidden", "managers and admins only")


def _user(p: Principal) -> int:
    if p.user_id is None:
        raise Forbidden("user_required", "this endpoint needs a user token, not an API key")
    return p.user_id


async def configured(rt: Runtime, org_id: int, users: Collection[int] = ()) -> OrgHabits:
    await org_info(rt, org_id)  # cached reads open their own connection: never inside our transaction
    async with rt.engine.begin() as conn:
        return await load(rt, conn, org_id, need_users=users)


async def ease_missions(rt: Runtime, p: Principal, user_id: int, pct: int, days: int) -> tuple[date, date]:
    """The rep's missions aim at `pct` percent of their baseline (not above it) for `days` days from
    their next mission day (tomorrow in their time zone); returns the first and last day."""
    require_manager(p)
    if not 10 <= pct <= 100 or not 1 <= days <= 30:
        raise DomainError("invalid_calibration", "pct is 10-100 and days 1-30")
    cfg = await configured(rt, p.org_id, (user_id,))
    rep = cfg.users.get(user_id)
    if rep is None or rep.role != "rep":
        raise NotFound("user_not_found", f"rep {user_id} not found")
    in_scope(p, rep)
    first = rt.now().astimezone(rep.tz).date() + timedelta(days=1)
    last = first + timedelta(days=days - 1)
    async with rt.engine.begin() as conn:
        await repo.add_calibration(conn, {"org_id": p.org_id, "user_id": user_id, "pct": pct, "first_day": first,
                                          "last_day": last, "created_by_user_id": p.user_id, "created_at": rt.now()})
        await audit.record(rt, conn, p, "user", user_id, "missions_eased",
                           after={"pct": pct, "first_day": first, "last_day": last})
    return first, last


def in_scope(p: Principal, rep: Rep) -> None:
    """A manager acts on their own team's reps only (an admin on the org's)."""
    if p.role != "admin" and (p.team_id is None or rep.team_id != p.team_id):
        raise Forbidden("not_in_scope", "that rep is not one you manage", details={"field": "user_id"})


_CALENDARS: Part[TTLCache[int, WorkCalendar]] = Part("habits.calendars", lambda rt: TTLCache(5.0))


async def work_calendar(rt: Runtime, org_id: int) -> WorkCalendar:
    """The org's working days and holidays (the streak calendar), lent to other features through
    the registry: pace to target and the early-warning rules count the same days. Read from the
    settings row alone (cached a few seconds; an org without one has the default calendar)."""
    cache = rt.part(_CALENDARS)
    found = cache.get(org_id)
    if found is None:
        async with rt.engine.connect() as conn:
            row = await repo.settings(conn, org_id)
        found = WorkCalendar() if row is None else WorkCalendar(
            frozenset(row.workdays), frozenset(date.fromisoformat(h) for h in row.holidays))
        cache.put(org_id, found)
    return found


# -- reps -----------------------------------------------------------------------------------------
async def streak(rt: Runtime, p: Principal, user_id: int | None = None) -> tuple[streak_rules.Streak, OrgHabits]:
    uid = _user(p) if user_id is None else user_id  # 0 is no one, not "me"
    cfg = await configured(rt, p.org_id, (uid,))
    if uid not in cfg.users:
        raise NotFound("user_not_found", f"user {uid} not found")
    async with rt.engine.connect() as conn:
        s = (await habits.compute_for(conn, cfg, [uid], rt.now()))[uid]
    return s, cfg


async def my_missions(rt: Runtime, p: Principal) -> tuple[date, bool, Sequence[Row[Any]], Row[Any] | None]:
    """Today's missions in the rep's time zone, created now if the worker has not yet."""
    uid = _user(p)
    cfg = await configured(rt, p.org_id, (uid,))
    now = rt.now()
    day = now.astimezone(cfg.tz_of(uid)).date()
    working = cfg.rules.calendar.is_working(day)
    if rt.settings.habits_enabled and cfg.enabled and working:
        async with rt.engine.connect() as conn:
            exists = await repo.has_mission_day(conn, p.org_id, uid, day)
        if not exists:
            async def work(ctx: Ctx) -> None:
                if await missions.ensure(rt, ctx.conn, cfg, uid, day, now):
                    await missions.settle(ctx, uid, day)
                await close(ctx)
            await habits.run_effects(rt, cfg, None, now, work)
    async with rt.engine.connect() as conn:
        rows = await repo.missions(conn, p.org_id, uid, day)
        md = await repo.mission_day(conn, p.org_id, uid, day)
    return day, working, rows, md


async def my_badges(rt: Runtime, p: Principal) -> Sequence[Row[Any]]:
    return await user_badges(rt, p, _user(p))


async def user_badges(rt: Runtime, p: Principal, user_id: int) -> Sequence[Row[Any]]:
    async with rt.engine.connect() as conn:
        return await repo.user_awards(conn, p.org_id, user_id)


async def profile(rt: Runtime, p: Principal, user_id: int
                  ) -> tuple[Rep, streak_rules.Streak, int, Sequence[Row[Any]]]:
    s, cfg = await streak(rt, p, user_id)
    async with rt.engine.connect() as conn:
        awards = await repo.user_awards(conn, p.org_id, user_id)
        done = await repo.completed_count(conn, p.org_id, user_id, None, None)
    return cfg.users[user_id], s, done, awards


# -- settings ---------------------------------------------------------------------------------------
async def get_settings(rt: Runtime, p: Principal) -> Row[Any]:
    require_manager(p)
    return (await configured(rt, p.org_id)).settings_row


async def update_settings(rt: Runtime, p: Principal, changes: dict[str, Any]) -> Row[Any]:
    require_manager(p)
    cur = await get_settings(rt, p)
    merged = {f: changes.get(f, getattr(cur, f)) for f in SETTING_FIELDS}
    streak_rules.validate_rules(merged["workdays"], merged["holidays"], merged["min_units"], merged["freeze_every"],
                                merged["max_freezes"], merged["grace_hours"], merged["combo_from"],
                                merged["combo_pct"], merged["at_risk_hour"])
    types = await types_of(rt, p.org_id)
    for key in merged["qualifying_types"]:
        if key not in types:
            raise DomainError("unknown_activity_type", f"no activity type '{key}' in this org", details={"type": key})
    if "workdays" in changes:
        changes["workdays"] = sorted(set(changes["workdays"]))
    changed = any(v != getattr(cur, f) for f, v in changes.items())
    async with rt.engine.begin() as conn:
        await repo.update_settings(conn, p.org_id, {**changes, "updated_at": rt.now()}, new_version=changed)
        await audit.record(rt, conn, p, "org", p.org_id, "streak_settings",
                           before={f: getattr(cur, f) for f in changes}, after=changes)
    forget(rt, p.org_id)
    rt.part(_CALENDARS).drop(p.org_id)
    return await get_settings(rt, p)


# -- badges -----------------------------------------------------------------------------------------
async def list_badges(rt: Runtime, p: Principal) -> Sequence[Row[Any]]:
    await configured(rt, p.org_id)  # seeds the starter set on first use
    async with rt.engine.connect() as conn:
        return await repo.badges(conn, p.org_id, active_only=not p.is_manager)


async def badge_row(conn: AsyncConnection, org_id: int, badge_id: int) -> Row[Any]:
    rows = [b for b in await repo.badges(conn, org_id, active_only=False) if b.id == badge_id]
    if not rows:
        raise NotFound("badge_not_found", f"badge {badge_id} not found")
    return rows[0]


async def _check_type(rt: Runtime, org_id: int, params: dict[str, Any]) -> None:
    key = params.get("type_key")
    if key is not None and key not in await types_of(rt, org_id):
        raise DomainError("unknown_activity_type", f"no activity type '{key}' in this org", details={"type": key})


async def create_badge(rt: Runtime, p: Principal, data: dict[str, Any]) -> Row[Any]:
    require_manager(p)
    params = badge_rules.validate(data["rule"], data["params"], data["tier"], data["points"])
    await _check_type(rt, p.org_id, params)
    await configured(rt, p.org_id)
    return await _insert_definition(rt, p, repo.B, {**data, "params": params}, repo.badges,
                                    Conflict("badge_exists", f"a badge with key '{data['key']}' already exists",
                                             details={"field": "key"}), "badge", BADGE_AUDITED)


async def update_badge(rt: Runtime, p: Principal, badge_id: int, changes: dict[str, Any]) -> Row[Any]:
    require_manager(p)
    async with rt.engine.begin() as conn:
        row = await badge_row(conn, p.org_id, badge_id)
        if {"params", "tier", "points"} & set(changes):
            changes["params"] = badge_rules.validate(row.rule, changes.get("params", row.params),
                                                     changes.get("tier", row.tier), changes.get("points", row.points))
            await _check_type(rt, p.org_id, changes["params"])
        if changes:
            # what it pays for or pays changed: a new version, which its bonus entries will name
            paying = any(changes[f] != getattr(row, f) for f in ("params", "points", "repeatable") if f in changes)
            await repo.update_badge(conn, badge_id, changes, new_version=paying)
        before = row
        row = await badge_row(conn, p.org_id, badge_id)
        retired = changes.get("active") is False and before.active
        await audit.record(rt, conn, p, "badge", badge_id, "retire" if retired else "update",
                           before=audit.fields_of(before, (*BADGE_AUDITED, "version")),
                           after=audit.fields_of(row, (*BADGE_AUDITED, "version")))
    forget(rt, p.org_id)
    return row


async def delete_badge(rt: Runtime, p: Principal, badge_id: int) -> None:
    """Retire a badge: it is no longer awarded; the awards already made stay on profiles."""
    await update_badge(rt, p, badge_id, {"active": False})


async def award_badge(rt: Runtime, p: Principal, badge_id: int, user_id: int, message: str) -> Row[Any]:
    """A manager's recognition: any active badge, by hand, with a message (repeatable)."""
    require_manager(p)
    cfg = await configured(rt, p.org_id, (user_id,))
    b = next((b for b in cfg.badges if b.id == badge_id), None)
    if b is None:
        async with rt.engine.connect() as conn:
            await badge_row(conn, p.org_id, badge_id)
        raise DomainError("badge_inactive", f"badge {badge_id} is retired")
    if user_id not in cfg.users or not cfg.users[user_id].active:
        raise NotFound("user_not_found", f"user {user_id} not found", details={"field": "user_id"})
    if user_id == p.user_id:
        raise DomainError("cannot_award_self", "you cannot award a badge to yourself", details={"field": "user_id"})
    in_scope(p, cfg.users[user_id])
    now = rt.now()
    key = f"manual:{p.user_id}:{now.isoformat()}" if b.repeatable else "once"

    async def work(ctx: Ctx) -> dict[str, Any] | None:
        item = await badges.grant(ctx, b, user_id, key, message=message, by=p.user_id)
        if item is not None:
            await audit.record(rt, ctx.conn, p, "badge", b.id, "award", only_changes=False, after={
                "user_id": user_id, "name": b.name, "tier": b.tier, "points": b.points, "message": message,
                "award_id": item["award_id"]})
        await close(ctx)
        return item

    item = await habits.run_effects(rt, cfg, p.user_id, now, work)
    if item is None:
        raise Conflict("already_awarded", "this rep already holds this one-off badge")
    async with rt.engine.connect() as conn:
        return next(a for a in await repo.user_awards(conn, p.org_id, user_id) if a.id == item["award_id"])


async def revoke_award(rt: Runtime, p: Principal, badge_id: int, award_id: int, reason: str) -> None:
    """Take an award back, with a reason: the award goes, its points are written back as a negative
    `badge_bonus` entry, and the audit log keeps who, whom, what and why. The badge may be
    earned (or awarded) again."""
    require_manager(p)
    cfg = await configured(rt, p.org_id)
    async with rt.engine.connect() as conn:
        a = await repo.award_row(conn, p.org_id, award_id)
        b = await badge_row(conn, p.org_id, badge_id)
    if a is None or a.badge_id != badge_id or a.user_id not in cfg.users:
        raise NotFound("award_not_found", f"award {award_id} of badge {badge_id} not found")
    in_scope(p, cfg.users[a.user_id])

    async def work(ctx: Ctx) -> bool:
        if not await repo.delete_award(ctx.conn, p.org_id, award_id):
            await close(ctx)
            return False
        if a.points:
            ctx.sink.add_entry(user_id=a.user_id, kind="badge_bonus", points=-a.points, occurred_at=ctx.now,
                               cause=events.Cause("badge", b.id, b.version))
        await audit.record(rt, ctx.conn, p, "badge", badge_id, "revoke", only_changes=False, before={
            "award_id": a.id, "user_id": a.user_id, "name": b.name, "points": a.points, "message": a.message,
            "period_key": a.period_key}, after={"reason": reason})

        async def forget_held() -> None:
            badges.forget(rt, p.org_id, badge_id, a.user_id, a.period_key)

        ctx.sink.after_commit.append(forget_held)
        await close(ctx)
        return True

    if not await habits.run_effects(rt, cfg, p.user_id, rt.now(), work):
        raise NotFound("award_not_found", f"award {award_id} of badge {badge_id} not found")


# -- mission templates --------------------------------------------------------------------------
async def list_templates(rt: Runtime, p: Principal) -> Sequence[Row[Any]]:
    require_manager(p)
    await configured(rt, p.org_id)
    async with rt.engine.connect() as conn:
        return await repo.templates(conn, p.org_id, active_only=False)


async def _template_row(conn: AsyncConnection, org_id: int, template_id: int) -> Row[Any]:
    rows = [t for t in await repo.templates(conn, org_id, active_only=False) if t.id == template_id]
    if not rows:
        raise NotFound("mission_template_not_found", f"mission template {template_id} not found")
    return rows[0]


async def create_template(rt: Runtime, p: Principal, data: dict[str, Any]) -> Row[Any]:
    require_manager(p)
    mission_rules.validate_template(data["metric"], data["min_target"], data["max_target"], data["bonus_points"],
                                    data["nudge_pct"])
    await _check_type(rt, p.org_id, {"type_key": data["type_key"]})
    cfg = await configured(rt, p.org_id, (data["user_id"],) if data.get("user_id") else ())
    if data.get("user_id") is not None and data["user_id"] not in cfg.users:
        raise NotFound("user_not_found", f"user {data['user_id']} not found", details={"field": "user_id"})
    if data.get("team_id") is not None:
        await accounts.require_team(rt, p.org_id, data["team_id"])
    _pin_in_scope(p, cfg, data.get("team_id"), data.get("user_id"))
    return await _insert_definition(
        rt, p, repo.T, data, repo.templates,
        Conflict("mission_template_exists", f"a mission template '{data['key']}' already exists",
                 details={"field": "key"}), "mission_template", TEMPLATE_AUDITED)


def _pin_in_scope(p: Principal, cfg: OrgHabits, team_id: int | None, user_id: int | None) -> None:
    """A manager pins templates to their own team or its reps only (org-wide ones are everyone's)."""
    if p.role == "admin":
        return
    if team_id is not None and team_id != p.team_id:
        raise Forbidden("not_in_scope", "you can pin missions to your own team only", details={"field": "team_id"})
    if user_id is not None:
        rep = cfg.users.get(user_id)
        if rep is None:
            raise Forbidden("not_in_scope", "that rep is not one you manage", details={"field": "user_id"})
        in_scope(p, rep)


async def _insert_definition(rt: Runtime, p: Principal, table: Table, values: dict[str, Any],
                             listed: Callable[[AsyncConnection, int, bool], Awaitable[Sequence[Row[Any]]]],
                             taken: Conflict, kind: str, audited: Sequence[str]) -> Row[Any]:
    """Insert a badge or mission-template definition (unique per org and key), audited as `kind`,
    and return its row; `taken` when the key exists. The org's cached habit settings are dropped."""
    org_id = p.org_id
    try:
        async with rt.engine.begin() as conn:
            await conn.execute(table.insert().values(org_id=org_id, **values, active=True,
                                                     created_at=rt.now()))
            row = next(r for r in await listed(conn, org_id, False) if r.key == values["key"])
            await audit.record(rt, conn, p, kind, row.id, "create", after=audit.fields_of(row, audited))
    except IntegrityError:
        raise taken from None
    forget(rt, org_id)
    return row


async def update_template(rt: Runtime, p: Principal, template_id: int, changes: dict[str, Any]) -> Row[Any]:
    require_manager(p)
    cfg = await configured(rt, p.org_id)
    async with rt.engine.begin() as conn:
        row = await _template_row(conn, p.org_id, template_id)
        _pin_in_scope(p, cfg, row.team_id, row.user_id)
        merged = {k: changes.get(k, getattr(row, k)) for k in ("min_target", "max_target", "bonus_points",
                                                                "nudge_pct")}
        mission_rules.validate_template(row.metric, **merged)
        if changes:
            await conn.execute(update(repo.T).where(repo.T.c.id == template_id).values(**changes))
        before = row
        row = await _template_row(conn, p.org_id, template_id)
        retired = changes.get("active") is False and before.active
        await audit.record(rt, conn, p, "mission_template", template_id, "deactivate" if retired else "update",
                           before=audit.fields_of(before, TEMPLATE_AUDITED),
                           after=audit.fields_of(row, TEMPLATE_AUDITED))
    forget(rt, p.org_id)
    return row


async def delete_template(rt: Runtime, p: Principal, template_id: int) -> None:
    """Remove a template from future days (today's missions made from it stay)."""
    require_manager(p)
    cfg = await configured(rt, p.org_id)
    async with rt.engine.begin() as conn:
        row = await _template_row(conn, p.org_id, template_id)
        _pin_in_scope(p, cfg, row.team_id, row.user_id)
        await conn.execute(delete(repo.T).where(repo.T.c.id == template_id))
        await audit.record(rt, conn, p, "mission_template", template_id, "delete",
                           before=audit.fields_of(row, TEMPLATE_AUDITED))
    forget(rt, p.org_id)


# -- team view --------------------------------------------------------------------------------------
async def team_view(rt: Runtime, p: Principal, team_id: int | None, days: int
                    ) -> tuple[date, list[tuple[Rep, streak_rules.Streak, int, int]]]:
    require_manager(p)
    if team_id is not None:
        await accounts.require_team(rt, p.org_id, team_id)
    cfg = await configured(rt, p.org_id)
    now = rt.now()
    reps = [u for u in cfg.users.values() if u.active and u.role == "rep" and (team_id is None or u.team_id == team_id)]
    since = now.astimezone(cfg.org_tz).date() - timedelta(days=days - 1)
    ids = [u.id for u in reps]
    if not ids:
        return since, []
    async with rt.engine.connect() as conn:
        live = await habits.compute_for(conn, cfg, ids, now)
        rates = await repo.mission_rates(conn, p.org_id, ids, since)
    out: list[tuple[Rep, streak_rules.Streak, int, int]] = []
    for u in sorted(reps, key=lambda u: (-live[u.id].current, u.name, u.id)):
        n, done = rates.get(u.id, (0, 0))
        out.append((u, live[u.id], n, done))
    return since, out


async def seed_demo(rt: Runtime, org_id: int, admin_user_id: int) -> None:
    """Demo data: a pinned mission for the first team, and a recognition badge with a message."""
    p = Principal(org_id, "admin", admin_user_id)
    cfg = await configured(rt, org_id)
    reps = sorted((u for u in cfg.users.values() if u.role == "rep"), key=lambda u: u.id)
    if not reps:
        return
    if reps[0].team_id is not None:
        await create_template(rt, p, {"key": "demo_meetings", "label": "Team push: book {target} {meeting|meetings}",
                                      "type_key": "meeting_booked", "metric": "count", "min_target": 2,
                                      "max_target": 6, "bonus_points": 25, "nudge_pct": 20,
                                      "team_id": reps[0].team_id, "user_id": None, "pinned": True})
    recognition = next(b for b in cfg.badges if b.key == "recognition")
    await award_badge(rt, p, recognition.id, reps[0].id, "Welcome to RepRally: thanks for setting the pace!")
