"""Streak rules as pure functions: working days, holidays, grace, freezes, DST, combo."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from server.core.errors import DomainError
from server.habits.rules_streaks import (
    Calendar,
    StreakRules,
    combo_bonus,
    compute,
    day_closed,
    milestones_crossed,
    open_days,
    validate_rules,
)

UTCZ = ZoneInfo("UTC")
NY = ZoneInfo("America/New_York")
MON = date(2026, 11, 16)  # a Monday


def at(day: date, hour: int, minute: int = 0, tz: ZoneInfo = UTCZ) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz).astimezone(UTC)


def days(*offsets: int, start: date = MON) -> list[date]:
    return [start + timedelta(days=o) for o in offsets]


R = StreakRules(freeze_every=0, grace_hours=0, at_risk_hour=17)


def test_no_history_is_zero():
    s = compute([], R, at(MON, 12), UTCZ)
    assert (s.current, s.best, s.freezes, s.today_done, s.at_risk) == (0, 0, 0, False, False)


def test_consecutive_working_days_count():
    s = compute(days(0, 1, 2), R, at(MON + timedelta(days=2), 12), UTCZ)
    assert (s.current, s.best, s.today_done, s.last_day) == (3, 3, True, MON + timedelta(days=2))


def test_today_not_yet_done_does_not_break():
    s = compute(days(0, 1), R, at(MON + timedelta(days=2), 9), UTCZ)
    assert (s.current, s.today_done, s.at_risk) == (2, False, False)


def test_at_risk_late_in_the_day_only_when_not_done():
    assert compute(days(0, 1), R, at(MON + timedelta(days=2), 17), UTCZ).at_risk is True
    assert compute(days(0, 1), R, at(MON + timedelta(days=2), 16, 59), UTCZ).at_risk is False
    assert compute(days(0, 1, 2), R, at(MON + timedelta(days=2), 18), UTCZ).at_risk is False


def test_a_missed_working_day_breaks_the_streak():
    s = compute(days(0, 1, 3), R, at(MON + timedelta(days=3), 12), UTCZ)
    assert (s.current, s.best) == (1, 2)


def test_weekend_does_not_break_and_weekend_activity_counts():
    # Thu, Fri, (Sat, Sun off), Mon
    s = compute(days(3, 4, 7), R, at(MON + timedelta(days=7), 12), UTCZ)
    assert s.current == 3
    s = compute(days(3, 4, 5, 7), R, at(MON + timedelta(days=7), 12), UTCZ)
    assert s.current == 4


def test_holiday_does_not_break():
    rules = StreakRules(calendar=Calendar(frozenset(range(5)), frozenset({MON + timedelta(days=1)})),
                        freeze_every=0, grace_hours=0)
    assert compute(days(0, 2), rules, at(MON + timedelta(days=2), 12), UTCZ).current == 2
    assert compute(days(0, 2), R, at(MON + timedelta(days=2), 12), UTCZ).current == 1


def test_today_on_weekend_is_not_at_risk():
    s = compute(days(4), StreakRules(freeze_every=0, at_risk_hour=0), at(MON + timedelta(days=5), 20), UTCZ)
    assert (s.current, s.today_working, s.at_risk) == (1, False, False)


def test_grace_keeps_yesterday_open_after_midnight():
    rules = StreakRules(freeze_every=0, grace_hours=2)
    history = days(0, 1)  # Mon, Tue; Wed missed so far
    thu = MON + timedelta(days=3)
    assert compute(history, rules, at(thu, 1, 59), UTCZ).current == 2  # Wed still open (late sync)
    assert compute(history, rules, at(thu, 2, 0), UTCZ).current == 0   # Wed closed: broken
    assert compute([*history, MON + timedelta(days=2)], rules, at(thu, 2, 0), UTCZ).current == 3


def test_23_59_and_00_00_boundaries_in_the_reps_zone():
    rules = StreakRules(freeze_every=0, grace_hours=0)
    tue = MON + timedelta(days=1)
    # A qualified Monday: at Tue 23:59 New York the streak is alive (Tuesday open) ...
    assert compute([MON], rules, at(tue, 23, 59, NY), NY).current == 1
    # ... and at Wed 00:00 New York Tuesday has closed without activity.
    assert compute([MON], rules, at(tue + timedelta(days=1), 0, 0, NY), NY).current == 0
    # The same instant is still Tuesday evening in Los Angeles.
    la = ZoneInfo("America/Los_Angeles")
    assert compute([MON], rules, at(tue + timedelta(days=1), 0, 0, NY), la).current == 1


def test_dst_fall_back_day_is_one_day():
    rules = StreakRules(freeze_every=0, grace_hours=1)
    sat = date(2026, 10, 31)
    sun, mon = sat + timedelta(days=1), sat + timedelta(days=2)  # 2026-11-01: New York falls back (25 h)
    # Sunday is not a working day; Friday-Monday with activity Friday and Monday is unbroken.
    fri = sat - timedelta(days=1)
    assert compute([fri, mon], rules, at(mon, 12, 0, NY), NY).current == 2
    # Monday 00:30 local is within the grace after the long Sunday: Friday's streak alive, Monday open.
    assert compute([fri], rules, at(mon, 0, 30, NY), NY).current == 1
    _, opened = open_days(at(mon, 0, 30, NY), NY, 1)
    assert opened == {mon, sun}


def test_dst_spring_forward_grace():
    rules = StreakRules(freeze_every=0, grace_hours=2, calendar=Calendar(frozenset(range(7))))
    sun = date(2026, 3, 8)  # New York springs forward at 02:00
    mon = sun + timedelta(days=1)
    # Monday 01:30 local: Sunday is still within its grace.
    assert day_closed(sun, at(mon, 1, 30, NY), NY, 2) is False
    assert day_closed(sun, at(mon, 2, 0, NY), NY, 2) is True
    assert compute([sun - timedelta(days=1)], rules, at(mon, 1, 30, NY), NY).current == 1


def test_freezes_are_earned_and_spent_automatically():
    rules = StreakRules(freeze_every=3, max_freezes=2, grace_hours=0)
    # Mon..Wed (3 days: one freeze), Thu missed (spent), Fri counts: 4 days.
    s = compute(days(0, 1, 2, 4), rules, at(MON + timedelta(days=4), 12), UTCZ)
    assert (s.current, s.freezes, s.freezes_used) == (4, 0, 1)
    # Two misses with one freeze: broken.
    s = compute(days(0, 1, 2, 7 + 0), rules, at(MON + timedelta(days=7), 12), UTCZ)
    assert (s.current, s.best) == (1, 3)


def test_freezes_are_capped():
    rules = StreakRules(freeze_every=1, max_freezes=2, grace_hours=0)
    s = compute(days(0, 1, 2, 3, 4), rules, at(MON + timedelta(days=4), 12), UTCZ)
    assert s.freezes == 2


def test_backdated_day_fills_a_gap():
    tue3 = MON + timedelta(days=2)
    assert compute(days(0, 2), R, at(tue3, 12), UTCZ).current == 1
    assert compute(days(0, 1, 2), R, at(tue3, 12), UTCZ).current == 3


def test_reversal_removing_a_day_recomputes_best():
    assert compute(days(0, 1, 2), R, at(MON + timedelta(days=2), 12), UTCZ).best == 3
    s = compute(days(0, 2), R, at(MON + timedelta(days=2), 12), UTCZ)
    assert (s.current, s.best) == (1, 1)


def test_future_days_are_ignored():
    s = compute(days(0, 5), R, at(MON, 12), UTCZ)
    assert s.current == 1


@pytest.mark.parametrize(("points", "streak", "bonus"), [
    (10, 4, 0), (10, 5, 1), (15, 5, 2), (14, 5, 1), (2, 9, 0), (5, 9, 1), (0, 10, 0), (-10, 10, 0),
])
def test_combo_bonus(points, streak, bonus):
    assert combo_bonus(points, streak, StreakRules(combo_from=5, combo_pct=10)) == bonus


def test_combo_off():
    assert combo_bonus(100, 50, StreakRules(combo_from=0)) == 0


def test_milestones():
    assert milestones_crossed(4, 5) == [5]
    assert milestones_crossed(0, 12) == [5, 10]
    assert milestones_crossed(5, 5) == []


@pytest.mark.parametrize(("kw", "code"), [
    ({"workdays": []}, "invalid_workdays"), ({"workdays": [7]}, "invalid_workdays"),
    ({"holidays": ["12/25"]}, "invalid_holidays"), ({"min_units": 0}, "invalid_min_units"),
    ({"grace_hours": 13}, "invalid_grace_hours"), ({"combo_pct": 101}, "invalid_combo_pct"),
    ({"at_risk_hour": 24}, "invalid_at_risk_hour"),
])
def test_settings_validation(kw, code):
    base = dict(workdays=[0, 1], holidays=[], min_units=1, freeze_every=10, max_freezes=2, grace_hours=2,
                combo_from=5, combo_pct=10, at_risk_hour=17)
    with pytest.raises(DomainError) as err:
        validate_rules(**{**base, **kw})
    assert err.value.code == code
