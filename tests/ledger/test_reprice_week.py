"""`reprice_week`: this week's board if a new rule had scored the type's activities all week."""

from __future__ import annotations

from datetime import date

from server.ledger.rules import PastActivity, Rule, Shift, competition_rank, reprice_week

MON, TUE = date(2026, 12, 7), date(2026, 12, 8)


def test_a_cap_counts_units_per_rep_and_day_in_recording_order():
    # calls were 2 points, no cap; rep 1 logged 6 + 4 on Monday and 3 on Tuesday, rep 2 five on Monday
    past = [
        PastActivity(1, MON, 6, None, 12),
        PastActivity(2, MON, 5, None, 10),
        PastActivity(1, MON, 4, None, 8),
        PastActivity(1, TUE, 3, None, 6),
    ]
    totals = {1: 26 + 4, 2: 10 + 15, 3: 20}  # other entries of the week stay as they are
    got = reprice_week(totals, past, Rule(0, 3, None, 5))  # 3 points, at most 5 a day
    # rep 1: Monday 5 of 6 units, then 0 of 4; Tuesday 3 -> 15 + 0 + 9 = 24 (was 26) + 4 = 28
    # rep 2: 5 units -> 15 (was 10) + 15 = 30
    assert got == [Shift(2, 25, 30, 2, 1), Shift(1, 30, 28, 1, 2), Shift(3, 20, 20, 3, 3)]
    assert [s.moved for s in got] == [True, True, False]


def test_value_points_self_reports_and_ties():
    past = [
        PastActivity(1, MON, 1, 1234.0, 100),  # a deal: 100 points then
        PastActivity(2, MON, 2, None, 100, self_report="weighted", weight=0.5),
        PastActivity(3, MON, 1, 50.0, 0, self_report="pending"),  # still nothing, uses no cap
        PastActivity(3, MON, 1, 500.0, 100),
    ]
    got = reprice_week({1: 100, 2: 100, 3: 100}, past, Rule(0, 10, 0.1, 2))
    # rep 1: 10 + round(1234 * 0.1) = 133; rep 2: (2 * 10) * 0.5 = 10; rep 3: 10 + 50 = 60
    assert got == [Shift(1, 100, 133, 1, 1), Shift(3, 100, 60, 1, 2), Shift(2, 100, 10, 1, 3)]


def test_no_activity_of_the_type_moves_nobody():
    assert reprice_week({4: 7, 5: 7, 6: 1}, [], Rule(0, 1, None, None)) == [
        Shift(4, 7, 7, 1, 1),
        Shift(5, 7, 7, 1, 1),
        Shift(6, 1, 1, 3, 3),
    ]
    assert competition_rank({1: 5, 2: 9, 3: 5, 4: 0}) == {1: 2, 2: 1, 3: 2, 4: 4}
