"""Contests and SPIFFs: creating and launching them, their rules, live standings and results.

Lifecycle: draft -> scheduled (launched) -> live -> ended -> awarded, or cancelled before it is
awarded. The worker (`services.contest_lifecycle`) moves contests on time. Rules (metric,
format, tie-breakers, prizes) are editable in draft and scheduled only; once live they change
only through `recalculate`, which is logged with its reason and announced to participants.
Hidden contests are visible to managers and admins only.
"""

from __future__ import annotations

import dataclasses
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from server.accounts import audit
from server.accounts import service as accounts
from server.accounts.directory import org_info
from server.board.channel_names import check_contest_access
from server.contests import lifecycle as contest_lifecycle
from server.contests import rules as rules_
from server.contests import store as repo
from server.contests.standings import (
    compute_from_sql,
    live_totals,
    members_of,
    rebuild,
    round_list,
    rules_from,
    to_rules,
    warm,
)
from server.core import events, text
from server.core.auth import Principal
from server.core.errors import Conflict, DomainError, Forbidden, NotFound
from server.core.periods import local_date
from server.core.runtime import Runtime
from server.ledger import sinks
from server.ledger.types import types_of

SEGMENT_KINDS = ("team", "region", "job_role", "user")


RULE_FIELDS = ("format", "metric", "measure", "per_head", "pairs", "bracket", "divisions", "target",
               "tie_breakers", "prizes", "ticket_every", "draws")


@dataclass(slots=True)
class Standings:
    contest: Row[Any]  # the contest row
    rows: list[rules_.Row]
    members: dict[int, rules_.Member]
    final: bool
    live: bool = True  # False when Redis is unavailable (standings computed from SQL instead)
    awards: Sequence[Row[Any]] = field(default_factory=list)  # the award rows, once awarded


def is_manager(principal: Principal) -> bool:
    return principal.role in ("manager", "admin")


def _require_manager(principal: Principal) -> None:
    if not is_manager(principal):
        raise Forbidden("forbidden", "only managers and admins manage contests")


def parse_segment(raw: str) -> repo.Segment:
    """'team:<id>', 'region:<name>', 'job_role:<name>', or 'user:<id>' (one rep: a hand-picked bracket)."""
    kind, sep, value = raw.partition(":")
    if not sep or kind not in SEGMENT_KINDS or not value:
        raise DomainError("invalid_segment",
                          "segments are 'team:<id>', 'region:<name>', 'job_role:<name>' or 'user:<id>'")
    if kind in ("team", "user"):
        if not value.isdigit() or int(value) >= 2**63:
            raise DomainError("invalid_segment", f"{kind} segments name the {kind} id, e.g. '{kind}:12'")
        return {"kind": kind, "value": int(value)}
    return {"kind": kind, "value": value}


def segment_name(s: repo.Segment) -> str:
    return f"{s['kind']}:{s['value']}"


async def _resolve_spec(rt: Runtime, conn: AsyncConnection, org_id: int, spec: dict[str, Any],
                        hidden: bool) -> dict[str, Any]:
    """Validate a full contest spec (create, or current values merged with a change); returns columns."""
    org = await org_info(rt, org_id)
    metric = spec.get("metric") or "points"
    measure = spec.get("measure") or ("points" if metric == "points" else "count")
    type_id = None
    if metric != "points":
        t = (await types_of(rt, org_id)).get(metric)
        if t is None:
            raise NotFound("unknown_metric", f"no activity type '{metric}': use 'points' or an activity type key")
        if measure == "value" and not t.valued:
            raise DomainError("invalid_measure", f"'{metric}' is not scored on value: use measure 'count'")
        type_id = t.id
    start, end = spec["start_date"], spec["end_date"]
    starts_at, ends_at = rules_.window(start, end, org.tz)
    prizes = [{k: v for k, v in p.items() if v is not None} for p in spec.get("prizes") or []]
    rules_json: dict[str, Any] = {
        "per_head": bool(spec.get("per_head")), "pairs": [list(p) for p in spec.get("pairs") or []],
        "bracket": bool(spec.get("bracket")), "divisions": spec.get("divisions") or 3,
        "target": spec.get("target"),
        "tie_breakers": list(spec["tie_breakers"] if spec.get("tie_breakers") is not None else ["first_to_reach"]),
        "prizes": prizes, "count_from_start": bool(spec.get("count_from_start")),
        "ticket_every": spec.get("ticket_every") or 1, "draws": spec.get("draws")}
    for p in rules_json["pairs"]:
        if len(p) != 2:
            raise DomainError("invalid_pairs", "a pair names exactly two reps")
    fmt = spec.get("format") or "individual"
    rules_.validate(rules_from(fmt, measure, metric, rules_json), hidden=hidden)
    segments = [parse_segment(s) for s in spec.get("segments") or []]
    for s in segments:
        if s["kind"] == "team":  # another org's team is no team: 404, not a contest without members
            await accounts.require_team(rt, org_id, int(s["value"]), conn)
    members = await repo.candidates(conn, org_id, segments)
    ids = {m.id for m in members}
    for p in rules_json["pairs"]:
        for uid in p:
            if uid not in ids:
                raise NotFound("user_not_found", f"user {uid} does not take part in this contest",
                               details={"user_id": uid})
    return {"format": fmt, "measure": measure, "metric": metric, "type_id": type_id, "start_date": start,
            "end_date": end, "starts_at": starts_at, "ends_at": ends_at, "segments": segments, "rules": rules_json}


