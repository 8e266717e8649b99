"""Targets and attainment: who may set and see them, and the numbers behind them.

Attainment, pace and suggestions read the daily rollups (`rep_days`) of the reps in scope and the
days of the period, never the raw history. Other packages use the public functions here: the
leaderboards (targets and baselines of a board's reps), `/me` (a rep's own targets) and the
insights feature (scopes, calendars, attainment of a team).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row
from sqlalchemy.exc import IntegrityError

from server.accounts import audit
from server.accounts import service as accounts
from server.accounts.directory import org_info
from server.accounts.models import User
from server.core.auth import Principal
from server.core.errors import Conflict, DomainError, Forbidden
from server.core.periods import WorkCalendar, local_date, period_of_date
from server.core.runtime import Runtime
from server.ledger.types import types_of
from server.targets import rules
from server.targets import store as repo
from server.targets.rules import Metric, Pace, Version

#: Most targets one request may set.
MAX_TARGETS = 5000


# -- who: scopes ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Scope:
    """The reps a caller may see: a team's, or the whole org's (`team_id` None)."""

    org_id: int
    team_id: int | None
    reps: list[User]

    @property
    def user_ids(self) -> list[int]:
        return [u.id for u in self.reps]


async def manager_team(rt: Runtime, principal: Principal) -> int | None:
    """The team a manager manages: their own (a manager without a team manages none)."""
    assert principal.user_id is not None
    user = (await accounts.users_by_id(rt, principal.org_id, [principal.user_id])).get(principal.user_id)
    return user.team_id if user is not None else None


async def scope(rt: Runtime, principal: Principal, team_id: int | None) -> Scope:
    """Managers see their own team, admins any team or the whole org; nobody else sees others."""
    if principal.role not in ("manager", "admin") or principal.user_id is None:
        raise Forbidden("forbidden", "managers and admins only")
    if principal.role == "manager":
        own = await manager_team(rt, principal)
        if own is None:
            raise Forbidden("no_team", "you manage no team: ask an admin to put you in one")
        if team_id is not None and team_id != own:
            raise Forbidden("not_your_team", "managers see their own team only")
        team_id = own
    elif team_id is not None:
        await accounts.require_team(rt, principal.org_id, team_id)
    if team_id is None:
        users = await accounts.active_members(rt, principal.org_id)
    else:
        users = await accounts.segment_members(rt, principal.org_id, "team", team_id)
    reps = sorted((u for u in users if u.role == "rep"), key=lambda u: u.id)
    return Scope(principal.org_id, team_id, reps)


async def calendar(rt: Runtime, org_id: int) -> WorkCalendar:
    return await rt.registry.calendar(rt, org_id)


async def metric_of(rt: Runtime, org_id: int, name: str) -> Metric:
    types = await types_of(rt, org_id)
    return rules.parse_metric(name, {k: (t.id, t.label) for k, t in types.items()})


async def board_metric_target(rt: Runtime, org_id: int, board_metric: str) -> Metric:
    """The target metric a leaderboard's score measures: points, a type's count, or the value sum
    of a type scored on value (whose board sums values)."""
    if board_metric == rules.POINTS:
        return Metric(rules.POINTS, "points")
    t = (await types_of(rt, org_id)).get(board_metric)
    if t is None:
        raise DomainError("unknown_metric", f"no leaderboard '{board_metric}'")
    return await metric_of(rt, org_id, f"{t.key}{rules.VALUE_SUFFIX}" if t.valued else t.key)


# -- periods --------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class PeriodSpan:
    kind: str  # week | month | quarter
    first: date  # first local day
    end: date  # the day after the last
    id: str  # the leaderboards' period id (w2026-11-16, 2026-11, 2026-Q4)
    start_at: datetime
    end_at: datetime


async def span(rt: Runtime, org_id: int, kind: str, day: date | None = None) -> PeriodSpan:
    """The period of `kind` containing `day` (default: today in the org's time zone)."""
    rules.check_period(kind)
    org = await org_info(rt, org_id)
    day = day or local_date(rt.now(), org.tz)
    first = rules.period_first_day(kind, day, org.week_start)
    p = period_of_date(kind, first, org.tz, org.week_start)
    assert p.end is not None
    return PeriodSpan(kind, first, rules.next_first_day(kind, first), p.id, p.start, p.end)


async def today(rt: Runtime, org_id: int) -> date:
    return local_date(rt.now(), (await org_info(rt, org_id)).tz)


async def pace_of(rt: Runtime, org_id: int, s: PeriodSpan) -> Pace:
    return rules.pace(await calendar(rt, org_id), s.first, s.end, await today(rt, org_id))


# -- actuals ----------------------------------------------------------------------------------------

async def actuals(rt: Runtime, org_id: int, metric: Metric, user_ids: Sequence[int] | None, first: date,
                  end: date) -> dict[int, int]:
    """Each rep's metric over the days `[first, end)` (reps without any are absent)."""
    async with rt.engine.connect() as conn:
        rows = await repo.totals(conn, org_id, user_ids, first, end)
    return _metric_totals(rows, metric)


def _metric_totals(rows: Sequence[Row[Any]], metric: Metric) -> dict[int, int]:
    out: dict[int, int] = defaultdict(int)
    for r in rows:
        if metric.kind == "points":
            out[r.user_id] += int(r.points)
        elif r.type_id == metric.type_id:
            out[r.user_id] += int(r.units if metric.kind == "count" else r.value_units)
    return dict(out)


async def in_force(rt: Runtime, org_id: int, metric: str, s: PeriodSpan,
                   user_ids: Sequence[int] | None) -> dict[int, Version]:
    """The target versions that hold for the period, per rep."""
    async with rt.engine.connect() as conn:
        found = await repo.versions(conn, org_id, metric, s.kind, None if user_ids is None else list(user_ids), s.first)
    return rules.in_force(found, s.first)


@dataclass(frozen=True, slots=True)
class Attained:
    user_id: int
    target: Version | None
    actual: int

    @property
    def attainment(self) -> float | None:
        return rules.attainment(self.actual, self.target.value if self.target else None)


async def attainment_of(rt: Runtime, org_id: int, metric: Metric, s: PeriodSpan,
                        user_ids: Sequence[int]) -> list[Attained]:
    targets = await in_force(rt, org_id, metric.name, s, user_ids)
    done = await actuals(rt, org_id, metric, user_ids, s.first, s.end)
    return [Attained(uid, targets.get(uid), done.get(uid, 0)) for uid in user_ids]


async def targeted_metrics(rt: Runtime, org_id: int, s: PeriodSpan, user_ids: Sequence[int] | None) -> list[str]:
    """Metrics with a target version for these reps that could hold in the period."""
    async with rt.engine.connect() as conn:
        return await repo.targeted_metrics(conn, org_id, s.kind, None if user_ids is None else list(user_ids),
                                           s.first)


# -- the targets API ----------------------------------------------------------------------------------

async def put_targets(rt: Runtime, principal: Principal, metric_name: str, kind: str, start: date,
                      items: Sequence[tuple[int, int | None]]) -> tuple[PeriodSpan, list[Version]]:
    """New versions of the reps' targets from `start` (the first day of a period) on."""
    sc = await scope(rt, principal, None)
    metric = await metric_of(rt, principal.org_id, metric_name)
    rules.check_period(kind)
    org = await org_info(rt, principal.org_id)
    rules.check_start(kind, start, org.week_start)
    if not 1 <= len(items) <= MAX_TARGETS:
        raise DomainError("invalid_targets", f"send 1 to {MAX_TARGETS} targets")
    ids = [uid for uid, _ in items]
    if len(set(ids)) != len(ids):
        raise DomainError("duplicate_user", "each rep appears once")
    for _, value in items:
        rules.check_value(value)
    allowed = set(sc.user_ids)
    outside = [uid for uid in ids if uid not in allowed]
    if outside:
        raise Forbidden("not_in_scope", "targets can be set for the active reps you manage only",
                        details={"user_ids": outside[:50]})
    s = await span(rt, principal.org_id, kind, start)
    current = await span(rt, principal.org_id, kind)
    if s.first < current.first:
        raise Conflict("period_closed", f"that {kind} is over: its attainment keeps the targets it had")
    now = rt.now()
    try:
        async with rt.engine.begin() as conn:
            last = await repo.last_versions(conn, principal.org_id, metric.name, kind, ids)
            rows = [{"org_id": principal.org_id, "user_id": uid, "metric": metric.name, "period": kind,
                     "starts_on": start, "value": value, "version": last.get(uid, 0) + 1,
                     "set_by_user_id": principal.user_id, "created_at": now} for uid, value in items]
            before = await repo.last_values(conn, principal.org_id, metric.name, kind,
                                            [uid for uid in ids if uid in last])
            await repo.insert_versions(conn, rows)
            for uid, value in items:
                where = {"metric": metric.name, "period": kind}
                await audit.record(rt, conn, principal, "target", uid, "set",
                                   before={**where, "value": before.get(uid)} if uid in last else None,
                                   after={**where, "value": value, "version": last.get(uid, 0) + 1,
                                          "starts_on": start}, only_changes=False)
    except IntegrityError:
        raise Conflict("concurrent_change", "these targets changed meanwhile: read them and try again") from None
    return s, [Version(uid, value, last.get(uid, 0) + 1, start, principal.user_id, now) for uid, value in items]


@dataclass(frozen=True, slots=True)
class TargetRow:
    user: User
    attained: Attained


@dataclass(frozen=True, slots=True)
class TargetsView:
    metric: Metric
    span: PeriodSpan
    pace: Pace
    rows: list[TargetRow]


async def get_targets(rt: Runtime, principal: Principal, metric_name: str, kind: str, day: date | None,
                      team_id: int | None) -> TargetsView:
    """The targets that hold in a period with what each rep has done; a rep sees their own only."""
    if principal.role == "rep" and principal.user_id is not None:
        me = (await accounts.users_by_id(rt, principal.org_id, [principal.user_id])).get(principal.user_id)
        if team_id is not None and (me is None or me.team_id != team_id):
            raise Forbidden("forbidden", "reps see their own targets only")
        reps = [me] if me is not None else []
    else:
        reps = (await scope(rt, principal, team_id)).reps
    metric = await metric_of(rt, principal.org_id, metric_name)
    s = await span(rt, principal.org_id, kind, day)
    got = await attainment_of(rt, principal.org_id, metric, s, [u.id for u in reps])
    return TargetsView(metric, s, await pace_of(rt, principal.org_id, s),
                       [TargetRow(u, a) for u, a in zip(reps, got, strict=True)])


async def history_of(rt: Runtime, principal: Principal, metric_name: str, kind: str,
                     user_id: int) -> list[Version]:
    """Every version of one rep's target, newest first (the rep, their manager or an admin)."""
    if principal.role == "rep":
        if principal.user_id != user_id:
            raise Forbidden("forbidden", "reps see their own targets only")
    elif user_id not in (await scope(rt, principal, None)).user_ids:
        raise Forbidden("not_in_scope", "that rep is not in your team")
    metric = await metric_of(rt, principal.org_id, metric_name)
    rules.check_period(kind)
    async with rt.engine.connect() as conn:
        rows = await repo.history(conn, principal.org_id, metric.name, kind, [user_id])
    return [Version(r.user_id, r.value, r.version, r.starts_on, r.set_by_user_id, r.created_at) for r in rows]


# -- suggestions ---------------------------------------------------------------------------------------

async def past_spans(rt: Runtime, org_id: int, s: PeriodSpan, n: int) -> list[PeriodSpan]:
    """The `n` periods before `s`, oldest first."""
    out: list[PeriodSpan] = []
    first = s.first
    for _ in range(n):
        first = rules.previous_first_day(s.kind, first)
        out.append(await span(rt, org_id, s.kind, first))
    return out[::-1]


async def histories(rt: Runtime, org_id: int, metric: Metric, spans: list[PeriodSpan],
                    user_ids: Sequence[int]) -> list[rules.History]:
    """Each rep's metric in each of `spans`, and in how many of them they had any activity."""
    if not user_ids:
        return []
    async with rt.engine.connect() as conn:
        rows = await repo.metric_by_period(conn, org_id, user_ids, [(p.first, p.end) for p in spans],
                                           metric.kind, metric.type_id)
    values: dict[int, list[int]] = {uid: [0] * len(spans) for uid in user_ids}
    active: dict[int, int] = defaultdict(int)
    for r in rows:
        if r.i < 0:
            continue
        values[r.user_id][r.i] = int(r.amount or 0)
        if (r.active or 0) > 0:
            active[r.user_id] += 1
    return [rules.History(uid, values[uid], active[uid]) for uid in user_ids]


async def suggest(rt: Runtime, principal: Principal, metric_name: str, kind: str, team_id: int | None,
                  team_total: int | None) -> tuple[PeriodSpan, list[tuple[User, rules.Suggestion]]]:
    """Suggested targets for the current period."""
    sc = await scope(rt, principal, team_id)
    metric = await metric_of(rt, principal.org_id, metric_name)
    if team_total is not None:
        rules.check_value(team_total)
    s = await span(rt, principal.org_id, kind)
    hist = await histories(rt, principal.org_id, metric, await past_spans(rt, principal.org_id, s,
                                                                           rules.HISTORY_PERIODS), sc.user_ids)
    by_id = {u.id: u for u in sc.reps}
    return s, [(by_id[g.user_id], g) for g in rules.suggest(hist, kind, team_total=team_total)]


# -- what other features read ---------------------------------------------------------------------------

async def baselines(rt: Runtime, org_id: int, metric: Metric, s: PeriodSpan,
                    user_ids: Sequence[int]) -> dict[int, float]:
    """Each rep's mean of the metric over the three periods before `s` (their own baseline)."""
    hist = await histories(rt, org_id, metric, await past_spans(rt, org_id, s, rules.HISTORY_PERIODS), user_ids)
    return {h.user_id: statistics.fmean(h.values) for h in hist}


@dataclass(frozen=True, slots=True)
class MyTarget:
    metric: Metric
    span: PeriodSpan
    target: Version
    actual: int
    pace: Pace

    @property
    def attainment(self) -> float | None:
        return rules.attainment(self.actual, self.target.value)


async def my_targets(rt: Runtime, org_id: int, user_id: int) -> list[MyTarget]:
    """The rep's targets that hold now (every metric, week, month and quarter) and where they stand."""
    t = await today(rt, org_id)
    spans = {k: await span(rt, org_id, k, t) for k in rules.PERIODS}
    async with rt.engine.connect() as conn:
        found = await repo.user_versions(conn, org_id, user_id, max(s.first for s in spans.values()))
    out: list[MyTarget] = []
    cal = await calendar(rt, org_id)
    for (metric_name, kind), versions in sorted(found.items(), key=lambda kv: (rules.PERIODS.index(kv[0][1]), kv[0][0])):
        s = spans.get(kind)
        if s is None:
            continue
        held = rules.in_force(versions, s.first).get(user_id)
        if held is None:
            continue
        try:
            metric = await metric_of(rt, org_id, metric_name)
        except DomainError:  # its activity type was renamed away: nothing to measure
            continue
        done = (await actuals(rt, org_id, metric, [user_id], s.first, s.end)).get(user_id, 0)
        out.append(MyTarget(metric, s, held, done, rules.pace(cal, s.first, s.end, t)))
    return out


async def daily_activity(rt: Runtime, org_id: int, user_ids: Sequence[int] | None, first: date,
                         end: date) -> dict[int, dict[date, int]]:
    """Each rep's activity (capped units of every type) per local day of `[first, end)`."""
    async with rt.engine.connect() as conn:
        rows = await repo.daily_units(conn, org_id, user_ids, first, end)
    out: dict[int, dict[date, int]] = defaultdict(dict)
    for r in rows:
        out[r.user_id][r.day] = int(r.units)
    return dict(out)


#: Units and value units of one rep, activity type and week: (user_id, type_id, week, units, value_units).
WeekAmounts = tuple[int, int, int, int, int]


async def weekly_by_type(rt: Runtime, org_id: int, user_ids: Sequence[int], first: date,
                         end: date) -> list[WeekAmounts]:
    """Per rep, activity type and week (0 = the week from `first`) up to `end`."""
    async with rt.engine.connect() as conn:
        return await repo.weekly(conn, org_id, user_ids, first, end)


async def weekly_activity(rt: Runtime, org_id: int, user_ids: Sequence[int], first: date,
                          end: date) -> dict[tuple[int, int], int]:
    """Each rep's activity per week (0 = the week from `first`) up to `end`: {(user id, week): units}."""
    async with rt.engine.connect() as conn:
        return {(uid, week): units for uid, week, units in await repo.weekly_units(conn, org_id, user_ids, first, end)}


async def window_activity(rt: Runtime, org_id: int, user_ids: Sequence[int] | None,
                          windows: dict[str, tuple[date, date]]) -> dict[int, dict[str, int]]:
    """Each rep's activity in each named window of local days `[first, end)` (reps without any absent)."""
    async with rt.engine.connect() as conn:
        return await repo.window_sums(conn, org_id, user_ids, windows)


async def active_reps_by_day(rt: Runtime, org_id: int, user_ids: Sequence[int] | None, first: date,
                             end: date) -> dict[date, int]:
    async with rt.engine.connect() as conn:
        return await repo.active_by_day(conn, org_id, user_ids, first, end)


async def winners(rt: Runtime, org_id: int, user_ids: Sequence[int] | None, first: date, end: date) -> dict[int, int]:
    """Reps with at least one win (mission, badge, contest placing, kudos) in `[first, end)`, and how many."""
    async with rt.engine.connect() as conn:
        return await repo.winners(conn, org_id, user_ids, first, end)
