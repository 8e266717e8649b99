"""Contest scoring rules, as pure functions: every format, ties and tie-breakers, prizes,
late and reversed activities, windows across DST."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from server.contests import rules as c
from server.core.errors import DomainError

T0 = datetime(2026, 3, 2, tzinfo=UTC)


def at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def act(uid: int, amount: int, hours: float, aid: int | None = None, recorded: float | None = None) -> c.Counted:
    """An activity that occurred at `hours`, recorded then unless `recorded` says later."""
    return c.Counted(uid, aid if aid is not None else int(hours * 1000) + uid, at(hours), amount,
                     at(hours if recorded is None else recorded))


def rev(uid: int, amount: int, hours: float, aid: int, recorded: float | None = None) -> c.Counted:
    return c.Counted(uid, aid, at(hours), -amount, at(hours if recorded is None else recorded), reversal=True)


def rules(fmt: str = "individual", **kw) -> c.Rules:
    return c.Rules(format=fmt, measure="points", **kw)


def members(*ids: int, **baselines) -> list[c.Member]:
    return [c.Member(i, baseline=baselines.get(f"b{i}", 0)) for i in ids]


def by_user(rows: list[c.Row]) -> dict[int, c.Row]:
    return {r.user_id: r for r in rows}


# -- windows ------------------------------------------------------------------------------------

def test_window_is_local_days_inclusive_and_spans_dst_in_new_york():
    ny = ZoneInfo("America/New_York")
    start, end = c.window(date(2026, 3, 7), date(2026, 3, 9), ny)  # DST starts 2026-03-08
    assert start == datetime(2026, 3, 7, 5, tzinfo=UTC)  # EST midnight
    assert end == datetime(2026, 3, 10, 4, tzinfo=UTC)  # EDT midnight
    assert (end - start) == timedelta(hours=71)  # a 23-hour day inside


def test_window_bounds():
    utc = ZoneInfo("UTC")
    s, e = c.window(date(2026, 1, 1), date(2026, 1, 1), utc)
    assert e - s == timedelta(days=1)
    with pytest.raises(DomainError) as err:
        c.window(date(2026, 1, 2), date(2026, 1, 1), utc)
    assert err.value.code == "invalid_dates"
    c.window(date(2026, 1, 1), date(2026, 4, 2), utc)  # 92 days: a quarter
    with pytest.raises(DomainError) as err:
        c.window(date(2026, 1, 1), date(2026, 4, 3), utc)
    assert err.value.code == "contest_too_long"


def test_baseline_window_is_the_same_length_just_before():
    utc = ZoneInfo("UTC")
    s, e = c.baseline_window(date(2026, 1, 8), date(2026, 1, 14), utc)
    assert s == datetime(2026, 1, 1, tzinfo=UTC) and e == datetime(2026, 1, 8, tzinfo=UTC)


def test_round_windows_split_days_and_follow_dst():
    ny = ZoneInfo("America/New_York")
    ws = c.round_windows(date(2026, 3, 1), date(2026, 3, 10), 3, ny)
    assert ws[0][0] == datetime(2026, 3, 1, 5, tzinfo=UTC)
    assert ws[0][1] == ws[1][0] == datetime(2026, 3, 4, 5, tzinfo=UTC)  # 3 local days each, last takes 4
    assert ws[2][0] == datetime(2026, 3, 7, 5, tzinfo=UTC)
    assert ws[2][1] == datetime(2026, 3, 11, 4, tzinfo=UTC)
    assert ws[2][1] - ws[2][0] == timedelta(days=4, hours=-1)  # round 3 holds 2026-03-08 (23 hours)
    with pytest.raises(DomainError):
        c.round_windows(date(2026, 3, 1), date(2026, 3, 2), 3, ny)


# -- validation ---------------------------------------------------------------------------------

@pytest.mark.parametrize("r,hidden,code", [
    (rules("nope"), False, "invalid_format"),
    (c.Rules("individual", "count", "points"), False, "invalid_metric"),
    (c.Rules("individual", "points", "call"), False, "invalid_metric"),
    (rules(tie_breakers=("coin",)), False, "invalid_tie_breaker"),
    (rules(tie_breakers=("first_to_reach", "first_to_reach")), False, "invalid_tie_breaker"),
    (rules(per_head=True), False, "invalid_rules"),
    (rules(bracket=True), False, "invalid_rules"),
    (rules("target"), False, "target_required"),
    (rules(target=5), False, "invalid_rules"),
    (rules("head_to_head", pairs=((1, 2), (2, 3))), False, "invalid_pairs"),
    (rules("head_to_head", pairs=((1, 1),)), False, "invalid_pairs"),
    (rules(prizes=(c.Prize(10, place=1),)), True, "hidden_no_prizes"),
    (rules(prizes=(c.Prize(10),)), False, "invalid_prize"),
    (rules(prizes=(c.Prize(0, place=1),)), False, "invalid_prize"),
    (rules(prizes=(c.Prize(5, place=1), c.Prize(3, place=1))), False, "invalid_prize"),
    (rules("target", target=5, prizes=(c.Prize(5, place=1),)), False, "invalid_prize"),
    (rules("team", prizes=(c.Prize(5, threshold=3),)), False, "invalid_prize"),
])
def test_invalid_rules_are_refused_with_a_code(r, hidden, code):
    with pytest.raises(DomainError) as err:
        c.validate(r, hidden=hidden)
    assert err.value.code == code


def test_valid_rules_pass():
    c.validate(rules(prizes=(c.Prize(100, place=1), c.Prize(0, "Lunch", place=2))), hidden=False)
    c.validate(rules("target", target=10, prizes=(c.Prize(50, threshold=10), c.Prize(80, threshold=20))),
               hidden=False)
    c.validate(rules("head_to_head", pairs=((1, 2), (3, 4)), bracket=True), hidden=False)


# -- individual ---------------------------------------------------------------------------------

def test_individual_highest_total_wins_with_prizes():
    r = rules(prizes=(c.Prize(100, place=1), c.Prize(50, place=2)))
    rows = by_user(c.standings(r, members(1, 2, 3), [act(1, 10, 1), act(2, 30, 2), act(3, 20, 3), act(1, 5, 4)]))
    assert (rows[2].place, rows[3].place, rows[1].place) == (1, 2, 3)
    assert rows[2].won and not rows[3].won
    assert [p.points for p in rows[2].prizes] == [100] and [p.points for p in rows[3].prizes] == [50]
    assert rows[1].prizes == [] and rows[1].total == 15
    assert "15 points from 2 activities" in rows[1].computation


def test_tie_first_to_reach_decides():
    r = rules(prizes=(c.Prize(100, place=1),))
    rows = by_user(c.standings(r, members(1, 2), [act(1, 10, 5), act(2, 10, 3)]))
    assert rows[2].place == 1 and rows[1].place == 2
    assert rows[2].tie_break == "first_to_reach"
    assert rows[2].prizes and not rows[1].prizes


def test_first_to_reach_uses_when_the_final_total_was_reached_not_first_activity():
    # 1 starts first but only reaches 10 at hour 6; 2 reaches 10 at hour 4
    rows = by_user(c.standings(rules(), members(1, 2), [act(1, 5, 1), act(1, 5, 6), act(2, 10, 4)]))
    assert rows[2].place == 1 and rows[1].place == 2


def test_tie_most_activities_then_shared():
    r = rules(tie_breakers=("most_activities",), prizes=(c.Prize(100, place=1), c.Prize(40, place=2)))
    rows = by_user(c.standings(r, members(1, 2, 3),
                               [act(1, 5, 1), act(1, 5, 2), act(2, 10, 3), act(3, 10, 4)]))
    assert rows[1].place == 1 and rows[1].tie_break == "most_activities"
    assert rows[2].place == rows[3].place == 2  # still level: they share second place
    assert rows[2].tie_break == rows[3].tie_break == "shared"
    assert [p.points for p in rows[2].prizes] == [40] == [p.points for p in rows[3].prizes]


def test_no_tie_breakers_means_shared_first_place_and_both_get_the_prize():
    r = rules(tie_breakers=(), prizes=(c.Prize(100, place=1), c.Prize(50, place=2)))
    rows = by_user(c.standings(r, members(1, 2, 3), [act(1, 10, 1), act(2, 10, 2), act(3, 1, 3)]))
    assert rows[1].place == rows[2].place == 1 and rows[3].place == 3  # competition ranking
    assert rows[1].won and rows[2].won
    assert rows[3].prizes == []  # place 2 does not exist


def test_nobody_wins_a_place_prize_for_doing_nothing():
    rows = c.standings(rules(prizes=(c.Prize(100, place=1),)), members(1, 2), [])
    assert all(r.place == 1 and not r.prizes and not r.won for r in rows)


def test_reversed_activity_does_not_count_and_is_explained():
    rows = by_user(c.standings(rules(), members(1, 2),
                               [act(1, 10, 1, aid=11), act(1, 7, 2, aid=12), rev(1, 10, 1, aid=11), act(2, 8, 3)]))
    assert rows[1].total == 7 and rows[2].place == 1
    assert [x["reversed"] for x in rows[1].counted] == [True, False]
    assert "1 reversed and not counted" in rows[1].computation


def test_late_activity_counts_but_reaches_its_score_when_it_was_recorded():
    # Rep 1's activity is dated hour 2 but recorded at hour 6, after rep 2's (hour 5): it counts
    # in the window, and rep 1 reached 10 at hour 6 (the boards' clock, never the stated time).
    rows = by_user(c.standings(rules(), members(1, 2), [act(2, 10, 5), act(1, 10, 2, aid=99, recorded=6)]))
    assert (rows[2].place, rows[1].place) == (1, 2) and rows[2].tie_break == "first_to_reach"
    assert rows[1].counted == [{"activity_id": 99, "type": None, "occurred_at": at(2).isoformat(), "amount": 10,
                                "reversed": False}]


def test_a_reversal_does_not_move_when_the_score_was_reached():
    # Rep 1 reached 10 at hour 1 and gained 5 at hour 2, reversed at hour 8: 10, reached at hour 2
    # (the last gain); rep 2 reached 10 at hour 3. On the boards a reversal moves no tie either.
    rows = by_user(c.standings(rules(), members(1, 2), [act(1, 10, 1), act(1, 5, 2, aid=7), act(2, 10, 3),
                                                        rev(1, 5, 2, aid=7, recorded=8)]))
    assert (rows[1].total, rows[2].total) == (10, 10)
    assert (rows[1].place, rows[2].place) == (1, 2) and rows[1].tie_break == "first_to_reach"


def test_value_and_count_measures_score_the_amounts_given():
    r = c.Rules("individual", "count", "call")
    rows = by_user(c.standings(r, members(1), [act(1, 3, 1), act(1, 2, 2)]))
    assert rows[1].total == 5 and "5 call (count) from 2 activities" in rows[1].computation


# -- team ---------------------------------------------------------------------------------------

def _team_members():
    return [c.Member(1, team_id=10), c.Member(2, team_id=10), c.Member(3, team_id=10),
            c.Member(4, team_id=20), c.Member(5, team_id=20), c.Member(6)]


def test_team_totals_every_member_gets_the_team_place_and_prize():
    r = rules("team", prizes=(c.Prize(30, place=1),))
    rows = by_user(c.standings(r, _team_members(), [act(1, 10, 1), act(2, 10, 1), act(3, 10, 1), act(4, 25, 1)]))
    assert all(rows[u].place == 1 and rows[u].group == "team:10" and rows[u].group_score == 30 for u in (1, 2, 3))
    assert rows[4].place == rows[5].place == 2
    assert [p.points for p in rows[2].prizes] == [30]  # a member who logged 10 shares the team prize
    assert rows[6].place is None and "not in a team" in rows[6].computation


def test_team_per_head_makes_sizes_fair():
    r = rules("team", per_head=True, prizes=(c.Prize(30, place=1),))
    rows = by_user(c.standings(r, _team_members(), [act(1, 10, 1), act(2, 10, 1), act(3, 10, 1), act(4, 25, 1)]))
    assert rows[4].place == 1 and rows[4].group_score == 12.5  # 25 / 2 beats 30 / 3
    assert rows[1].place == 2 and rows[1].group_score == 10
    assert "25 / 2 members = 12.50 per head" in rows[5].computation


def test_team_tie_first_to_reach_uses_the_last_contribution():
    r = rules("team")
    rows = by_user(c.standings(r, _team_members(), [act(1, 10, 1), act(2, 10, 8), act(4, 20, 5)]))
    assert rows[4].place == 1 and rows[1].place == 2  # team 20 reached 20 at hour 5, team 10 at hour 8


def test_team_tie_shared_without_breakers():
    rows = by_user(c.standings(rules("team", tie_breakers=()), _team_members(), [act(1, 10, 1), act(4, 10, 5)]))
    assert rows[1].place == rows[4].place == 1


# -- improvement --------------------------------------------------------------------------------

def test_improvement_is_percent_over_own_baseline():
    ms = [c.Member(1, baseline=100), c.Member(2, baseline=10), c.Member(3, baseline=0)]
    r = rules("improvement", prizes=(c.Prize(100, place=1),))
    rows = by_user(c.standings(r, ms, [act(1, 150, 1), act(2, 20, 1), act(3, 1, 2)]))
    assert rows[2].score == 100.0 and rows[1].score == 50.0 and rows[3].score == 100.0
    assert rows[2].place == 1 and rows[3].place == 2  # same 100 %: 2 reached it first (tie-break)
    assert "(20 - 10) / 10 = +100.00%" in rows[2].computation
    assert "baseline 0 (counted as 1)" in rows[3].computation


def test_improvement_below_baseline_is_negative_and_wins_nothing():
    rows = by_user(c.standings(rules("improvement", prizes=(c.Prize(100, place=1),)),
                               [c.Member(1, baseline=50)], [act(1, 25, 1)]))
    assert rows[1].score == -50.0 and rows[1].prizes == [] and not rows[1].won


# -- bracketed divisions ------------------------------------------------------------------------

def test_divisions_group_similar_baselines_each_with_own_winner():
    ms = [c.Member(i, baseline=b) for i, b in [(1, 100), (2, 90), (3, 50), (4, 40), (5, 5), (6, 1)]]
    r = rules("bracketed", prizes=(c.Prize(20, place=1),))
    rows = by_user(c.standings(r, ms, [act(1, 5, 1), act(2, 9, 1), act(3, 3, 1), act(4, 3, 2),
                                       act(5, 1, 1), act(6, 2, 1)]))
    assert rows[1].group == rows[2].group == "division:1"
    assert rows[5].group == rows[6].group == "division:3"
    assert rows[2].place == 1 and rows[1].place == 2
    assert rows[3].place == 1 and rows[3].tie_break == "first_to_reach"  # tie inside division 2
    assert rows[6].place == 1 and rows[6].prizes  # 2 points wins division 3 though 1 point less than others
    assert sum(1 for r_ in rows.values() if r_.prizes) == 3


def test_split_divisions_even_sizes():
    groups = c.split_divisions([c.Member(i, baseline=i) for i in range(7)], 3)
    assert [len(g) for g in groups] == [3, 2, 2]
    assert groups[0][0].baseline == 6


# -- head to head -------------------------------------------------------------------------------

def test_auto_pairs_by_similar_baselines_and_bye():
    ms = [c.Member(i, baseline=b) for i, b in [(1, 5), (2, 50), (3, 40), (4, 6), (5, 100)]]
    assert c.seeding(rules("head_to_head"), ms) == [(5, 2), (3, 4), (1, None)]


def test_manager_pairs_first():
    ms = members(1, 2, 3, 4)
    assert c.seeding(rules("head_to_head", pairs=((1, 4),)), ms)[0] == (1, 4)


def test_one_round_winners_and_draw():
    r = rules("head_to_head", pairs=((1, 2), (3, 4)), tie_breakers=(), prizes=(c.Prize(10, place=1),))
    rows = by_user(c.standings(r, members(1, 2, 3, 4), [act(1, 5, 1), act(2, 3, 1), act(3, 4, 1), act(4, 4, 2)]))
    assert rows[1].place == 1 and rows[2].place == 2 and rows[1].prizes
    assert rows[3].place == rows[4].place == 1  # a draw: both win their match
    assert "draw" in rows[3].computation


def test_one_round_tie_break_first_to_reach():
    r = rules("head_to_head", pairs=((1, 2),))
    rows = by_user(c.standings(r, members(1, 2), [act(1, 4, 3), act(2, 4, 1)]))
    assert rows[2].place == 1 and "first_to_reach" in rows[2].computation


def test_bracket_of_rounds():
    utc = ZoneInfo("UTC")
    rounds = c.round_windows(date(2026, 3, 2), date(2026, 3, 3), 2, utc)  # day 1: semis, day 2: final
    r = rules("head_to_head", bracket=True, pairs=((1, 2), (3, 4)), prizes=(c.Prize(100, place=1),
                                                                           c.Prize(50, place=2),
                                                                           c.Prize(10, place=3)))
    counted = [act(1, 5, 1), act(2, 3, 1), act(3, 1, 1), act(4, 6, 1),  # semis: 1 and 4 go through
               act(1, 2, 30), act(4, 7, 30), act(2, 50, 30)]  # final: 4 wins; 2's day-2 points help nobody
    rows = by_user(c.standings(r, members(1, 2, 3, 4), counted, rounds=rounds))
    assert rows[4].place == 1 and rows[4].won and [p.points for p in rows[4].prizes] == [100]
    assert rows[1].place == 2 and [p.points for p in rows[1].prizes] == [50]
    assert rows[2].place == rows[3].place == 3
    assert "round 1: 5 vs 3" in rows[1].computation and "round 2: 2 vs 7" in rows[1].computation


def test_bracket_level_match_higher_seed_advances():
    utc = ZoneInfo("UTC")
    rounds = c.round_windows(date(2026, 3, 2), date(2026, 3, 2), 1, utc)
    r = rules("head_to_head", bracket=True, pairs=((1, 2),), tie_breakers=())
    rows = by_user(c.standings(r, members(1, 2), [act(1, 3, 1), act(2, 3, 2)], rounds=rounds))
    assert rows[1].place == 1 and rows[2].place == 2


def test_bracket_in_progress_shows_no_places_yet():
    utc = ZoneInfo("UTC")
    rounds = c.round_windows(date(2026, 3, 2), date(2026, 3, 3), 2, utc)
    r = rules("head_to_head", bracket=True, pairs=((1, 2), (3, 4)))
    rows = by_user(c.standings(r, members(1, 2, 3, 4), [act(1, 5, 1), act(2, 1, 1)], rounds=rounds, now=at(12)))
    assert all(row.place is None for row in rows.values())
    rows = by_user(c.standings(r, members(1, 2, 3, 4), [act(1, 5, 1), act(2, 1, 1), act(4, 1, 2)], rounds=rounds,
                               now=at(30)))
    assert rows[2].place == 3 and rows[3].place == 3  # out after round 1
    assert rows[1].place is None and rows[4].place is None  # the final is being played


# -- target ---------------------------------------------------------------------------------------

def test_target_everyone_reaching_the_threshold_wins_highest_tier_only():
    r = rules("target", target=10, prizes=(c.Prize(50, threshold=10), c.Prize(120, "Dinner", threshold=20)))
    rows = by_user(c.standings(r, members(1, 2, 3), [act(1, 10, 1), act(2, 25, 1), act(3, 9, 1)]))
    assert rows[1].won and rows[2].won and not rows[3].won
    assert [p.points for p in rows[1].prizes] == [50]
    assert [(p.points, p.name) for p in rows[2].prizes] == [(120, "Dinner")]
    assert rows[3].prizes == [] and "target 10 not reached" in rows[3].computation


def test_target_reversal_drops_below_threshold():
    r = rules("target", target=10, prizes=(c.Prize(50, threshold=10),))
    rows = by_user(c.standings(r, members(1), [act(1, 6, 1, aid=1), act(1, 6, 2, aid=2), rev(1, 6, 2, aid=2)]))
    assert rows[1].total == 6 and not rows[1].won and rows[1].prizes == []


def test_target_ties_all_win():
    r = rules("target", target=5, prizes=(c.Prize(10, threshold=5),))
    rows = c.standings(r, members(1, 2, 3), [act(1, 5, 1), act(2, 5, 2), act(3, 5, 3)])
    assert all(row.won and row.prizes for row in rows)


def test_prize_key_is_stable():
    assert c.prize_key(c.Prize(5, place=2)) == "place:2"
    assert c.prize_key(c.Prize(5, threshold=20)) == "threshold:20"


def test_bracket_without_fixed_rounds_plays_as_one_round():
    r = rules("head_to_head", bracket=True, pairs=((1, 2),))
    rows = by_user(c.standings(r, members(1, 2), [act(1, 3, 1)], rounds=None))
    assert rows[1].place == 1 and rows[2].place == 2
