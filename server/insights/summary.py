"""The manager's summary of a team (or the org) for a period: engagement, attainment and its
spread, the fairness figure, leading vs lagging indicators, contests within reach, and what the
responses to alerts achieved. Everything is read from the daily rollups of the reps in scope and
the days asked for (docs/insights.md explains each figure)."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from server.accounts.directory import org_info
from server.accounts.models import User
from server.core.auth import Principal
from server.core.cache import TTLCache
from server.core.errors import DomainError
from server.core.periods import WorkCalendar
from server.core.runtime import Part, Runtime
from server.insights import contests_reach, outcomes
from server.insights import rules as r
from server.insights.settings import thresholds_of
from server.ledger.types import types_of
from server.targets import rules as target_rules
from server.targets import service as targets
from server.targets.rules import Metric

WEEK = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class RepEngagement:
    user: User
    activity: int  # over the period's days that are over
    per_working_day: float | None
    baseline: float | None
    ratio: float | None


@dataclass(frozen=True, slots=True)
class DayCount:
    day: date
    active_reps: int


@dataclass(frozen=True, slots=True)
class WeekPoint:
    first_day: date
    id: str
    active_reps: int  # WAU of that week
    dau: float | None  # mean active reps over its working days that are over
    median_ratio: float | None  # the reps' activity against their baselines, median


@dataclass(frozen=True, slots=True)
class Engagement:
    reps: int
    dau: float | None
    wau: int
    active_today: int | None
    days: list[DayCount]
    per_rep: list[RepEngagement]
    weekly: list[WeekPoint]


@dataclass(frozen=True, slots=True)
class MetricAttainment:
    metric: Metric
    reps_with_target: int
    spread: r.Spread | None
    on_pace: int


@dataclass(frozen=True, slots=True)
class Summary:
    team_id: int | None
    span: targets.PeriodSpan
    as_of: date  # the last day counted (the day before today while the period runs)
    pace: target_rules.Pace
    engagement: Engagement
    attainment: list[MetricAttainment]
    reps_with_wins: int
    wins: int
    links: list[r.Link]
    won_label: str
    contests: list[contests_reach.ContestReach]
    outcomes: list[outcomes.ActionOutcomes] = field(default_factory=list)


def _per_day(total: int, working: int) -> float | None:
    """A baseline: activity per working day, None without any activity."""
    return total / working if total > 0 and working > 0 else None


#: Leading vs lagging only changes when a week ends (or an activity is backdated into one): each
#: process keeps a team's (or the org's) figures this long.
LINKS_TTL_S = 600.0
_LINKS: Part[TTLCache[tuple[int, int, date], tuple[list[r.Link], str]]] = Part(
    "insights.links", lambda rt: TTLCache(LINKS_TTL_S))


def _engagement(reps: list[User], sums: dict[int, dict[str, int]], active: dict[date, int],
                by_week: dict[tuple[int, int], int], s: targets.PeriodSpan, end: date, today: date,
                cal: WorkCalendar, base: r.Window | None, series_first: date) -> Engagement:
    elapsed = cal.working_days(s.first, end)
    days = [s.first + timedelta(days=i) for i in range((end - s.first).days)]
    base_working = base.working if base else 0
    baselines = {u.id: _per_day(sums.get(u.id, {}).get("base", 0), base_working) for u in reps}
    per_rep = []
    for u in reps:
        act = sums.get(u.id, {}).get("period", 0)
        per_rep.append(RepEngagement(u, act, act / len(elapsed) if elapsed else None, baselines[u.id],
                                     r.ratio(act, len(elapsed), baselines[u.id])))
    weekly = []
    for i in range(r.SERIES_WEEKS):
        wf = series_first + WEEK * i
        wdays = cal.working_days(wf, min(wf + WEEK, end))
        acts = {u.id: by_week.get((u.id, i), 0) for u in reps}
        ratios = [x for u in reps if (x := r.ratio(acts[u.id], len(wdays), baselines[u.id])) is not None]
        weekly.append(WeekPoint(wf, f"w{wf.isoformat()}", sum(1 for v in acts.values() if v > 0),
                                statistics.fmean(active.get(d, 0) for d in wdays) if wdays else None,
                                statistics.median(ratios) if ratios else None))
    return Engagement(
        len(reps), statistics.fmean(active.get(d, 0) for d in elapsed) if elapsed else None,
        sum(1 for u in reps if sums.get(u.id, {}).get("last7", 0) > 0),
        sum(1 for u in reps if sums.get(u.id, {}).get("today", 0) > 0) if s.first <= today < s.end else None,
        [DayCount(d, active.get(d, 0)) for d in days], per_rep, weekly)


async def _attainment(rt: Runtime, org_id: int, s: targets.PeriodSpan, ids: list[int],
                      pace: target_rules.Pace) -> list[MetricAttainment]:
    out = []
    for name in await targets.targeted_metrics(rt, org_id, s, ids):
        try:
            metric = await targets.metric_of(rt, org_id, name)
        except DomainError:  # its activity type is gone: nothing to measure
            continue
        values = [v for a in await targets.attainment_of(rt, org_id, metric, s, ids)
                  if (v := a.attainment) is not None]
        if not values:
            continue
        on_pace = sum(1 for v in values if target_rules.on_pace(v, pace))
        out.append(MetricAttainment(metric, len(values), r.spread(values), on_pace))
    return out


async def _links(rt: Runtime, org_id: int, ids: list[int], links_first: date) -> tuple[list[r.Link], str]:
    """Leading vs lagging over the 12 whole weeks from `links_first`, each with 4 whole weeks after it
    (kept `LINKS_TTL_S` per scope)."""
    key = (org_id, hash(tuple(ids)), links_first)
    cache = rt.part(_LINKS)
    found = cache.get(key)
    if found is None:
        found = await _compute_links(rt, org_id, ids, links_first)
        cache.put(key, found)
    return found


async def _compute_links(rt: Runtime, org_id: int, ids: list[int], links_first: date) -> tuple[list[r.Link], str]:
    types = await types_of(rt, org_id)
    valued = {t.id for t in types.values() if t.valued}
    won_label = " + ".join(sorted(t.label.lower() for t in types.values() if t.valued)) or "won"
    won_label = f"{won_label} value"
    if not valued or not ids:
        return [], won_label
    n = r.SERIES_WEEKS + r.LAG_WEEKS
    rows = await targets.weekly_by_type(rt, org_id, ids, links_first, links_first + WEEK * n)
    won: dict[int, list[int]] = {uid: [0] * n for uid in ids}
    counts: dict[int, dict[int, list[int]]] = defaultdict(lambda: {uid: [0] * n for uid in ids})
    first_week: dict[int, int] = {}
    for uid, type_id, w, units, value_units in rows:
        if not 0 <= w < n:
            continue
        if units > 0:
            first_week[uid] = min(first_week.get(uid, n), w)
        if type_id in valued:
            won[uid][w] += value_units
        else:
            counts[type_id][uid][w] += units
    by_id = {t.id: t for t in types.values()}
    out = []
    for type_id, per_rep in sorted(counts.items(), key=lambda kv: by_id[kv[0]].key):
        if not any(v for c in per_rep.values() for v in c[:r.SERIES_WEEKS]):
            continue
        xs, ys = r.pairs(per_rep, won, r.SERIES_WEEKS, r.LAG_WEEKS, {uid: first_week.get(uid, n) for uid in ids})
        t = by_id[type_id]
        out.append(r.link(t.key, t.label, won_label, xs, ys, r.SERIES_WEEKS, r.LAG_WEEKS))
    return out, won_label


async def summary(rt: Runtime, principal: Principal, team_id: int | None, kind: str,
                  day: date | None) -> Summary:
    sc = await targets.scope(rt, principal, team_id)
    org_id = principal.org_id
    s = await targets.span(rt, org_id, kind, day)
    today = await targets.today(rt, org_id)
    cal = await targets.calendar(rt, org_id)
    t = await thresholds_of(rt, org_id)
    week_start = (await org_info(rt, org_id)).week_start
    end = max(s.first, min(today, s.end))  # the days of the period that are over: [first, end)
    base_window = r.window_of(cal.last_working_days(s.first, t.baseline_days), s.first)
    ids = sc.user_ids
    # the 12-week series ends with the week of the last day over; leading vs lagging takes the 16
    # whole weeks before it (12, and 4 after each)
    last_week = target_rules.period_first_day("week", end - timedelta(days=1), week_start)
    whole = last_week if last_week + WEEK <= end else last_week - WEEK
    links_first = whole - WEEK * (r.SERIES_WEEKS + r.LAG_WEEKS - 1)
    series_first = last_week - WEEK * (r.SERIES_WEEKS - 1)
    by_week = await targets.weekly_activity(rt, org_id, ids, series_first, end)
    base = (base_window.first, base_window.end) if base_window else (s.first, s.first)
    sums = await targets.window_activity(rt, org_id, ids, {
        "base": base, "period": (s.first, end), "last7": (end - WEEK, end),
        "today": (today, today + timedelta(days=1))})
    active = await targets.active_reps_by_day(rt, org_id, ids, min(series_first, s.first), end)
    pace = target_rules.pace(cal, s.first, s.end, today)
    wins = await targets.winners(rt, org_id, ids, s.first, min(s.end, today + timedelta(days=1)))
    links, won_label = await _links(rt, org_id, ids, links_first)
    return Summary(
        sc.team_id, s, end - timedelta(days=1), pace,
        _engagement(sc.reps, sums, active, by_week, s, end, today, cal, base_window, series_first),
        await _attainment(rt, org_id, s, ids, pace), len(wins), sum(wins.values()), links, won_label,
        await contests_reach.running(rt, principal, set(ids)),
        await outcomes.by_action(rt, org_id, ids, s))
