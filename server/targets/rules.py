"""Targets, attainment, pace and suggested targets: pure rules over numbers and dates.

* A target holds for a metric (`points`, an activity type key for its count, `<key>_value` for
  the sum of its values in whole units) and a kind of period (week, month, quarter), from the
  first day of a period on, until a later version replaces it. A period's target is the newest
  version among those that start on or before the period's first day, so setting next month's
  target never rewrites this month's attainment, and correcting this month's keeps the history.
* Attainment is actual ÷ target. Pace: the share of the period's working days already over (a
  day counts once it has ended); a rep is on pace when attainment ≥ that share.
* A suggested target is the median of the rep's last three periods; a rep active in fewer than
  two of them gets the median of their teammates' suggestions. With a team total, every
  suggestion is scaled by the same factor so that they add up to it.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from server.core.errors import DomainError
from server.core.periods import WEEKDAYS, WorkCalendar

PERIODS = ("week", "month", "quarter")
POINTS = "points"
VALUE_SUFFIX = "_value"
#: A target's largest value (whole units: points, counts or currency units).
MAX_TARGET = 10**12
#: Periods a suggestion looks back at, and how many of them must have activity for the rep's own median.
HISTORY_PERIODS = 3
MIN_ACTIVE_PERIODS = 2


@dataclass(frozen=True, slots=True)
class Metric:
    """What a target measures: `kind` points (all points), count (units of one type) or value
    (whole value units of one type)."""

    name: str
    kind: str  # points | count | value
    type_id: int | None = None
    type_key: str | None = None
    label: str = "points"


def parse_metric(name: str, types: dict[str, tuple[int, str]]) -> Metric:
    """`types`: activity type key -> (id, label). A key that is itself a type is its count."""
    if name == POINTS:
        return Metric(POINTS, "points")
    if name in types:
        type_id, label = types[name]
        return Metric(name, "count", type_id, name, label)
    if name.endswith(VALUE_SUFFIX) and name[:-len(VALUE_SUFFIX)] in types:
        key = name[:-len(VALUE_SUFFIX)]
        type_id, label = types[key]
        return Metric(name, "value", type_id, key, f"{label} value")
    raise DomainError("unknown_metric", f"'{name}' is not a metric: use 'points', an activity type key "
                                        "(its count) or '<key>_value' (the sum of its values)",
                      details={"metric": name})


def check_period(period: str) -> None:
    if period not in PERIODS:
        raise DomainError("invalid_period", f"period must be one of {', '.join(PERIODS)}")


def period_first_day(period: str, day: date, week_start: int) -> date:
    """The first local day of the `period` that contains `day`."""
    if period == "week":
        return date.fromordinal(day.toordinal() - (day.weekday() - week_start) % 7)
    if period == "month":
        return day.replace(day=1)
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def next_first_day(period: str, first: date) -> date:
    """The first day of the period after the one starting on `first`."""
    if period == "week":
        return date.fromordinal(first.toordinal() + 7)
    months = 1 if period == "month" else 3
    m = first.month - 1 + months
    return date(first.year + m // 12, m % 12 + 1, 1)


def previous_first_day(period: str, first: date) -> date:
    if period == "week":
        return date.fromordinal(first.toordinal() - 7)
    months = 1 if period == "month" else 3
    m = first.month - 1 - months
    return date(first.year + m // 12, m % 12 + 1, 1)


def check_start(period: str, start: date, week_start: int) -> None:
    """`start` must be the first day of a period of that kind (in the org's week)."""
    if period_first_day(period, start, week_start) != start:
        what = {"week": f"a {WEEKDAYS[week_start].capitalize()} (the org's first day of the week)",
                "month": "the first day of a month", "quarter": "the first day of a quarter"}[period]
        raise DomainError("invalid_start", f"a {period}'s start must be {what}", details={"start": start.isoformat()})


def check_value(value: int | None) -> None:
    if value is not None and not 1 <= value <= MAX_TARGET:
        raise DomainError("invalid_target", f"a target is a whole number from 1 to {MAX_TARGET} (null removes it)")


# -- versions -----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Version:
    user_id: int
    value: int | None
    version: int
    starts_on: date
    set_by_user_id: int | None
    created_at: datetime


def in_force(versions: Iterable[Version], first_day: date) -> dict[int, Version]:
    """Per rep, the version that holds for the period starting on `first_day` (absent: none ever
    did, or the one that holds says "no target")."""
    best: dict[int, Version] = {}
    for v in versions:
        if v.starts_on > first_day:
            continue
        cur = best.get(v.user_id)
        if cur is None or (v.starts_on, v.version) > (cur.starts_on, cur.version):
            best[v.user_id] = v
    return {uid: v for uid, v in best.items() if v.value is not None}


# -- attainment and pace --------------------------------------------------------------------------

def attainment(actual: int, target: int | None) -> float | None:
    return None if not target else actual / target


@dataclass(frozen=True, slots=True)
class Pace:
    working_days: int
    elapsed: int  # working days of the period that are over
    share: float  # elapsed / working_days (1.0 for a period without working days that is over)


def pace(calendar: WorkCalendar, first_day: date, end_day: date, today: date) -> Pace:
    """Working days of `[first_day, end_day)` and how many of them ended before `today`."""
    days = calendar.working_days(first_day, end_day)
    elapsed = sum(1 for d in days if d < today)
    if not days:
        return Pace(0, 0, 1.0 if today >= end_day else 0.0)
    return Pace(len(days), elapsed, elapsed / len(days))


def on_pace(att: float | None, p: Pace) -> bool | None:
    return None if att is None else att >= p.share - 1e-12


def improvement(score: int, baseline: float, share: float) -> tuple[float, float]:
    """(the baseline scaled to the share of the period gone, percent over it): the contests'
    improvement formula, `(score - expected) / max(expected, 1) * 100`."""
    expected = baseline * share
    return expected, (score - expected) / max(expected, 1.0) * 100


# -- suggestions ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class History:
    user_id: int
    values: Sequence[int]  # the metric in the last periods, oldest first
    active_periods: int  # how many of them had any activity at all


@dataclass(frozen=True, slots=True)
class Suggestion:
    user_id: int
    value: int | None
    basis: str  # own | team | none
    explanation: str


def _num(v: float) -> str:
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.2f}"


