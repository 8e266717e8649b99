"""The insights' pure rules with exact numbers: percentiles and spread, Spearman's ρ, the verdicts,
who is within reach of a prize, and each early-warning rule beside its non-firing twin."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from server.core.errors import DomainError
from server.insights import rules as r

T = r.Thresholds()


def test_percentiles_interpolate_between_closest_ranks_and_the_spread_is_p90_over_p10():
    s = r.spread([0.7, 0.0, 0.5, 0.3])
    assert s is not None
    assert (s.n, s.median, s.p25, s.p75) == (4, pytest.approx(0.4), pytest.approx(0.225), pytest.approx(0.55))
    assert (s.p10, s.p90) == (pytest.approx(0.09), pytest.approx(0.64))
    assert s.ratio == pytest.approx(0.64 / 0.09)
    assert r.spread([]) is None
    assert r.spread([0.0, 0.0, 1.0]).ratio is None  # the bottom tenth has nothing: no ratio
    assert r.percentile([5.0], 0.9) == 5.0


def test_spearman_uses_average_ranks_for_ties():
    assert r.ranks([10, 20, 20, 5]) == [2.0, 3.5, 3.5, 1.0]
    assert r.spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]) == pytest.approx(8 / 95 ** 0.5)  # 0.8208
    assert r.spearman([1, 2, 3], [3, 2, 1]) == pytest.approx(-1.0)
    assert r.spearman([1, 2, 3], [4, 4, 4]) is None
    assert r.significant(0.18, 120) is True and r.significant(0.17, 120) is False


def test_verdicts_in_plain_words():
    up = r.link("call", "Calls", "won value", list(range(30)), [v * 2 for v in range(30)], 12, 4)
    assert (up.strength, up.rho, up.n) == ("strong", pytest.approx(1.0), 30)
    assert up.verdict == ("Calls: strong link to won value in the following 4 weeks over 12 weeks (n = 30, "
                          "ρ = +1.00): a rep's weeks with more of it are followed by more won value")
    down = r.link("email", "Emails", "won value", list(range(30)), [-v for v in range(30)], 12, 4)
    assert down.verdict.startswith("Emails: strong negative link to won value in the following 4 weeks")
    assert down.verdict.endswith("are followed by less won value")
    few = r.link("call", "Calls", "won value", [1, 2, 3], [1, 2, 3], 12, 4)
    assert few.verdict == "Calls: too little data to tell (3 rep-weeks, 20 needed)"
    flat = r.link("call", "Calls", "won value", [1, 2] * 15, [3] * 30, 12, 4)
    assert flat.verdict == "Calls: no link to won value in the following 4 weeks over 12 weeks (n = 30)"
    assert r.strength_of(0.25, 480) == "weak" and r.strength_of(0.4, 480) == "moderate"
    assert r.strength_of(0.05, 480) == "none"


def test_pairs_compare_each_reps_weeks_with_their_own_mean():
    # rep 1: counts 1, 2 in weeks 0-1, won value of the 2 weeks after each: 30 and 50
    xs, ys = r.pairs({1: [1, 2, 3, 4], 2: [9, 9, 9, 9]}, {1: [100, 10, 20, 30]}, weeks=2, lag=2,
                     first_week={1: 0, 2: 1})
    assert (xs, ys) == ([-0.5, 0.5], [-10.0, 10.0])  # rep 2 was there for one week only: left out
    # a busier rep is not a link: the same within-rep weeks whatever the rep's level
    flat = r.pairs({1: [1, 2, 1, 2], 2: [11, 12, 11, 12]}, {1: [0, 5, 5, 5], 2: [0, 50, 50, 50]}, weeks=2, lag=1,
                   first_week={1: 0, 2: 0})
    assert flat == ([-0.5, 0.5, -0.5, 0.5], [0.0, 0.0, 0.0, 0.0])


def _standings(**totals: int) -> list[r.Standing]:
    ordered = sorted(totals.items(), key=lambda kv: -kv[1])
    return [r.Standing(i, total, place) for place, (i, total) in enumerate(((int(k[1:]), v) for k, v in ordered),
                                                                            start=1)]


def test_within_reach_of_a_prize_at_a_stepped_up_pace():
    # places 1-3 have prizes; half the contest is gone; the 3rd place (60) projects to 120
    found = r.reach(_standings(u1=100, u2=80, u3=60, u4=50, u5=20), 0.5, 50, 3, [])
    assert found.line == 120.0
    assert (found.within, found.out) == ([1, 2, 3, 4], [5])  # u4: 50 + 1.5 × 50 = 125 >= 120; u5: 50 < 120
    near_miss = r.reach(_standings(u1=100, u2=80, u3=60, u4=45), 0.5, 50, 3, [])
    assert near_miss.out == [4]  # 45 + 1.5 × 45 = 112.5 < 120
    target = r.reach([r.Standing(1, 40, None), r.Standing(2, 39, None)], 0.5, 50, 0, [100])
    assert (target.line, target.within, target.out) == (100.0, [1], [2])  # 40 + 60 = 100; 39 + 58.5 = 97.5
    assert r.reach(_standings(u1=5, u2=3), 0.5, 50, 3, []).out == []  # more prizes than reps
    assert r.reach(_standings(u1=5, u2=0), 0.0, 50, 1, []).out == []  # not started: everyone


MON = date(2027, 2, 1)


def _days(first: date, n: int) -> list[date]:
    out, d = [], first
    while len(out) < n:
        if d.weekday() < 5:
            out.append(d)
        d += timedelta(days=1)
    return out


RECENT = r.window_of(_days(date(2027, 2, 22), 5))  # Mon 22 .. Fri 26 February
BEFORE = r.window_of(_days(date(2027, 1, 25), 20), date(2027, 2, 22))  # the 20 working days before


def _daily(per_day_before: int, recent: dict[int, int]) -> dict[date, int]:
    daily = {d: per_day_before for d in _days(date(2027, 1, 25), 20)}
    days = _days(date(2027, 2, 22), 5)
    for i, v in recent.items():
        daily[days[i]] = v
    return daily


def test_low_activity_fires_below_half_the_baseline_and_not_at_half():
    assert RECENT is not None and BEFORE is not None
    flag = r.low_activity(_daily(2, {0: 2, 3: 2}), RECENT, BEFORE, T)  # 4 of an expected 10
    assert flag is not None and flag.reason == "low_activity"
    assert flag.evidence == {"from": "2027-02-22", "to": "2027-02-26", "working_days": 5, "activity": 4,
                             "baseline_per_day": 2.0, "expected": 10.0, "ratio": 0.4, "threshold_pct": 50}
    assert r.low_activity(_daily(2, {0: 2, 3: 3}), RECENT, BEFORE, T) is None  # 5 of 10: not below half
    assert r.low_activity(_daily(0, {}), RECENT, BEFORE, T) is None  # no baseline: not judged
    small = {d: 1 for d in _days(date(2027, 1, 25), 10)}  # 0.5 a day: under min_baseline
    assert r.low_activity(small, RECENT, BEFORE, T) is None


def test_inactive_fires_after_three_silent_working_days_and_not_after_two():
    assert BEFORE is not None
    last3 = r.window_of(_days(date(2027, 2, 24), 3))
    assert last3 is not None
    daily = _daily(2, {0: 1, 1: 1})  # active Mon and Tue, silent Wed-Fri
    flag = r.inactive(daily, last3, r.window_of(_days(date(2027, 1, 27), 20), date(2027, 2, 24)), T)
    assert flag is not None
    assert flag.evidence == {"from": "2027-02-24", "to": "2027-02-26", "working_days": 3,
                             "last_active": "2027-02-23", "baseline_per_day": 1.9}
    daily[date(2027, 2, 25)] = 1  # logged on Thursday: not silent
    assert r.inactive(daily, last3, BEFORE, T) is None
    assert r.inactive({}, last3, BEFORE, T) is None  # never active: a new rep, not a drop-off


def test_a_long_streak_that_breaks_is_flagged_and_a_short_or_running_one_is_not():
    start = date(2027, 2, 1)
    seen = r.StreakState(12, start, date(2027, 2, 16))
    broken = r.streak_broken(seen, r.StreakState(0, None, None), T)
    assert broken is not None and broken.evidence == {"length": 12, "run_start": "2027-02-01",
                                                       "last_day": "2027-02-16", "threshold": 10}
    assert r.streak_broken(seen, r.StreakState(1, date(2027, 2, 18), date(2027, 2, 18)), T) is not None  # new run
    assert r.streak_broken(seen, r.StreakState(13, start, date(2027, 2, 17)), T) is None  # still running
    assert r.streak_broken(r.StreakState(9, start, None), r.StreakState(0, None, None), T) is None  # too short


def test_settings_are_bounded():
    r.check_thresholds(T)
    with pytest.raises(DomainError, match="inactive_days"):
        r.check_thresholds(r.Thresholds(inactive_days=0))
    with pytest.raises(DomainError, match="easier_missions_pct"):
        r.check_thresholds(r.Thresholds(easier_missions_pct=101))