async def create(rt: Runtime, principal: Principal, spec: dict[str, Any]) -> Row[Any]:
    _require_manager(principal)
    hidden = bool(spec.get("hidden"))
    async with rt.engine.connect() as conn:
        cols = await _resolve_spec(rt, conn, principal.org_id, spec, hidden)
    org = await org_info(rt, principal.org_id)
    if cols["end_date"] < local_date(rt.now(), org.tz):
        raise DomainError("contest_over", "end_date is in the past")
    now = rt.now()
    async with rt.engine.begin() as conn:
        cid = await repo.create(conn, {"org_id": principal.org_id, "name": spec["name"],
                                       "description": spec.get("description"), "state": "draft", "hidden": hidden,
                                       "rules_version": 1, "ending_notified": False,
                                       "created_by_user_id": principal.user_id, "created_at": now,
                                       "updated_at": now, **cols})
        await repo.log(conn, cid, "created", now, actor_user_id=principal.user_id)
        row = await _reread(conn, principal.org_id, cid)
        await audit.record(rt, conn, principal, "contest", cid, "create", after=audit.fields_of(row, AUDITED))
        return row


#: What the audit log keeps of a contest.
AUDITED = ("name", "format", "metric", "measure", "start_date", "end_date", "segments", "rules", "hidden")


def _merged(c: Row[Any], changes: dict[str, Any]) -> dict[str, Any]:
    r = c.rules or {}
    base = {"name": c.name, "description": c.description, "format": c.format, "metric": c.metric,
            "measure": c.measure, "start_date": c.start_date, "end_date": c.end_date,
            "segments": [segment_name(s) for s in c.segments or []], **{k: r.get(k) for k in
                                                                        ("per_head", "pairs", "bracket", "divisions",
                                                                         "target", "tie_breakers", "prizes",
                                                                         "count_from_start", "ticket_every",
                                                                         "draws")}}
    if "metric" in changes and "measure" not in changes:
        base["measure"] = None  # derived again from the new metric
    base.update(changes)
    return base


async def update(rt: Runtime, principal: Principal, contest_id: int, changes: dict[str, Any]) -> Row[Any]:
    """Edit a draft or scheduled contest. Live contests change only through `recalculate`."""
    _require_manager(principal)
    now = rt.now()
    await warm(rt, principal.org_id)
    async with rt.engine.begin() as conn:
        c = await _get_for(conn, principal, contest_id)
        if c.state not in rules_.EDITABLE:
            raise Conflict("contest_locked", "the rules are locked once the contest is live: "
                           "use POST /contests/{id}/recalculate with a reason")
        hidden = changes.get("hidden", c.hidden)
        spec = _merged(c, changes)
        cols = await _resolve_spec(rt, conn, principal.org_id, spec, hidden)
        values = {**cols, "name": spec["name"], "description": spec.get("description"), "hidden": hidden,
                  "updated_at": now}
        if c.state == "scheduled":
            values["rules_version"] = c.rules_version + 1  # participants see the rules they will play by
        await repo.update_fields(conn, c.id, values)
        if c.state == "scheduled":
            await _commit_to_seed(conn, c, cols["format"])
        await repo.log(conn, c.id, "edited", now, actor_user_id=principal.user_id,
                       data={"fields": sorted(changes)})
        row = await _reread(conn, principal.org_id, c.id)
        await audit.record(rt, conn, principal, "contest", c.id, "update", before=audit.fields_of(c, AUDITED),
                           after=audit.fields_of(row, AUDITED))
        return row


