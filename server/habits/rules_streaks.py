"""Streak rules: consecutive working days with qualifying activity, freezes, grace, combo.

Pure functions over a rep's set of *qualified* local days (days whose qualifying units reached
the org's minimum). The stored streak row is only a snapshot of `compute()`; it can always be
recomputed from the per-day counters, so reversals and past-dated activities just recompute.

* Working days follow the org calendar (`workdays` weekday numbers, Monday = 0, and `holidays`).
  A non-working day never breaks a streak; activity on it still counts as a streak day.
* A working day that is still *open* (today, or yesterday within the grace period after local
  midnight) never breaks a streak: a late CRM sync may still qualify it.
* Every `freeze_every` counted days earn a freeze (at most `max_freezes` held); a missed
  working day spends one automatically instead of breaking the streak.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from server.core.errors import DomainError

MILESTONES = (5, 10, 20, 30, 50, 75, 100, 150, 200, 250, 365)
#: How far back a recompute looks (a longer streak is still counted from its start within this).
HISTORY_DAYS = 800


@dataclass(frozen=True, slots=True)
class Calendar:
    workdays: frozenset[int] = frozenset(range(5))
    holidays: frozenset[date] = frozenset()

    def is_working(self, day: date) -> bool:
        return day.weekday() in self.workdays and day not in self.holidays


@dataclass(frozen=True, slots=True)
class StreakRules:
    calendar: Calendar = field(default_factory=Calendar)
    min_units: int = 1
    freeze_every: int = 10  # 0 disables earning
    max_freezes: int = 2
    grace_hours: int = 2
    combo_from: int = 5  # 0 disables the combo
    combo_pct: int = 10
    at_risk_hour: int = 17


@dataclass(frozen=True, slots=True)
class Streak:
    current: int
    best: int
    freezes: int
    freezes_used: int  # freezes spent in the current run
    last_day: date | None  # last qualified day of the current run
    today_done: bool
    today_working: bool
    at_risk: bool
    run_start: date | None


def open_days(now: datetime, tz: ZoneInfo, grace_hours: int) -> tuple[date, set[date]]:
    """The rep's local today and the days not yet closed (today, yesterday within the grace)."""
    local = now.astimezone(tz)
    today = local.date()
    opened = {today}
    if grace_hours > 0:
        midnight = datetime(today.year, today.month, today.day, tzinfo=tz)
        if now < midnight + timedelta(hours=grace_hours):
            opened.add(today - timedelta(days=1))
    return today, opened


def day_closed(day: date, now: datetime, tz: ZoneInfo, grace_hours: int) -> bool:
    """Whether `day` is past its local end plus the grace period (late syncs no longer count for missions)."""
    nxt = day + timedelta(days=1)
    return now >= datetime(nxt.year, nxt.month, nxt.day, tzinfo=tz) + timedelta(hours=grace_hours)


def compute(qualified: Iterable[date], rules: StreakRules, now: datetime, tz: ZoneInfo) -> Streak:
    """Replay the rep's history day by day up to local today."""
    days = set(qualified)
    today, opened = open_days(now, tz, rules.grace_hours)
    cal = rules.calendar
    today_working = cal.is_working(today)
    past = [d for d in days if d <= today]
    if not past:
        return Streak(0, 0, 0, 0, None, False, today_working, False, None)
    d = max(min(past), today - timedelta(days=HISTORY_DAYS))
    current = best = freezes = used = 0
    last: date | None = None
    start: date | None = None
    since_freeze = 0
    while d <= today:
        if d in days:
            if current == 0:
                start, used, since_freeze = d, 0, 0
            current += 1
            since_freeze += 1
            last = d
            best = max(best, current)
            if rules.freeze_every and since_freeze >= rules.freeze_every:
                since_freeze = 0
                freezes = min(rules.max_freezes, freezes + 1)
        elif cal.is_working(d) and d not in opened and current > 0:
            if freezes > 0:
                freezes -= 1
                used += 1
            else:
                current, last, start, used, since_freeze = 0, None, None, 0, 0
        d += timedelta(days=1)
    done = today in days
    local_hour = now.astimezone(tz).hour
    at_risk = current > 0 and today_working and not done and local_hour >= rules.at_risk_hour
    return Streak(current, best, freezes, used, last, done, today_working, at_risk, start)


def combo_bonus(points: int, streak_days: int, rules: StreakRules) -> int:
    """Extra points for an activity on a day that is part of a streak of `streak_days`:
    `combo_pct` percent of its points from `combo_from` days, rounded half up (0 below it)."""
    if rules.combo_from <= 0 or streak_days < rules.combo_from or points <= 0 or rules.combo_pct <= 0:
        return 0
    return (points * rules.combo_pct + 50) // 100


def milestones_crossed(before: int, after: int) -> list[int]:
    return [m for m in MILESTONES if before < m <= after]


def validate_rules(workdays: list[int], holidays: list[str], min_units: int, freeze_every: int,
                   max_freezes: int, grace_hours: int, combo_from: int, combo_pct: int,
                   at_risk_hour: int) -> tuple[frozenset[int], frozenset[date]]:
    """Check manager-set streak settings; returns the parsed calendar parts."""
    if not workdays or any(not 0 <= w <= 6 for w in workdays):
        raise DomainError("invalid_workdays", "workdays are weekday numbers 0 (Monday) to 6, at least one")
    try:
        hols = frozenset(date.fromisoformat(h) for h in holidays)
    except (TypeError, ValueError):
        raise DomainError("invalid_holidays", "holidays are ISO dates like 2026-12-25") from None
    checks = (("min_units", min_units, 1, 10_000), ("freeze_every", freeze_every, 0, 365),
              ("max_freezes", max_freezes, 0, 30), ("grace_hours", grace_hours, 0, 12),
              ("combo_from", combo_from, 0, 365), ("combo_pct", combo_pct, 0, 100),
              ("at_risk_hour", at_risk_hour, 0, 23))
    for name, value, lo, hi in checks:
        if not lo <= value <= hi:
            raise DomainError(f"invalid_{name}", f"{name} must be between {lo} and {hi}")
    return frozenset(workdays), hols
