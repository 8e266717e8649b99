"""Leaderboard periods in an org's time zone: pure rules, no I/O.

Expected instants are worked out by hand from the zone's offsets (noted beside each case),
not recomputed with the code under test.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from server.core.errors import DomainError
from server.core.periods import (
    ALL_TIME_START,
    WINDOWS,
    local_midnight,
    parse_period_id,
    period_for,
    period_of_date,
    periods_for,
    zone,
)

NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
SYDNEY = ZoneInfo("Australia/Sydney")
SANTIAGO = ZoneInfo("America/Santiago")
HAVANA = ZoneInfo("America/Havana")
BEIRUT = ZoneInfo("Asia/Beirut")
MONDAY, SUNDAY, SATURDAY = 0, 6, 5


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def local(tz: ZoneInfo, *args, fold: int = 0) -> datetime:
    return datetime(*args, tzinfo=tz, fold=fold)


def hours(period) -> float:
    return (period.end - period.start) / timedelta(hours=1)


# -- days across DST changes -----------------------------------------------------------------------
@pytest.mark.parametrize(("tz", "day", "start", "end", "length"), [
    # New York, spring forward 2024-03-10 02:00 EST -> 03:00 EDT: midnight at -05, next at -04.
    (NEW_YORK, date(2024, 3, 10), utc(2024, 3, 10, 5), utc(2024, 3, 11, 4), 23),
    # New York, fall back 2024-11-03 02:00 EDT -> 01:00 EST: midnight at -04, next at -05.
    (NEW_YORK, date(2024, 11, 3), utc(2024, 11, 3, 4), utc(2024, 11, 4, 5), 25),
    # An ordinary New York day in summer.
    (NEW_YORK, date(2024, 7, 1), utc(2024, 7, 1, 4), utc(2024, 7, 2, 4), 24),
    # Berlin, spring forward 2024-03-31 02:00 CET -> 03:00 CEST.
    (BERLIN, date(2024, 3, 31), utc(2024, 3, 30, 23), utc(2024, 3, 31, 22), 23),
    # Berlin, fall back 2024-10-27 03:00 CEST -> 02:00 CET.
    (BERLIN, date(2024, 10, 27), utc(2024, 10, 26, 22), utc(2024, 10, 27, 23), 25),
    # Sydney (southern hemisphere), DST ends 2024-04-07 03:00 AEDT -> 02:00 AEST.
    (SYDNEY, date(2024, 4, 7), utc(2024, 4, 6, 13), utc(2024, 4, 7, 14), 25),
    # Sydney, DST starts 2024-10-06 02:00 AEST -> 03:00 AEDT.
    (SYDNEY, date(2024, 10, 6), utc(2024, 10, 5, 14), utc(2024, 10, 6, 13), 23),
])
def test_day_periods_are_23_or_25_hours_on_dst_days(tz, day, start, end, length):
    period = period_of_date("day", day, tz)
    assert (period.id, period.start, period.end) == (day.isoformat(), start, end)
    assert hours(period) == length


@pytest.mark.parametrize(("tz", "day", "start", "end"), [
    # Santiago 2024-09-08: 00:00 -04 jumps to 01:00 -03; the day starts at the jump, 04:00 UTC,
    # and ends at the next midnight at -03.
    (SANTIAGO, date(2024, 9, 8), utc(2024, 9, 8, 4), utc(2024, 9, 9, 3)),
    # Havana 2024-03-10: 00:00 CST (-05) jumps to 01:00 CDT (-04).
    (HAVANA, date(2024, 3, 10), utc(2024, 3, 10, 5), utc(2024, 3, 11, 4)),
    # Beirut 2024-03-31: 00:00 EET (+02) jumps to 01:00 EEST (+03).
    (BEIRUT, date(2024, 3, 31), utc(2024, 3, 30, 22), utc(2024, 3, 31, 21)),
])
def test_a_skipped_local_midnight_starts_the_day_at_the_jump(tz, day, start, end):
    period = period_of_date("day", day, tz)
    assert (period.start, period.end) == (start, end)
    assert hours(period) == 23
    # The day before ends exactly where this one starts: no gap, no overlap.
    assert period_of_date("day", day - timedelta(days=1), tz).end == start
    # The first local instant of the day (01:00 after the jump) belongs to it; a moment before, not.
    assert period_for("day", start, tz).id == day.isoformat()
    assert period_for("day", start - timedelta(microseconds=1), tz).id == (day - timedelta(days=1)).isoformat()


def test_local_midnight_of_a_skipped_midnight_is_the_first_instant_of_that_day():
    at = local_midnight(date(2024, 9, 8), SANTIAGO)
    assert at == utc(2024, 9, 8, 4)
    assert at.astimezone(SANTIAGO).replace(tzinfo=None) == datetime(2024, 9, 8, 1, 0)


def test_a_repeated_local_midnight_uses_its_first_occurrence():
    # Havana 2024-11-03: 01:00 CDT (-04) falls back to 00:00 CST (-05), so 00:00-01:00 happens twice.
    # The day starts at the first 00:00 (-04) and is 25 hours long.
    period = period_of_date("day", date(2024, 11, 3), HAVANA)
    assert (period.start, period.end) == (utc(2024, 11, 3, 4), utc(2024, 11, 4, 5))
    assert period_of_date("day", date(2024, 11, 2), HAVANA).end == period.start
    # Both readings of local 00:30 that night belong to 2024-11-03.
    assert period_for("day", local(HAVANA, 2024, 11, 3, 0, 30, fold=0), HAVANA).id == "2024-11-03"
    assert period_for("day", local(HAVANA, 2024, 11, 3, 0, 30, fold=1), HAVANA).id == "2024-11-03"


def test_santiago_fall_back_makes_the_saturday_25_hours():
    # 2024-04-07 00:00 -03 falls back to 2024-04-06 23:00 -04: Saturday 04-06 runs 25 hours.
    saturday = period_of_date("day", date(2024, 4, 6), SANTIAGO)
    assert (saturday.start, saturday.end) == (utc(2024, 4, 6, 3), utc(2024, 4, 7, 4))
    assert hours(saturday) == 25


# -- weeks ---------------------------------------------------------------------------------------
def test_week_containing_spring_forward_is_167_hours_and_fall_back_169():
    spring = period_for("week", local(NEW_YORK, 2024, 3, 13, 12), NEW_YORK, MONDAY)
    assert (spring.id, spring.start, spring.end) == ("w2024-03-11", utc(2024, 3, 11, 4), utc(2024, 3, 18, 4))
    spring_sunday = period_for("week", local(NEW_YORK, 2024, 3, 10, 12), NEW_YORK, MONDAY)
    assert (spring_sunday.id, hours(spring_sunday)) == ("w2024-03-04", 167)
    fall = period_for("week", local(NEW_YORK, 2024, 11, 3, 12), NEW_YORK, MONDAY)
    assert (fall.id, fall.start, fall.end) == ("w2024-10-28", utc(2024, 10, 28, 4), utc(2024, 11, 4, 5))
    assert hours(fall) == 169


@pytest.mark.parametrize(("week_start", "day", "expected_id"), [
    (SUNDAY, date(2024, 11, 20), "w2024-11-17"),    # a Wednesday belongs to the previous Sunday's week
    (SUNDAY, date(2024, 11, 17), "w2024-11-17"),    # a Sunday starts its own week
    (SUNDAY, date(2024, 11, 16), "w2024-11-10"),    # the Saturday before is the end of the week before
    (SATURDAY, date(2024, 11, 16), "w2024-11-16"),
    (SATURDAY, date(2024, 11, 15), "w2024-11-09"),
    (MONDAY, date(2024, 11, 17), "w2024-11-11"),    # Sunday is the last day of a Monday week
    (MONDAY, date(2024, 11, 18), "w2024-11-18"),
])
def test_week_start_other_than_monday(week_start, day, expected_id):
    period = period_of_date("week", day, BERLIN, week_start)
    assert period.id == expected_id
    first = date.fromisoformat(expected_id[1:])
    assert first.weekday() == week_start
    assert period.start == local_midnight(first, BERLIN)
    assert period.end == local_midnight(first + timedelta(days=7), BERLIN)


def test_sunday_week_boundary_at_local_midnight_in_new_york():
    # Saturday 2024-11-16 23:59:59 local is the last second of the Sunday-started week of 11-10.
    before = period_for("week", local(NEW_YORK, 2024, 11, 16, 23, 59, 59), NEW_YORK, SUNDAY)
    after = period_for("week", local(NEW_YORK, 2024, 11, 17, 0, 0, 0), NEW_YORK, SUNDAY)
    assert (before.id, after.id) == ("w2024-11-10", "w2024-11-17")
    assert before.end == after.start == utc(2024, 11, 17, 5)


def test_week_crossing_new_year_is_one_period_while_month_and_quarter_change():
    old_year = local(BERLIN, 2024, 12, 31, 18)
    new_year = local(BERLIN, 2025, 1, 2, 9)
    w_old = period_for("week", old_year, BERLIN, MONDAY)
    w_new = period_for("week", new_year, BERLIN, MONDAY)
    assert w_old == w_new
    assert (w_old.id, w_old.start, w_old.end) == ("w2024-12-30", utc(2024, 12, 29, 23), utc(2025, 1, 5, 23))
    assert period_for("month", old_year, BERLIN).id == "2024-12"
    assert period_for("month", new_year, BERLIN).id == "2025-01"
    assert period_for("quarter", old_year, BERLIN).id == "2024-Q4"
    assert period_for("quarter", new_year, BERLIN).id == "2025-Q1"


# -- months, quarters, all ---------------------------------------------------------------------------
def test_month_spanning_a_dst_change_in_berlin():
    march = period_of_date("month", date(2024, 3, 15), BERLIN)
    # 1 March 00:00 CET = 29 Feb 23:00 UTC (leap year); 1 April 00:00 CEST = 31 March 22:00 UTC.
    assert (march.id, march.start, march.end) == ("2024-03", utc(2024, 2, 29, 23), utc(2024, 3, 31, 22))
    assert hours(march) == 31 * 24 - 1


def test_december_month_ends_at_the_next_new_year():
    december = period_of_date("month", date(2024, 12, 31), NEW_YORK)
    assert (december.id, december.start, december.end) == ("2024-12", utc(2024, 12, 1, 5), utc(2025, 1, 1, 5))


@pytest.mark.parametrize(("tz", "day", "pid", "start", "end"), [
    (NEW_YORK, date(2024, 2, 29), "2024-Q1", utc(2024, 1, 1, 5), utc(2024, 4, 1, 4)),
    (NEW_YORK, date(2024, 12, 31), "2024-Q4", utc(2024, 10, 1, 4), utc(2025, 1, 1, 5)),
    # Sydney Q2: 1 April is still summer time (+11; it ends on 7 April), 1 July is +10.
    (SYDNEY, date(2024, 5, 5), "2024-Q2", utc(2024, 3, 31, 13), utc(2024, 6, 30, 14)),
    # Sydney Q4: 1 October at +10, next 1 January at +11 (summer time).
    (SYDNEY, date(2024, 10, 1), "2024-Q4", utc(2024, 9, 30, 14), utc(2024, 12, 31, 13)),
    (BERLIN, date(2024, 9, 30), "2024-Q3", utc(2024, 6, 30, 22), utc(2024, 9, 30, 22)),
])
def test_quarter_periods(tz, day, pid, start, end):
    period = period_of_date("quarter", day, tz)
    assert (period.id, period.start, period.end) == (pid, start, end)


def test_all_time_period_has_no_end_and_never_expires():
    period = period_for("all", utc(2031, 5, 5), SYDNEY, SUNDAY)
    assert (period.window, period.id, period.start, period.end) == ("all", "all", ALL_TIME_START, None)
    assert period.expires_at is None


def test_finished_periods_expire_after_their_retention():
    day = period_of_date("day", date(2024, 7, 1), NEW_YORK)
    assert day.expires_at == day.end + timedelta(days=8)
    week = period_of_date("week", date(2024, 7, 1), NEW_YORK)
    assert week.expires_at == week.end + timedelta(days=35)


# -- the last second of a local day vs the first ----------------------------------------------------
@pytest.mark.parametrize("tz", [NEW_YORK, BERLIN, SYDNEY, ZoneInfo("Asia/Kolkata"), ZoneInfo("Pacific/Chatham")])
def test_local_235959_and_000000_fall_in_adjacent_periods(tz):
    last = local(tz, 2024, 6, 30, 23, 59, 59)
    first = local(tz, 2024, 7, 1, 0, 0, 0)
    before = {p.window: p for p in periods_for(last, tz, MONDAY)}
    after = {p.window: p for p in periods_for(first, tz, MONDAY)}
    assert before["day"].id == "2024-06-30" and after["day"].id == "2024-07-01"
    assert before["month"].id == "2024-06" and after["month"].id == "2024-07"
    assert before["quarter"].id == "2024-Q2" and after["quarter"].id == "2024-Q3"
    # 2024-06-30 is a Sunday: the Monday week changes at the same instant.
    assert before["week"].id == "w2024-06-24" and after["week"].id == "w2024-07-01"
    for window in ("day", "week", "month", "quarter"):
        assert before[window].end == after[window].start == first.astimezone(UTC)
    assert before["all"] == after["all"]


def test_periods_for_returns_one_period_per_window_in_order():
    at = local(SYDNEY, 2024, 4, 7, 2, 30, fold=1)  # the second 02:30 of the fall-back night
    periods = periods_for(at, SYDNEY, SUNDAY)
    assert [p.window for p in periods] == list(WINDOWS)
    assert [p.id for p in periods] == ["2024-04-07", "w2024-04-07", "2024-04", "2024-Q2", "all"]
    for p in periods[:-1]:
        assert p.start <= at < p.end
    assert periods == [period_for(w, at, SYDNEY, SUNDAY) for w in WINDOWS]


def test_the_same_instant_is_a_different_local_day_in_different_zones():
    at = utc(2024, 11, 22, 23, 30)
    assert period_for("day", at, ZoneInfo("UTC")).id == "2024-11-22"
    assert period_for("day", at, SYDNEY).id == "2024-11-23"
    assert period_for("day", at, ZoneInfo("Pacific/Honolulu")).id == "2024-11-22"
    assert period_for("day", utc(2024, 11, 23, 10, 30), ZoneInfo("Pacific/Honolulu")).id == "2024-11-23"


def test_unknown_window_is_rejected():
    with pytest.raises(DomainError) as err:
        period_of_date("fortnight", date(2024, 1, 1), BERLIN)
    assert err.value.code == "invalid_window"


# -- period ids ------------------------------------------------------------------------------------
@pytest.mark.parametrize("tz", [NEW_YORK, SYDNEY, SANTIAGO, HAVANA])
@pytest.mark.parametrize("week_start", [MONDAY, SUNDAY])
def test_period_ids_round_trip(tz, week_start):
    day = date(2024, 1, 1)
    for _ in range(0, 400, 3):
        for window in WINDOWS:
            period = period_of_date(window, day, tz, week_start)
            assert parse_period_id(window, period.id, tz, week_start) == period
        day += timedelta(days=3)


@pytest.mark.parametrize(("window", "period_id"), [
    ("day", "2024-02-30"),
    ("day", "2024-13-01"),
    ("day", "20240101"),         # a valid ISO basic date, but not the id the boards use
    ("day", "2024-11"),
    ("day", "w2024-11-18"),
    ("day", "all"),
    ("day", ""),
    ("week", "2024-11-18"),      # missing the w
    ("week", "w2024-11-19"),     # a Tuesday: not a week start
    ("week", "w20241118"),
    ("week", "w"),
    ("month", "2024-3"),         # months are zero-padded
    ("month", "2024-13"),
    ("month", "2024-00"),
    ("month", "2024-03-01"),
    ("month", "March"),
    ("quarter", "2024-Q5"),
    ("quarter", "2024-Q0"),
    ("quarter", "2024-Q-1"),
    ("quarter", "2024Q1"),
    ("quarter", "2024-q1"),
    ("all", "ALL"),
    ("all", "2024"),
    ("all", ""),
])
def test_malformed_or_unnormalised_period_ids_are_rejected(window, period_id):
    with pytest.raises(DomainError) as err:
        parse_period_id(window, period_id, NEW_YORK, MONDAY)
    assert err.value.code == "invalid_period"


def test_week_id_depends_on_the_org_week_start():
    assert parse_period_id("week", "w2024-11-18", BERLIN, MONDAY).id == "w2024-11-18"
    with pytest.raises(DomainError) as err:
        parse_period_id("week", "w2024-11-18", BERLIN, SUNDAY)
    assert err.value.code == "invalid_period"
    sunday_week = parse_period_id("week", "w2024-11-17", BERLIN, SUNDAY)
    assert (sunday_week.start, sunday_week.end) == (utc(2024, 11, 16, 23), utc(2024, 11, 23, 23))


def test_parse_period_id_with_unknown_window():
    with pytest.raises(DomainError) as err:
        parse_period_id("year", "2024", BERLIN)
    assert err.value.code == "invalid_window"


# -- time zone names -------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["America/New_York", "Europe/Berlin", "UTC", "Etc/GMT-14", "Asia/Kathmandu"])
def test_zone_accepts_iana_names(name):
    assert zone(name) == ZoneInfo(name)


@pytest.mark.parametrize("name", [
    "", "Mars/Olympus", "America", "America/", " UTC", "UTC ", "/etc/localtime", "../../etc/passwd",
    "Europe/../Europe/Berlin", "UTC\x00", "utc+2",
])
def test_zone_rejects_everything_else_with_invalid_timezone(name):
    with pytest.raises(DomainError) as err:
        zone(name)
    assert (err.value.code, err.value.status_code) == ("invalid_timezone", 400)