async def launch(rt: Runtime, principal: Principal, contest_id: int) -> Row[Any]:
    """draft -> scheduled: the rules are shown to participants; the worker starts it on time."""
    _require_manager(principal)
    now = rt.now()
    async with rt.engine.begin() as conn:
        c = await _get_for(conn, principal, contest_id)
        if c.ends_at <= now:
            raise DomainError("contest_over", "this contest's end is in the past: change its dates first")
        _check_bracket_fits(c, len(await repo.candidates(conn, principal.org_id, c.segments or [])))
        if not await repo.transition(conn, c.id, ("draft",), "scheduled", launched_at=now, updated_at=now):
            raise Conflict("invalid_state", f"only a draft can be launched (this one is {c.state})")
        await _commit_to_seed(conn, c, c.format)
        await repo.log(conn, c.id, "launched", now, actor_user_id=principal.user_id)
        await audit.record(rt, conn, principal, "contest", c.id, "launch", before={"state": c.state},
                           after={"state": "scheduled"})
    if c.starts_at <= now:  # starting today: go live at once rather than on the next tick
        await contest_lifecycle.start(rt, c.id)
    async with rt.engine.connect() as conn:
        return await _reread(conn, principal.org_id, c.id)


async def _commit_to_seed(conn: AsyncConnection, c: Row[Any], fmt: str) -> None:
    """A chance contest draws its winners from a secret seed chosen now; its SHA-256 is published
    from the launch on (`draw_commitment`) and the seed itself at the draw (docs/mechanics.md)."""
    if fmt == "chance" and c.draw_commitment is None:
        seed = secrets.token_hex(32)
        await repo.update_fields(conn, c.id, {"draw_seed": seed, "draw_commitment": rules_.commitment(seed)})


def _check_bracket_fits(c: Row[Any], n: int) -> None:
    _bracket_rounds(c.format, c.rules, c.start_date, c.end_date, n)


def _bracket_rounds(fmt: str, rules_json: dict[str, Any] | None, start: date, end: date, n: int) -> int | None:
    """A bracket's rounds for `n` reps (None: no bracket), or 400 `too_many_rounds`."""
    if fmt != "head_to_head" or not (rules_json or {}).get("bracket"):
        return None
    days = (end - start).days + 1
    rounds = rules_.bracket_rounds(n)
    if rounds > days:
        raise DomainError("too_many_rounds", f"{n} reps need {rounds} rounds: make the contest at least "
                          f"{text.count(rounds, 'day')} long", details={"field": "end_date"})
    return rounds


@dataclass(frozen=True, slots=True)
class Lineup:
    """Who a contest would start with, where, and how many bracket rounds (None: no bracket)."""

    entries: list[rules_.Entry]
    members: dict[int, Any]  # user id -> candidate row (display_name, email, team_id)
    rounds: int | None
    baseline_days: int


async def lineup(rt: Runtime, principal: Principal, spec: dict[str, Any]) -> Lineup:
    """The participants and their brackets as the start would compute them today: the segments'
    active reps, seeded by their baselines (the metric over the same number of days just before
    the start, so far). Validates the spec as `create` does; writes nothing."""
    _require_manager(principal)
    org = await org_info(rt, principal.org_id)
    await warm(rt, principal.org_id)
    async with rt.engine.connect() as conn:
        cols = await _resolve_spec(rt, conn, principal.org_id, spec, bool(spec.get("hidden")))
        found = await repo.candidates(conn, principal.org_id, cols["segments"])
        since, until = rules_.baseline_window(cols["start_date"], cols["end_date"], org.tz)
        base = await repo.baseline_totals(conn, principal.org_id, [m.id for m in found], cols["measure"],
                                          cols["type_id"], since, until)
    rules = rules_from(cols["format"], cols["measure"], cols["metric"], cols["rules"])
    members = [rules_.Member(m.id, m.team_id, base.get(m.id, 0), m.display_name, m.email) for m in found]
    rounds = _bracket_rounds(cols["format"], cols["rules"], cols["start_date"], cols["end_date"], len(members))
    days = (cols["end_date"] - cols["start_date"]).days + 1
    return Lineup(rules_.entries(rules, members), {m.id: m for m in found}, rounds, days)