def suggest(histories: Sequence[History], period: str, *, team_total: int | None = None) -> list[Suggestion]:
    """Each rep's suggested target with a one-line explanation (see the module doc)."""
    n = HISTORY_PERIODS
    own: dict[int, float] = {}
    for h in histories:
        if h.active_periods >= MIN_ACTIVE_PERIODS:
            own[h.user_id] = float(statistics.median(h.values))
    team_median = float(statistics.median(own.values())) if own else None
    raw: dict[int, tuple[float, str, str]] = {}
    for h in histories:
        listed = ", ".join(_num(v) for v in h.values)
        if h.user_id in own:
            raw[h.user_id] = (own[h.user_id], "own", f"median of the last {n} {period}s ({listed}) = {_num(own[h.user_id])}")
        elif team_median is not None:
            raw[h.user_id] = (team_median, "team", f"active in {h.active_periods} of the last {n} {period}s: "
                                                   f"the team median, {_num(team_median)}")
    total = sum(v for v, _, _ in raw.values())
    factor = team_total / total if team_total is not None and total > 0 else None
    out: list[Suggestion] = []
    for h in histories:
        if h.user_id not in raw:
            out.append(Suggestion(h.user_id, None, "none", "no history in the team yet: set this target by hand"))
            continue
        value, basis, text = raw[h.user_id]
        if factor is not None:
            value *= factor
            text += f"; × {factor:.2f} so the team adds up to {_num(team_total or 0)}: {_num(round(value))}"
        final = max(1, round(value))
        if final != round(value):
            text += "; at least 1"
        out.append(Suggestion(h.user_id, final, basis, text))
    return out


def rank_relative(items: Sequence[tuple[int, float | None, int]]) -> list[tuple[int, int]]:
    """(rank, user id) for (user id, key, score) items ranked by `key` high to low (attainment or
    improvement), reps without a key after everyone with one; equal keys share a rank
    (competition ranking) and are ordered by score, then user id."""
    ordered = sorted(items, key=lambda it: (it[1] is None, -(it[1] or 0.0), -it[2], it[0]))
    out: list[tuple[int, int]] = []
    for i, (uid, key, _) in enumerate(ordered):
        if i and key == ordered[i - 1][1] and out:
            out.append((out[-1][0], uid))
        else:
            out.append((i + 1, uid))
    return out
