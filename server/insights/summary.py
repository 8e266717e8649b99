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
from server.core.periods import WorkCalendar
from server.core.runtime import Runtime
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


def _weeks_back(first_of_last: date, n: int) -> list[date]:
    return [first_of_last - WEEK * (n - 1 - i) for i in range(n)]


def _engagement(reps: list[User], daily: dict[int, dict[date, int]], s: targets.PeriodSpan, end: date,
                today: date, cal: WorkCalendar, base_window: r.Window | None, week_start: int) -> Engagement:
    elapsed = cal.working_days(s.first, end)
    period = r.Window(s.first, end, len(elapsed))
    days = [s.first + timedelta(days=i) for i in range((end - s.first).days)]
    active_by_day = {d: sum(1 for u in reps if daily.get(u.id, {}).get(d, 0) > 0) for d in days}
    per_rep = []
    for u in reps:
        mine = daily.get(u.id, {})
        base = r.baseline(mine, base_window)
        act = r.span_total(mine, period)
        per_rep.append(RepEngagement(u, act, act / period.working if period.working else None, base,
                                     r.ratio(act, period.working, base)))
    dau = statistics.fmean(active_by_day[d] for d in elapsed) if elapsed else None
    last7 = r.Window(end - WEEK, end, 0)
    wau = sum(1 for u in reps if r.span_total(daily.get(u.id, {}), last7) > 0)
    active_today = sum(1 for u in reps if daily.get(u.id, {}).get(today, 0) > 0) if s.first <= today < s.end \
        else None
    last_day = end - timedelta(days=1)
    weekly = []
    for wf in _weeks_back(target_rules.period_first_day("week", last_day, week_start), r.SERIES_WEEKS):
        wend = min(wf + WEEK, end)
        wdays = cal.working_days(wf, wend)
        w = r.Window(wf, wend, len(wdays))
        acts = {u.id: r.span_total(daily.get(u.id, {}), w) for u in reps}
        ratios = [x for u in reps if (x := r.ratio(acts[u.id], w.working, r.baseline(daily.get(u.id, {}),
                                                                                     base_window))) is not None]
        wd_active = [sum(1 for u in reps if daily.get(u.id, {}).get(d, 0) > 0) for d in wdays]
        weekly.append(WeekPoint(wf, f"w{wf.isoformat()}", sum(1 for v in acts.values() if v > 0),
                                statistics.fmean(wd_active) if wd_active else None,
                                statistics.median(ratios) if ratios else None))
    return Engagement(len(reps), dau, wau, active_today, [DayCount(d, active_by_day[d]) for d in days], per_rep,
                      weekly)


async def _attainment(rt: Runtime, org_id: int, s: targets.PeriodSpan, ids: list[int],
                      pace: target_rules.Pace) -> list[MetricAttainment]:
    out = []
    for name in await targets.targeted_metrics(rt, org_id, s, ids):
        try:
            metric = await targets.metric_of(rt, org_id, name)
        except Exception:  # noqa: BLE001 - a type renamed away since: nothing to measure
            continue
        got = [a for a in await targets.attainment_of(rt, org_id, metric, s, ids) if a.attainment is not None]
        if not got:
            continue
        values = [a.attainment for a in got if a.attainment is not None]
        on_pace = sum(1 for v in values if target_rules.on_pace(v, pace))
        out.append(MetricAttainment(metric, len(values), r.spread(values), on_pace))
    return out


async def _links(rt: Runtime, org_id: int, ids: list[int], end: date, week_start: int) -> tuple[list[r.Link], str]:
    """Leading vs lagging over the 12 whole weeks that have 4 whole weeks after them before `end`."""
    types = await types_of(rt, org_id)
    valued = {t.id for t in types.values() if t.valued}
    won_label = " + ".join(sorted(t.label.lower() for t in types.values() if t.valued)) or "won value"
    won_label = f"{won_label} value"
    if not valued or not ids:
        return [], won_label
    last_week = target_rules.period_first_day("week", end, week_start) - WEEK  # the last whole week
    if last_week + WEEK > end:
        last_week -= WEEK
    weeks = r.SERIES_WEEKS + r.LAG_WEEKS
    first = last_week - WEEK * (weeks - 1)
    rows = await targets.weekly_by_type(rt, org_id, ids, first, weeks)
    won: dict[int, list[int]] = {uid: [0] * weeks for uid in ids}
    counts: dict[int, dict[int, list[int]]] = defaultdict(lambda: {uid: [0] * weeks for uid in ids})
    first_week: dict[int, int] = {}
    for row in rows:
        if not 0 <= row.week < weeks:
            continue
        if row.units > 0:
            first_week[row.user_id] = min(first_week.get(row.user_id, weeks), row.week)
        if row.type_id in valued:
            won[row.user_id][row.week] += row.value_units
        else:
            counts[row.type_id][row.user_id][row.week] += row.units
    by_id = {t.id: t for t in types.values()}
    out = []
    for type_id, per_rep in sorted(counts.items(), key=lambda kv: by_id[kv[0]].key):
        if not any(v for c in per_rep.values() for v in c[:r.SERIES_WEEKS]):
            continue
        xs, ys = r.pairs(per_rep, won, r.SERIES_WEEKS, r.LAG_WEEKS,
                         {uid: first_week.get(uid, weeks) for uid in ids})
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
    series_first = target_rules.period_first_day("week", end - timedelta(days=1), week_start) - \
        WEEK * (r.SERIES_WEEKS - 1)
    first = min(series_first, base_window.first if base_window else s.first, s.first)
    daily = await targets.daily_activity(rt, org_id, ids, first, max(end, today + timedelta(days=1)))
    pace = target_rules.pace(cal, s.first, s.end, today)
    wins = await targets.winners(rt, org_id, ids, s.first, min(s.end, today + timedelta(days=1)))
    links, won_label = await _links(rt, org_id, ids, end, week_start)
    return Summary(
        sc.team_id, s, end - timedelta(days=1), pace,
        _engagement(sc.reps, daily, s, end, today, cal, base_window, week_start),
        await _attainment(rt, org_id, s, ids, pace), len(wins), sum(wins.values()), links, won_label,
        await contests_reach.running(rt, principal, set(ids)),
        await outcomes.by_action(rt, org_id, ids, s))