async def draft_spec(rt: Runtime, principal: Principal, contest_id: int) -> dict[str, Any]:
    """A contest's spec as `lineup` takes it (its columns merged with no change)."""
    async with rt.engine.connect() as conn:
        c = await _get_for(conn, principal, contest_id)
    return {**_merged(c, {}), "hidden": c.hidden}


async def cancel(rt: Runtime, principal: Principal, contest_id: int, reason: str | None) -> Row[Any]:
    _require_manager(principal)
    now = rt.now()
    async with rt.engine.begin() as conn:
        c = await _get_for(conn, principal, contest_id)
        if not await repo.transition(conn, c.id, ("draft", "scheduled", "live", "ended"), "cancelled",
                                     cancelled_at=now, updated_at=now):
            raise Conflict("invalid_state", f"a contest that is {c.state} cannot be cancelled")
        await repo.log(conn, c.id, "cancelled", now, reason=reason, actor_user_id=principal.user_id)
        await audit.record(rt, conn, principal, "contest", c.id, "cancel", before={"state": c.state},
                           after={"state": "cancelled", "reason": reason})
        if c.state in ("live", "ended") and not c.hidden:
            notices = [events.Notice(p.user_id, "contest_cancelled", f"{c.name} was cancelled",
                                    reason or "The contest was cancelled; no prizes will be paid.",
                                    {"contest_id": c.id}, actor_user_id=principal.user_id,
                                    dedupe_key=f"contest:{c.id}:cancelled")
                       for p in await repo.participants(conn, c.id)]
            await sinks.write_notices(rt, conn, principal.org_id, notices)
    await contest_lifecycle.drop_standings(rt, principal.org_id, c.id)
    await contest_lifecycle.announce(rt, principal.org_id, c.id)
    async with rt.engine.connect() as conn:
        return await _reread(conn, principal.org_id, c.id)


async def recalculate(rt: Runtime, principal: Principal, contest_id: int, reason: str,
                      changes: dict[str, Any]) -> Row[Any]:
    """Change the rules of a live (or ended, not yet awarded) contest: logged with the reason,
    announced to every participant, standings recomputed from the ledger."""
    _require_manager(principal)
    if not reason.strip():
        raise DomainError("reason_required", "a recalculation states its reason")
    if {"start_date", "segments", "hidden"} & set(changes):
        raise DomainError("invalid_change", "the start, the participants and hidden mode cannot change once live")
    now = rt.now()
    await warm(rt, principal.org_id)
    async with rt.engine.begin() as conn:
        c = await _get_for(conn, principal, contest_id)
        if c.state not in ("live", "ended"):
            raise Conflict("invalid_state", "only a live or ended (not yet awarded) contest is recalculated; "
                           "edit drafts and scheduled contests with PATCH")
        spec = _merged(c, changes)
        cols = await _resolve_spec(rt, conn, principal.org_id, spec, c.hidden)
        if cols["ends_at"] <= now and c.state == "live" and "end_date" in changes:
            raise DomainError("contest_over", "the new end is in the past")
        before = {k: getattr(c, k) for k in ("format", "metric", "measure")} | {"rules": c.rules,
                                                                                "end_date": c.end_date.isoformat()}
        await repo.update_fields(conn, c.id, {**cols, "name": spec["name"], "description": spec.get("description"),
                                              "rules_version": c.rules_version + 1, "updated_at": now})
        await _commit_to_seed(conn, c, cols["format"])
        parts = await repo.participants(conn, c.id)
        if cols["format"] == "head_to_head" and cols["rules"]["bracket"]:
            cols["rules"]["rounds"] = min(rules_.bracket_rounds(len(parts)),
                                          (cols["end_date"] - cols["start_date"]).days + 1)
            await repo.update_fields(conn, c.id, {"rules": cols["rules"]})
        updated = await _reread(conn, principal.org_id, c.id)
        await audit.record(rt, conn, principal, "contest", c.id, "recalculate",
                           before={**audit.fields_of(c, AUDITED), "reason": None},
                           after={**audit.fields_of(updated, AUDITED), "reason": reason})
        await contest_lifecycle.freeze_baselines(rt, conn, updated, [p.user_id for p in parts])
        await repo.log(conn, c.id, "recalculated", now, reason=reason, actor_user_id=principal.user_id,
                       data={"changed": sorted(changes), "before": before, "rules_version": c.rules_version + 1})
        if not c.hidden:
            notices = [events.Notice(p.user_id, "contest_recalculated", f"{c.name}: the rules changed",
                                    reason, {"contest_id": c.id, "rules_version": c.rules_version + 1},
                                    actor_user_id=principal.user_id,
                                    dedupe_key=f"contest:{c.id}:rules:{c.rules_version + 1}")
                       for p in parts]
            await sinks.write_notices(rt, conn, principal.org_id, notices)
    await rebuild(rt, principal.org_id, c.id)
    async with rt.engine.connect() as conn:
        return await _reread(conn, principal.org_id, c.id)


