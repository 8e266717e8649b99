"""The insights' figures and the early-warning rules: pure functions over rollup numbers and dates.

* A rep's *activity* on a day is the capped units they logged of every activity type; their
  *baseline* is their mean daily activity over the `baseline_days` working days before a window
  (zero days included). A rep with no activity in those days has no baseline.
* Percentiles interpolate linearly between the closest ranks (numpy's default, Excel's
  PERCENTILE.INC); the spread is p90 ÷ p10.
* Leading vs lagging: Spearman's rank correlation (average ranks for ties) between each rep's
  weekly count of an activity type and their won value over the following weeks, each taken as
  the deviation from the rep's own mean (a rep's busier weeks, not the busier reps), pooled over
  reps and weeks; significant when |t| = |ρ|·√((n−2)/(1−ρ²)) ≥ 1.96.
* Within reach of a prize: a rep who keeps their pace so far, stepped up by `stretch`, would end
  at or above the prize line (the pace-projected final of the last prized place, or the lowest
  prize threshold).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from server.core.errors import DomainError

#: Weeks of the engagement series and of the leading-vs-lagging window, and the following weeks
#: whose won value an activity week is compared with.
SERIES_WEEKS = 12
LAG_WEEKS = 4
#: Fewer (rep, week) pairs than this: too little data for a verdict.
MIN_PAIRS = 20
ACTIONS = ("micro_contest", "easier_missions", "recognize", "check_in")
REASONS = ("low_activity", "inactive", "streak_broken", "out_of_reach")
SUGGESTED: dict[str, tuple[str, ...]] = {
    "low_activity": ("easier_missions", "micro_contest", "check_in"),
    "inactive": ("check_in", "easier_missions"),
    "streak_broken": ("recognize", "easier_missions"),
    "out_of_reach": ("micro_contest", "easier_missions"),
}


@dataclass(frozen=True, slots=True)
class Thresholds:
    """An org's early-warning settings (these defaults until an admin changes them)."""

    low_activity_days: int = 5  # working days looked at
    low_activity_pct: int = 50  # below this percent of the baseline: flagged
    inactive_days: int = 3  # working days with nothing logged
    streak_min: int = 10  # a streak at least this long that breaks is flagged
    baseline_days: int = 20  # working days a baseline is taken over
    min_baseline: float = 1.0  # units a working day; smaller baselines are not judged
    reach_stretch_pct: int = 50  # how much above their pace a rep can be expected to push
    day_close_hour: int = 18  # local hour the day's detection runs at
    digest_hour: int = 8  # local hour of the Monday digest
    easier_missions_pct: int = 70  # easier missions: this percent of the baseline
    easier_missions_days: int = 5  # ... for this many days


LIMITS: dict[str, tuple[float, float]] = {
    "low_activity_days": (1, 30), "low_activity_pct": (1, 99), "inactive_days": (1, 30), "streak_min": (2, 365),
    "baseline_days": (5, 120), "min_baseline": (0, 1_000_000), "reach_stretch_pct": (0, 500),
    "day_close_hour": (0, 23), "digest_hour": (0, 23), "easier_missions_pct": (10, 100),
    "easier_missions_days": (1, 30)}


def check_thresholds(t: Thresholds) -> None:
    for name, (lo, hi) in LIMITS.items():
        value = getattr(t, name)
        if not lo <= value <= hi:
            raise DomainError("invalid_setting", f"{name} must be between {lo:g} and {hi:g}", details={"field": name})


# -- activity and baselines -------------------------------------------------------------------------

Daily = Mapping[date, int]  # a rep's activity by local day (days without activity absent)


@dataclass(frozen=True, slots=True)
class Window:
    """Local days `[first, end)` and how many of them are working days."""

    first: date
    end: date
    working: int


def window_of(days: Sequence[date], end: date | None = None) -> Window | None:
    """The window from the first of these working days to `end` (default: the day after the last)."""
    if not days:
        return None
    return Window(days[0], end or days[-1] + timedelta(days=1), len(days))


def span_total(daily: Daily, w: Window) -> int:
    """Activity on every day of the window (a weekend's included)."""
    return sum(v for d, v in daily.items() if w.first <= d < w.end)


def baseline(daily: Daily, w: Window | None) -> float | None:
    """Activity per working day over the window before; None without any activity in it."""
    if w is None or w.working <= 0:
        return None
    got = span_total(daily, w)
    return got / w.working if got > 0 else None


def ratio(activity: float, working: int, base: float | None) -> float | None:
    """Activity per working day against the baseline (None without a baseline or days)."""
    if base is None or base <= 0 or working <= 0:
        return None
    return activity / working / base


