"""Pricing, caps, occurred_at validation, score packing and competition ranks: pure rules."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from server.board.ranking import (
    MAX_METRIC,
    TIE_BITS,
    competition_ranks,
    pack,
    tie_part,
    tie_scale,
    unpack_metric,
)
from server.core.errors import DomainError
from server.core.periods import ALL_TIME_START, period_of_date
from server.ledger.rules import (
    MAX_QUANTITY,
    MAX_VALUE,
    Rule,
    board_value,
    price,
    round_half_up,
    units_within_cap,
    validate_amounts,
    validate_occurred_at,
)

NOW = datetime(2026, 3, 15, 12, 0, tzinfo=UTC)


def rule(points=2, value_points=None, daily_cap=None) -> Rule:
    return Rule(version_id=1, points=points, value_points=value_points, daily_cap=daily_cap)


def codes(fn, *args) -> str:
    with pytest.raises(DomainError) as err:
        fn(*args)
    return err.value.code


# -- price ------------------------------------------------------------------------------------------
def test_points_times_quantity_without_cap():
    priced = price(rule(points=3), quantity=7, value=None, used_before=10_000)
    assert (priced.points, priced.earning_units) == (21, 7)


def test_cap_room_partly_used_pays_only_the_remaining_units():
    # cap 10, 6 used: of 6 more units 4 earn.
    priced = price(rule(points=2, daily_cap=10), quantity=6, value=None, used_before=6)
    assert (priced.points, priced.earning_units) == (8, 4)


def test_exactly_filling_the_cap_pays_everything():
    priced = price(rule(points=2, daily_cap=10), quantity=4, value=None, used_before=6)
    assert (priced.points, priced.earning_units) == (8, 4)


@pytest.mark.parametrize("used_before", [10, 11, 500])
def test_at_or_over_the_cap_pays_nothing(used_before):
    priced = price(rule(points=2, daily_cap=10), quantity=3, value=None, used_before=used_before)
    assert (priced.points, priced.earning_units) == (0, 0)


def test_value_points_are_added_per_unit_of_value():
    # deal_won default: 50 + 0.01 per currency unit; a 12,345 deal.
    priced = price(rule(points=50, value_points=0.01), quantity=1, value=12_345, used_before=0)
    assert priced.points == 50 + 123


def test_value_part_is_prorated_by_the_units_within_the_cap():
    # 4 units of which 1 earns (cap 3, 2 used): 1*10 + round(1000 * 0.5 * 1/4) = 10 + 125.
    priced = price(rule(points=10, value_points=0.5, daily_cap=3), quantity=4, value=1000, used_before=2)
    assert (priced.points, priced.earning_units) == (135, 1)
    assert priced.value_units == 250  # and only that quarter of the value counts on value boards


def test_capped_out_value_earns_nothing():
    priced = price(rule(points=50, value_points=0.01, daily_cap=1), quantity=1, value=99_999, used_before=1)
    assert (priced.points, priced.earning_units, priced.value_units) == (0, 0, 0)


def test_the_counted_value_rounds_half_up_and_is_whole_without_a_cap():
    assert price(rule(points=1, daily_cap=3), quantity=2, value=5, used_before=2).value_units == 3  # 2.5
    assert price(rule(points=1), quantity=3, value=1000.5, used_before=0).value_units == 1001


def test_value_is_ignored_when_the_rule_does_not_score_value():
    assert price(rule(points=5), quantity=2, value=1_000_000, used_before=0).points == 10


def test_value_points_without_a_value_score_points_only():
    assert price(rule(points=50, value_points=0.01), quantity=1, value=None, used_before=0).points == 50


@pytest.mark.parametrize(("value", "value_points", "expected"), [
    (12.5, 1.0, 13),       # half rounds up (Python's round would give 12)
    (0.5, 1.0, 1),
    (2.5, 1.0, 3),
    (1.49, 1.0, 1),
    (0.49, 1.0, 0),
    (250, 0.01, 3),        # 2.5 -> 3
    (249, 0.01, 2),        # 2.49 -> 2
])
def test_value_points_round_half_up(value, value_points, expected):
    assert price(rule(points=0, value_points=value_points), quantity=1, value=value, used_before=0).points == expected


def test_zero_point_rule_with_cap_records_units_but_pays_nothing():
    priced = price(rule(points=0, daily_cap=5), quantity=3, value=None, used_before=0)
    assert (priced.points, priced.earning_units) == (0, 3)


def test_units_within_cap():
    assert units_within_cap(5, 0, None) == 5
    assert units_within_cap(5, 0, 3) == 3
    assert units_within_cap(5, 2, 10) == 5
    assert units_within_cap(5, 7, 10) == 3
    assert units_within_cap(5, 12, 10) == 0


def test_round_half_up_and_board_value():
    assert [round_half_up(x) for x in (0.0, 0.4999, 0.5, 1.5, 2.5, 99.5)] == [0, 0, 1, 2, 3, 100]
    assert board_value(None) == 0
    assert board_value(2.5) == 3
    assert board_value(1234.4) == 1234


# -- amounts ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("quantity", [1, MAX_QUANTITY])
def test_quantity_bounds_accepted(quantity):
    validate_amounts(quantity, None)


@pytest.mark.parametrize("quantity", [0, -1, MAX_QUANTITY + 1])
def test_quantity_out_of_bounds(quantity):
    assert codes(validate_amounts, quantity, None) == "invalid_quantity"


@pytest.mark.parametrize("value", [0, 0.0, 1.5, MAX_VALUE])
def test_value_bounds_accepted(value):
    validate_amounts(1, value)


@pytest.mark.parametrize("value", [-0.01, MAX_VALUE + 1, math.inf, -math.inf, math.nan])
def test_value_out_of_bounds(value):
    assert codes(validate_amounts, 1, value) == "invalid_value"


# -- occurred_at ------------------------------------------------------------------------------------
def test_occurred_at_within_clock_skew_is_accepted():
    validate_occurred_at(NOW + timedelta(seconds=60), NOW, 7)
    validate_occurred_at(NOW, NOW, 7)


def test_occurred_at_more_than_60_seconds_ahead_is_future():
    assert codes(validate_occurred_at, NOW + timedelta(seconds=61), NOW, 7) == "future_activity"
    assert codes(validate_occurred_at, NOW + timedelta(seconds=60, microseconds=1), NOW, 7) == "future_activity"


def test_occurred_at_exactly_backdate_days_ago_is_accepted_and_older_is_too_old():
    validate_occurred_at(NOW - timedelta(days=7), NOW, 7)
    with pytest.raises(DomainError) as err:
        validate_occurred_at(NOW - timedelta(days=7, microseconds=1), NOW, 7)
    assert (err.value.code, err.value.status_code, err.value.details) == ("too_old", 400, {"backdate_days": 7})


def test_backdate_window_follows_the_setting():
    validate_occurred_at(NOW - timedelta(days=29), NOW, 30)
    assert codes(validate_occurred_at, NOW - timedelta(days=2), NOW, 1) == "too_old"


def test_occurred_at_in_another_offset_is_compared_as_an_instant():
    berlin = ZoneInfo("Europe/Berlin")  # +01:00 in mid-March 2026
    validate_occurred_at(datetime(2026, 3, 15, 13, 1, 0, tzinfo=berlin), NOW, 7)  # 12:01:00 UTC
    assert codes(validate_occurred_at, datetime(2026, 3, 15, 13, 1, 1, tzinfo=berlin), NOW, 7) == "future_activity"
    ahead = datetime(2026, 3, 15, 9, 0, tzinfo=ZoneInfo("America/New_York"))  # EDT: 13:00 UTC
    assert codes(validate_occurred_at, ahead, NOW, 7) == "future_activity"


def test_naive_occurred_at_is_rejected():
    assert codes(validate_occurred_at, datetime(2026, 3, 15, 11, 0), NOW, 7) == "invalid_occurred_at"


# -- score packing ----------------------------------------------------------------------------------
DAY = period_of_date("day", date(2026, 3, 15), ZoneInfo("UTC"))
WEEK = period_of_date("week", date(2026, 3, 15), ZoneInfo("UTC"))
QUARTER = period_of_date("quarter", date(2026, 3, 15), ZoneInfo("UTC"))
ALL = period_of_date("all", date(2026, 3, 15), ZoneInfo("UTC"))


def test_tie_part_counts_down_from_the_period_start():
    scale = tie_scale("day")
    assert scale == 2 ** 17
    assert tie_part(DAY, DAY.start) == scale - 1
    assert tie_part(DAY, DAY.start + timedelta(seconds=1)) == scale - 2
    assert tie_part(DAY, DAY.start + timedelta(hours=1, milliseconds=999)) == scale - 1 - 3600


def test_tie_part_is_clamped_to_its_bits():
    scale = tie_scale("day")
    assert tie_part(DAY, DAY.start - timedelta(days=3)) == scale - 1   # before the period: as if at its start
    assert tie_part(DAY, DAY.start + timedelta(days=30)) == 0          # far after: the smallest tie part
    assert tie_part(DAY, DAY.start + timedelta(seconds=scale - 1)) == 0
    assert tie_part(DAY, DAY.start + timedelta(seconds=scale + 5)) == 0


def test_all_time_tie_part_counts_hours():
    assert tie_part(ALL, ALL_TIME_START + timedelta(hours=10, minutes=59)) == tie_scale("all") - 1 - 10


def test_every_window_fits_a_whole_period_in_its_tie_bits():
    # The longest period of each window must not reach the clamp (otherwise late ties would be equal).
    longest = {"day": timedelta(hours=25), "week": timedelta(hours=169), "month": timedelta(days=31, hours=1),
               "quarter": timedelta(days=92, hours=1)}
    for window, span in longest.items():
        assert span.total_seconds() < 2 ** TIE_BITS[window]


@pytest.mark.parametrize("window", ["day", "week", "month", "quarter", "all"])
def test_pack_and_unpack_round_trip(window):
    scale = tie_scale(window)
    for metric in (0, 1, 7, 1000, MAX_METRIC[window]):
        for tie in (0, 1, scale - 1):
            score = pack(window, metric, tie)
            assert score < 2 ** 53
            assert float(int(score)) == score            # exact in a double
            assert unpack_metric(window, score) == metric


def test_negative_metrics_unpack_correctly():
    # A reversal can push a rep below zero on a board.
    for metric in (-1, -2, -1000):
        for tie in (0, 5, tie_scale("day") - 1):
            assert unpack_metric("day", pack("day", metric, tie)) == metric


def test_higher_metric_always_beats_any_tie_and_earlier_wins_equal_metrics():
    late_high = pack("week", 11, 0)
    early_low = pack("week", 10, tie_scale("week") - 1)
    assert late_high > early_low
    early = pack("week", 10, tie_part(WEEK, WEEK.start + timedelta(minutes=5)))
    late = pack("week", 10, tie_part(WEEK, WEEK.start + timedelta(minutes=6)))
    assert early > late


def test_quarter_max_metric_is_exact():
    scale = tie_scale("quarter")
    top = pack("quarter", MAX_METRIC["quarter"], scale - 1)
    assert top == 2 ** 53 - 1
    assert unpack_metric("quarter", top) == MAX_METRIC["quarter"]
    assert tie_part(QUARTER, QUARTER.start) == scale - 1


# -- competition ranks ------------------------------------------------------------------------------
def test_competition_ranks_share_a_rank_and_skip_after_a_tie():
    assert competition_ranks([10, 8, 8, 5], 1) == [1, 2, 2, 4]
    assert competition_ranks([9, 9, 9, 9], 1) == [1, 1, 1, 1]
    assert competition_ranks([5, 4, 3], 1) == [1, 2, 3]
    assert competition_ranks([7, 7, 3, 3, 3, 1], 1) == [1, 1, 3, 3, 3, 6]
    assert competition_ranks([], 1) == []


def test_page_starting_in_the_middle_of_a_tie():
    # Board: 10, 8, 8, 8, 5. A page from offset 2 holds [8, 8, 5]; one score is strictly higher.
    assert competition_ranks([8, 8, 5], first_rank=2, first_rank_offset=2) == [2, 2, 5]
    # Page from offset 3: [8, 5].
    assert competition_ranks([8, 5], first_rank=2, first_rank_offset=3) == [2, 5]
    # Page from offset 4: [5].
    assert competition_ranks([5], first_rank=5, first_rank_offset=4) == [5]


def test_page_starting_after_a_tie_ends():
    # Board: 9, 9, 7, 7, 7, 2. Page from offset 2: [7, 7, 7, 2].
    assert competition_ranks([7, 7, 7, 2], first_rank=3, first_rank_offset=2) == [3, 3, 3, 6]