def visible(c: Row[Any], principal: Principal) -> bool:
    if is_manager(principal):
        return True
    return not c.hidden and c.state != "draft"


async def _get_for(conn: AsyncConnection, principal: Principal, contest_id: int) -> Row[Any]:
    c = await repo.get(conn, principal.org_id, contest_id)
    if c is None or not visible(c, principal):
        raise NotFound("contest_not_found", f"contest {contest_id} not found")
    return c


async def _reread(conn: AsyncConnection, org_id: int, contest_id: int) -> Row[Any]:
    """The contest just written (it exists: a contest goes only with its org)."""
    c = await repo.get(conn, org_id, contest_id)
    assert c is not None, f"contest {contest_id} is gone"
    return c


async def get(rt: Runtime, principal: Principal, contest_id: int) -> tuple[Row[Any], Sequence[Row[Any]]]:
    async with rt.engine.connect() as conn:
        c = await _get_for(conn, principal, contest_id)
        return c, await repo.events(conn, c.id)


async def list_contests(rt: Runtime, principal: Principal, states: list[str], limit: int,
                        offset: int) -> tuple[int, Sequence[Row[Any]]]:
    for s in states:
        if s not in rules_.STATES:
            raise DomainError("invalid_state", f"state must be among {', '.join(rules_.STATES)}")
    if not 1 <= limit <= 200 or not 0 <= offset <= 1_000_000:
        raise DomainError("invalid_limit", "limit is 1..200 and offset 0..1000000")
    if not is_manager(principal):
        states = [s for s in (states or rules_.STATES) if s != "draft"]
    async with rt.engine.connect() as conn:
        return await repo.list_for(conn, principal.org_id, states=states, include_hidden=is_manager(principal),
                                   limit=limit, offset=offset)


async def standings(rt: Runtime, principal: Principal, contest_id: int) -> Standings:
    """Live standings from Redis (ties share a place until the final tie-breaks), the frozen
    results once awarded."""
    async with rt.engine.connect() as conn:
        c = await _get_for(conn, principal, contest_id)
        members = await members_of(rt, conn, c)
        if c.state == "awarded":
            return await _frozen(conn, c, members)
    return await live_standings(rt, c, members)


async def live_standings(rt: Runtime, c: Row[Any], members: dict[int, rules_.Member]) -> Standings:
    now = rt.now()
    if c.state in ("draft", "scheduled") or (c.state == "cancelled" and c.started_at is None):
        rows = rules_.standings(to_rules(c), list(members.values()), [], rounds=None, now=c.starts_at)
        return Standings(c, rows, members, final=False)
    totals = None if c.state == "cancelled" else await live_totals(rt, c.org_id, c)
    if totals is None:  # Redis is down (or the contest was cancelled): the same numbers, from SQL
        async with rt.engine.connect() as conn:
            rows = await compute_from_sql(rt, conn, c, members, now)
        return Standings(c, rows, members, final=False, live=False)
    rounds = await round_list(rt, c)
    synthetic: list[rules_.Counted] = []
    for uid, total in totals["t"].items():
        if rounds is None:
            synthetic.append(rules_.Counted(uid, None, c.starts_at, total, c.starts_at))
    for i, (since, _) in enumerate(rounds or [], start=1):
        for uid, total in totals.get(f"r{i}", {}).items():
            synthetic.append(rules_.Counted(uid, None, since, total, since))
    live_rules = dataclasses.replace(to_rules(c), tie_breakers=())  # ties share a place until the end
    rows = rules_.standings(live_rules, list(members.values()), synthetic, rounds=rounds, now=now)
    for r in rows:
        r.counted = []
    return Standings(c, rows, members, final=False)