# -- distributions ----------------------------------------------------------------------------------

def percentile(sorted_values: Sequence[float], q: float) -> float:
    """The q-quantile (0..1) of sorted values, interpolating linearly between closest ranks."""
    if not sorted_values:
        raise ValueError("no values")
    pos = (len(sorted_values) - 1) * q
    lo = math.floor(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


@dataclass(frozen=True, slots=True)
class Spread:
    n: int
    median: float
    p10: float
    p25: float
    p75: float
    p90: float

    @property
    def ratio(self) -> float | None:
        """p90 ÷ p10 (None when p10 is 0: the bottom tenth has nothing)."""
        return None if self.p10 <= 0 else self.p90 / self.p10


def spread(values: Sequence[float]) -> Spread | None:
    if not values:
        return None
    v = sorted(values)
    return Spread(len(v), percentile(v, 0.5), percentile(v, 0.1), percentile(v, 0.25), percentile(v, 0.75),
                  percentile(v, 0.9))


# -- leading vs lagging -----------------------------------------------------------------------------

def ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks, ties sharing the average of their positions."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Spearman's ρ (Pearson's r of the ranks); None when either side is constant."""
    n = len(xs)
    if n != len(ys) or n < 2:
        return None
    rx, ry = ranks(xs), ranks(ys)
    mean = (n + 1) / 2  # the mean of any n ranks
    sxy = sxx = syy = 0.0
    for a, b in zip(rx, ry, strict=True):
        a -= mean
        b -= mean
        sxy += a * b
        sxx += a * a
        syy += b * b
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def significant(rho: float, n: int) -> bool:
    if n < 3:
        return False
    if abs(rho) >= 1:
        return True
    return abs(rho) * math.sqrt((n - 2) / (1 - rho * rho)) >= 1.96


@dataclass(frozen=True, slots=True)
class Link:
    type_key: str
    rho: float | None
    n: int
    significant: bool
    strength: str  # none | weak | moderate | strong | too_little_data
    verdict: str


def strength_of(rho: float | None, n: int) -> str:
    if n < MIN_PAIRS:
        return "too_little_data"
    if rho is None or not significant(rho, n) or abs(rho) < 0.1:
        return "none"
    return "weak" if abs(rho) < 0.3 else "moderate" if abs(rho) < 0.5 else "strong"


def link(type_key: str, label: str, won_label: str, xs: Sequence[float], ys: Sequence[float],
         weeks: int, lag: int) -> Link:
    """The verdict in plain words, e.g. "Emails: no link to won deals over 12 weeks (n = 480)"."""
    n = len(xs)
    rho = spearman(xs, ys) if n >= 2 else None
    s = strength_of(rho, n)
    where = f"in the following {lag} weeks over {weeks} weeks (n = {n}"
    where += f", ρ = {rho:+.2f})" if rho is not None else ")"
    if s == "too_little_data":
        text = f"{label}: too little data to tell ({n} rep-weeks, {MIN_PAIRS} needed)"
    elif s == "none":
        text = f"{label}: no link to {won_label} {where}"
    else:
        assert rho is not None
        negative = rho < 0
        text = (f"{label}: {s} {'negative ' if negative else ''}link to {won_label} {where}: a rep's weeks with "
                f"more of it are followed by {'less' if negative else 'more'} {won_label}")
    return Link(type_key, rho, n, bool(rho is not None and significant(rho, n)), s, text)


def pairs(counts: Mapping[int, Sequence[int]], won: Mapping[int, Sequence[int]], weeks: int, lag: int,
          first_week: Mapping[int, int]) -> tuple[list[float], list[float]]:
    """(x, y) pairs: a rep's count in week w (0..weeks-1) and their won value in weeks w+1..w+lag,
    each as the deviation from that rep's own mean over their weeks, so that the correlation tells
    whether a rep's busier weeks come before more won value, not which reps are busier. A rep's
    weeks before `first_week` (their first with any activity: they were not there yet) are left
    out. `counts` and `won` hold `weeks + lag` weekly values per rep."""
    xs: list[float] = []
    ys: list[float] = []
    for uid, c in counts.items():
        w = won.get(uid, ())
        start = first_week.get(uid, 0)
        if weeks - start < 2:
            continue
        x_weeks = list(c[start:weeks])
        y_weeks = [sum(w[i + 1:i + 1 + lag]) for i in range(start, weeks)] if w else [0] * (weeks - start)
        mx, my = sum(x_weeks) / len(x_weeks), sum(y_weeks) / len(y_weeks)
        xs += [x - mx for x in x_weeks]
        ys += [y - my for y in y_weeks]
    return xs, ys
# -- contests ---------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Standing:
    user_id: int
    total: int
    place: int | None
    group: str | None = None


@dataclass(frozen=True, slots=True)
class Reach:
    line: float | None  # the projected final a prize needs (None: every participant is in reach)
    within: list[int]
    out: list[int]


def projected(total: float, elapsed: float) -> float:
    """The final total at the pace so far (`elapsed`: share of the contest gone, 0..1]."""
    return total / elapsed if elapsed > 0 else total


def reach(standings: Sequence[Standing], elapsed: float, stretch_pct: int, prized_places: int,
          thresholds: Sequence[int]) -> Reach:
    """Who can still reach a prize (see the module doc); places rank within `group` when set."""
    if elapsed <= 0 or (not prized_places and not thresholds):
        return Reach(None, [s.user_id for s in standings], [])
    line: float | None
    if thresholds:
        line = float(min(thresholds))
    else:
        prized = sorted((s for s in standings if s.place is not None and s.place <= prized_places),
                        key=lambda s: s.total)
        filled = len({s.place for s in prized}) >= prized_places or len(prized) >= prized_places
        line = projected(prized[0].total, elapsed) if prized and filled else None
    if line is None:  # fewer reps than prizes: everyone can still take one
        return Reach(None, [s.user_id for s in standings], [])
    within: list[int] = []
    out: list[int] = []
    for s in standings:
        placed = not thresholds and s.place is not None and s.place <= prized_places and s.total > 0
        best = s.total + (1 + stretch_pct / 100) * (projected(s.total, elapsed) - s.total)
        (within if placed or best >= line else out).append(s.user_id)
    return Reach(line, within, out)


# -- early warning ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Flag:
    reason: str
    evidence: dict[str, object]


def low_activity(daily: Daily, recent: Window, before: Window | None, t: Thresholds) -> Flag | None:
    """Activity over the last `low_activity_days` working days below `low_activity_pct` % of the
    baseline of the `baseline_days` working days before them."""
    base = baseline(daily, before)
    if base is None or base < t.min_baseline:
        return None
    got = span_total(daily, recent)
    expected = base * recent.working
    if got >= expected * t.low_activity_pct / 100:
        return None
    return Flag("low_activity", {"from": recent.first.isoformat(), "to": (recent.end - timedelta(days=1)).isoformat(),
                                 "working_days": recent.working, "activity": got,
                                 "baseline_per_day": round(base, 4), "expected": round(expected, 2),
                                 "ratio": round(got / expected, 4), "threshold_pct": t.low_activity_pct})


def inactive(daily: Daily, recent: Window, before: Window | None, t: Thresholds) -> Flag | None:
    """Nothing logged on the last `inactive_days` working days, by a rep who had a baseline."""
    if recent.working < t.inactive_days or span_total(daily, recent) > 0:
        return None
    base = baseline(daily, before)
    if base is None:
        return None
    last = max((d for d, v in daily.items() if v > 0 and d < recent.first), default=None)
    return Flag("inactive", {"from": recent.first.isoformat(), "to": (recent.end - timedelta(days=1)).isoformat(),
                             "working_days": recent.working, "last_active": last.isoformat() if last else None,
                             "baseline_per_day": round(base, 4)})


@dataclass(frozen=True, slots=True)
class StreakState:
    current: int
    run_start: date | None
    last_day: date | None


def streak_broken(seen: StreakState, now: StreakState, t: Thresholds) -> Flag | None:
    """A streak of at least `streak_min` days, as the last day close saw it, that is no longer
    running (the rep has no streak now, or a new run started)."""
    if seen.current < t.streak_min or (now.current > 0 and now.run_start == seen.run_start):
        return None
    return Flag("streak_broken", {"length": seen.current,
                                  "run_start": seen.run_start.isoformat() if seen.run_start else None,
                                  "last_day": seen.last_day.isoformat() if seen.last_day else None,
                                  "threshold": t.streak_min})


def out_of_reach(contest_id: int, name: str, s: Standing, r: Reach, elapsed: float) -> Flag:
    return Flag("out_of_reach", {"contest_id": contest_id, "contest": name, "total": s.total, "place": s.place,
                                 "projected": round(projected(s.total, elapsed), 2),
                                 "prize_line": None if r.line is None else round(r.line, 2),
                                 "elapsed": round(elapsed, 4)})
