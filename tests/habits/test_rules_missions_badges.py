"""Mission calibration and badge rules as pure functions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from server.core.errors import DomainError
from server.habits import rules_badges as b
from server.habits import rules_missions as m


def tpl(i: int, type_key: str = "call", **kw) -> m.Template:
    base = dict(id=i, key=f"t{i}", label="x", type_key=type_key, metric="count", min_target=1, max_target=100,
                bonus_points=10, nudge_pct=10)
    return m.Template(**{**base, **kw})


def test_target_is_own_median_nudged_up():
    # median of [10, 12, 14, 16, 20, 0] is 13; +10 % = 14.3 -> 15
    assert m.target_for(tpl(1), [10, 12, 14, 16, 20, 0], []) == 15
    # an established rep's own median, however few days were active
    assert m.target_for(tpl(1), [10, 12, 14, 0, 20], [18, 18, 30]) == 14


def test_target_uses_team_median_for_a_new_rep():
    assert m.target_for(tpl(1), [3, 9, 9], [20, 20, 30], established=False) == 22
    assert m.target_for(tpl(1), [3, 9, 9], [], established=False) == 1  # no team history: the minimum


def test_two_weeks_make_a_rep_established():
    day = date(2026, 12, 7)
    assert m.established(date(2026, 11, 23), day) and not m.established(date(2026, 11, 24), day)


def test_target_stays_within_bounds():
    assert m.target_for(tpl(1, min_target=5), [], []) == 5
    assert m.target_for(tpl(1, max_target=8), [50] * 20, []) == 8


def test_target_exact_nudge_does_not_round_up_twice():
    assert m.target_for(tpl(1, nudge_pct=0), [10] * 10, []) == 10


def test_only_the_last_20_days_count():
    history = [100] * 10 + [2] * 20
    assert m.target_for(tpl(1, nudge_pct=0), history, []) == 2


def test_plan_pins_first_and_rotates_the_rest():
    ts = [tpl(1), tpl(2), tpl(3), tpl(4), tpl(5, user_id=7), tpl(6, team_id=3), tpl(7, user_id=8)]
    plan = m.plan(ts, user_id=7, team_id=3, count=3, rotation=0, history={}, team_history={})
    assert [p.template.id for p in plan] == [5, 6, 1]
    plan = m.plan(ts, user_id=7, team_id=3, count=4, rotation=1, history={}, team_history={})
    assert [p.template.id for p in plan] == [5, 6, 2, 3]
    assert [p.slot for p in plan] == [0, 1, 2, 3]


def test_plan_count_is_3_to_5():
    ts = [tpl(i) for i in range(1, 9)]
    assert len(m.plan(ts, 1, None, 1, 0, {}, {})) == 3
    assert len(m.plan(ts, 1, None, 9, 0, {}, {})) == 5


def test_plan_other_reps_pins_are_not_mine():
    ts = [tpl(1, user_id=99), tpl(2, team_id=42), tpl(3)]
    assert [p.template.id for p in m.plan(ts, 1, 5, 3, 0, {}, {})] == [3]


def test_progress_by_metric():
    assert m.progress_of("count", 3, 900) == 3
    assert m.progress_of("value", 3, 900) == 900


@pytest.mark.parametrize(("args", "code"), [
    (("bogus", 1, 2, 1, 1), "invalid_metric"), (("count", 0, 2, 1, 1), "invalid_target"),
    (("count", 3, 2, 1, 1), "invalid_target"), (("count", 1, 2, -1, 1), "invalid_bonus"),
    (("count", 1, 2, 1, 201), "invalid_nudge"),
])
def test_template_validation(args, code):
    with pytest.raises(DomainError) as err:
        m.validate_template(*args)
    assert err.value.code == code


def badge(rule="activity_count", repeatable=False, **params) -> b.Badge:
    return b.Badge(1, "k", "K", rule, params, "bronze", 5, repeatable)


NY = ZoneInfo("America/New_York")


def test_period_key_one_off_and_repeatable():
    at = datetime(2026, 11, 18, 15, tzinfo=UTC)
    assert b.period_key(badge(window="week"), at, NY) == "once"
    assert b.period_key(badge(repeatable=True, window="week"), at, NY) == "w2026-11-16"
    assert b.period_key(badge(repeatable=True, window="day"), at, NY) == "2026-11-18"
    assert b.period_key(badge(repeatable=True, window="all"), at, NY) == "once"


def test_period_key_follows_the_org_zone_at_midnight():
    # 03:30 UTC on the 17th is still the 16th in New York
    at = datetime(2026, 11, 17, 3, 30, tzinfo=UTC)
    assert b.period_key(badge(repeatable=True, window="day"), at, NY) == "2026-11-16"


def test_holds():
    assert b.holds(badge(threshold=10), 10) and not b.holds(badge(threshold=10), 9)
    assert b.holds(badge("rank", rank=3), 3) and not b.holds(badge("rank", rank=3), 4)
    assert not b.holds(badge("rank", rank=3), 0)
    assert not b.holds(badge("manual"), 100)


@pytest.mark.parametrize(("rule", "params", "code"), [
    ("nope", {}, "invalid_rule"), ("activity_count", {"threshold": 3}, "invalid_params"),
    ("streak", {"threshold": 0}, "invalid_params"), ("streak", {"threshold": "5"}, "invalid_params"),
    ("rank", {"rank": 1, "window": "all"}, "invalid_window"), ("rank", {"rank": 0, "window": "day"}, "invalid_params"),
    ("streak", {"threshold": 2, "window": "year"}, "invalid_window"),
])
def test_badge_validation(rule, params, code):
    with pytest.raises(DomainError) as err:
        b.validate(rule, params, "bronze", 5)
    assert err.value.code == code


def test_badge_validation_normalises():
    assert b.validate("activity_count", {"type_key": "call", "threshold": 3, "extra": 1}, "gold", 0) == {
        "window": "all", "type_key": "call", "threshold": 3}
    with pytest.raises(DomainError):
        b.validate("streak", {}, "diamond", 1)


def test_starter_set_is_valid():
    for key, _name, rule, params, tier, points, _rep in b.STARTER:
        b.validate(rule, params, tier, points)
        assert key


def rank_badge(window: str = "day", created_at: datetime | None = None) -> b.Badge:
    return b.Badge(1, "top", "Top", "rank", {"rank": 1, "window": window}, "gold", 20, True, 1, created_at)


def test_a_rank_period_closes_after_its_end_plus_the_grace_hours_in_the_org_zone():
    made = datetime(2026, 11, 16, 15, tzinfo=UTC)  # 10:00 on the 16th in New York
    two_am = datetime(2026, 11, 18, 7, tzinfo=UTC)  # 02:00 on the 18th in New York
    ids = [p.id for p in b.closed_periods(rank_badge(created_at=made), two_am, NY, 0, 2)]
    assert ids == ["2026-11-16", "2026-11-17"]  # the 17th closes at 02:00 on the 18th, not before
    earlier = two_am - timedelta(seconds=1)
    assert [p.id for p in b.closed_periods(rank_badge(created_at=made), earlier, NY, 0, 2)] == ["2026-11-16"]
    # A badge made after a period ended decides nothing for it; a week badge waits for the week's end.
    assert b.closed_periods(rank_badge(created_at=two_am), two_am, NY, 0, 2) == []
    assert b.closed_periods(rank_badge("week", made), two_am, NY, 0, 2) == []


def test_rank_periods_older_than_the_boards_retention_are_left_alone():
    now = datetime(2026, 11, 30, 12, tzinfo=UTC)
    ids = [p.id for p in b.closed_periods(rank_badge(), now, UTC, 0, 0)]
    assert ids == [f"2026-11-{d}" for d in range(22, 30)]  # 8 days back: the day boards' retention


def test_top_ranks_are_competition_ranks_of_positive_scores():
    totals = {1: 30, 2: 15, 3: 15, 4: 1, 5: 0, 6: -4}
    assert b.top_ranks(totals, 1) == {1}
    assert b.top_ranks(totals, 2) == b.top_ranks(totals, 3) == {1, 2, 3}
    assert b.top_ranks(totals, 10) == {1, 2, 3, 4}
    assert b.top_ranks({7: 0}, 1) == set()