async def _frozen(conn: AsyncConnection, c: Row[Any], members: dict[int, rules_.Member]) -> Standings:
    awards = await repo.awards(conn, c.id)
    rows: list[rules_.Row] = []
    for r in await repo.results(conn, c.id):
        d = r.detail or {}
        rows.append(rules_.Row(r.user_id, r.place, r.score, r.total, group=r.group, won=r.won,
                               group_score=d.get("group_score"), computation=d.get("computation", ""),
                               tie_break=d.get("tie_break"),
                               prizes=[rules_.Prize(**p) for p in d.get("prizes", [])],
                               counted=d.get("counted", [])))
    return Standings(c, rows, members, final=True, awards=awards)


async def results(rt: Runtime, principal: Principal, contest_id: int) -> Standings:
    """The explanation of every result (a rep's own only: the others' stay with managers and
    admins): frozen once awarded; before that computed from the ledger with the contest's
    tie-breakers, marked provisional."""
    async with rt.engine.connect() as conn:
        c = await _get_for(conn, principal, contest_id)
        members = await members_of(rt, conn, c)
        if c.state == "awarded":
            found = await _frozen(conn, c, members)
        elif c.started_at is None:
            raise Conflict("not_started", "the contest has not started: there are no results yet")
        else:
            rows = await compute_from_sql(rt, conn, c, members, None if c.state != "live" else rt.now())
            found = Standings(c, rows, members, final=False, live=False)
    if not is_manager(principal):
        found.rows = [r for r in found.rows if r.user_id == principal.user_id]
    return found


async def channel_standings(rt: Runtime, org_id: int, contest_id: int) -> Standings:
    """What the `contest:<id>` channel shows (access was checked when the client subscribed)."""
    async with rt.engine.connect() as conn:
        c = await repo.get(conn, org_id, contest_id)
        if c is None:
            raise NotFound("contest_not_found", f"contest {contest_id} not found")
        members = await members_of(rt, conn, c)
        if c.state == "awarded":
            return await _frozen(conn, c, members)
    return await live_standings(rt, c, members)


async def require_contest(rt: Runtime, org_id: int, contest_id: int) -> None:
    """404 `contest_not_found` unless the contest is the org's (a display's `contest:<id>` board)."""
    async with rt.engine.connect() as conn:
        if await repo.get(conn, org_id, contest_id) is None:
            raise NotFound("contest_not_found", f"contest {contest_id} not found")


async def channel_access(rt: Runtime, org_id: int, contest_id: int, role: str) -> None:
    """Who may join `contest:<id>`: the org's users (hidden contests: managers and admins only);
    displays only non-hidden contests. Another org's contest does not exist."""
    async with rt.engine.connect() as conn:
        c = await repo.get(conn, org_id, contest_id)
    check_contest_access(exists=c is not None and (c.state != "draft" or role in ("manager", "admin")),
                         hidden=bool(c and c.hidden), role=role)


async def seed_demo(rt: Runtime, admin: Principal) -> Row[Any]:
    """The demo org's live contest: a week-long call blitz with prizes for the top three."""
    org = await org_info(rt, admin.org_id)
    first = local_date(rt.now(), org.tz)
    made = await create(rt, admin, {
        "name": "Call Blitz", "description": "Most calls this week wins. Ties: whoever got there first.",
        "format": "individual", "metric": "call", "start_date": first, "end_date": first + timedelta(days=6),
        "prizes": [{"place": 1, "points": 500, "name": "Team lunch on us"}, {"place": 2, "points": 250},
                   {"place": 3, "points": 100}],
        "count_from_start": True})  # the demo's backfilled history of today counts
    return await launch(rt, admin, made.id)
