"""Fantasy league rules with exact answers: the snake order, auto-picks, the round robin, the
table and its tie-breaks, the playoff bracket."""

from __future__ import annotations

from datetime import date

import pytest

from server.fantasy import rules


def test_snake_order_and_rounds():
    assert rules.pick_order(3, 3) == [0, 1, 2, 2, 1, 0, 0, 1, 2]
    assert [rules.round_of(p, 3) for p in (0, 2, 3, 8)] == [1, 1, 2, 3]


def test_auto_pick_takes_the_most_recent_metric_then_the_lowest_id():
    assert rules.auto_pick([5, 3, 9], {3: 10, 9: 10, 5: 2}) == 3
    assert rules.auto_pick([7, 4], {}) == 4
    with pytest.raises(ValueError):
        rules.auto_pick([], {})


def test_round_robin_meets_everyone_once_and_gives_byes_to_odd_leagues():
    assert rules.schedule(4, 3) == [[(0, 3), (1, 2)], [(0, 2), (1, 3)], [(0, 1), (2, 3)]]
    assert rules.schedule(4, 4)[3] == [(0, 3), (1, 2)]  # a longer season repeats the cycle
    assert rules.schedule(3, 3) == [[(0, None), (1, 2)], [(0, 2), (1, None)], [(0, 1), (2, None)]]
    assert rules.schedule(2, 2) == [[(0, 1)], [(0, 1)]]


def test_standings_wins_then_points_for_then_draft_position():
    weeks = rules.schedule(4, 2)
    scores = [{0: 10, 3: 5, 1: 7, 2: 7}, {0: 3, 2: 9, 1: 4, 3: 4}]
    table = rules.standings(4, weeks, scores)
    assert [(s.team, s.record, s.points_for, s.points_against) for s in table] == [
        (2, "1-0-1", 16, 10), (0, "1-1-0", 13, 14), (1, "0-0-2", 11, 11), (3, "0-1-1", 9, 14)]
    # weeks without scores yet count nothing
    assert [s.record for s in rules.standings(4, weeks, [])] == ["0-0-0"] * 4


def test_playoffs_seed_outside_in_and_a_tie_goes_to_the_better_seed():
    games = rules.first_round([2, 0, 1, 3])
    assert [(g.high, g.low, g.high_seed, g.low_seed) for g in games] == [(2, 3, 1, 4), (0, 1, 2, 3)]
    week = {2: 5, 3: 6, 0: 4, 1: 4}  # the 4th seed upsets the 1st; 2 v 3 is a tie: the 2nd seed goes on
    final = rules.next_round(games, week)
    assert [(g.high, g.low, g.high_seed, g.low_seed) for g in final] == [(0, 3, 2, 4)]
    assert final[0].winner({0: 1, 3: 2}) == 3
    eight = rules.first_round(list(range(8)))
    assert [(g.high_seed, g.low_seed) for g in eight] == [(1, 8), (2, 7), (3, 6), (4, 5)]
    semis = rules.next_round(eight, {})  # every tie: the better seeds go on
    assert [(g.high_seed, g.low_seed) for g in semis] == [(1, 4), (2, 3)]
    assert rules.playoff_weeks(8) == 3 and rules.playoff_weeks(2) == 1
    with pytest.raises(ValueError):
        rules.first_round([0, 1, 2])


def test_week_span():
    assert rules.week_span(date(2027, 2, 1), 1) == (date(2027, 2, 8), date(2027, 2, 15))
