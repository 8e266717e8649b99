"""The pure rules and statistics of hold-out experiments, on constructed data with known answers."""

from __future__ import annotations

from datetime import date

import pytest

from server.core.errors import DomainError
from server.experiments import rules, stats


def test_t_quantiles_match_the_tables():
    # two-sided 95% critical values of Student's t (any statistics table)
    for df, want in ((1, 12.706205), (2, 4.302653), (4, 2.776445), (8, 2.306004), (10, 2.228139),
                     (30, 2.042272), (1000, 1.962339)):
        assert stats.t_quantile(0.975, df) == pytest.approx(want, abs=1e-6)
    assert stats.t_cdf(2.0, 5) == pytest.approx(0.9490303, abs=1e-7)
    assert stats.t_quantile(0.025, 8) == pytest.approx(-2.306004, abs=1e-6)


def test_welch_lift_and_interval_on_a_known_dataset():
    # equal sizes and variances: df = 2n - 2 = 8, standard error sqrt(10/5 + 10/5) = 2
    variant, holdout = [11, 13, 15, 17, 19], [6, 8, 10, 12, 14]
    lift = stats.welch(variant, holdout)
    assert (lift.n_variant, lift.n_holdout, lift.mean_variant, lift.mean_holdout, lift.diff) == (5, 5, 15, 10, 5)
    assert lift.df == pytest.approx(8.0)
    assert lift.ci_low == pytest.approx(5 - 2 * 2.306004, abs=1e-5)  # 0.387992
    assert lift.ci_high == pytest.approx(5 + 2 * 2.306004, abs=1e-5)  # 9.612008
    assert lift.relative == 0.5
    assert lift.relative_ci == pytest.approx((0.0387992, 0.9612008), abs=1e-6)
    assert lift.significant
    # unequal variances: Welch-Satterthwaite df = 9 / (25/9/3 + 16/9/2) = 4.95918...
    uneven = stats.welch([12, 14, 16, 18], [8, 10, 12])
    assert uneven.diff == 5 and uneven.df == pytest.approx(4.959184, abs=1e-6)
    half = stats.t_quantile(0.975, uneven.df) * 3 ** 0.5
    assert (uneven.ci_low, uneven.ci_high) == pytest.approx((5 - half, 5 + half))
    assert stats.welch([1, 2, 3], [1, 2, 3]).significant is False


def test_welch_edges():
    one = stats.welch([4], [1, 2])
    assert (one.diff, one.ci_low, one.ci_high, one.df) == (2.5, None, None, None)
    flat = stats.welch([3, 3], [1, 1])
    assert (flat.ci_low, flat.ci_high) == (2, 2) and flat.significant
    assert stats.welch([1, 3], [0, 0]).relative is None  # no hold-out mean to divide by


def test_balance_and_contamination():
    assert stats.smd([1, 2, 3], [2, 3, 4]) == -1.0
    assert stats.smd([5, 5], [5, 5]) == 0.0 and stats.smd([1], [1, 2]) is None
    assert stats.balanced(0.2) and not stats.balanced(-0.21) and stats.balanced(None)
    arm_of = {1: "holdout", 2: "a", 3: "holdout", 4: "holdout", 5: "a"}
    team_of = {1: 10, 2: 10, 3: 20, 4: 20, 5: None}
    assert stats.mixed_teams(arm_of, team_of) == {10: {"a": 1, "holdout": 1}}


def _arms(holdout: float, *variants: str) -> list[rules.Arm]:
    return rules.arms_of([(v, {"missions": False}) for v in variants[:1]]
                         + [(v, {"instant_wins": False}) for v in variants[1:]], holdout, {})


def test_assignment_is_balanced_stratified_and_reproducible():
    units = {uid: float(uid % 40) for uid in range(100, 140)}  # pre-period values 20..39, 0..19
    arms = _arms(0.5, "no_missions")
    placed = rules.assign(units, arms, seed=7)
    by_arm = {a.name: sorted(u for u, (arm, _) in placed.items() if arm == a.name) for a in arms}
    assert [len(v) for v in by_arm.values()] == [20, 20]
    # each stratum is two neighbours by pre-period value, one in each arm
    for s in range(20):
        assert sorted(arm for arm, st in placed.values() if st == s) == ["holdout", "no_missions"]
    pre = {name: sum(units[u] for u in us) / len(us) for name, us in by_arm.items()}
    assert abs(pre["holdout"] - pre["no_missions"]) <= 1.0  # 39 + 1 apart at most, shared by 20 strata
    assert rules.assign(units, arms, seed=7) == placed  # the stored seed gives the same arms
    assert rules.assign(dict(reversed(units.items())), arms, seed=7) == placed  # whatever the order read
    assert rules.assign(units, arms, seed=8) != placed


def test_assignment_shares_with_two_variants():
    units = {uid: float(uid) for uid in range(1, 49)}
    arms = _arms(0.25, "a", "b")
    assert [a.share for a in arms] == [0.25, 0.375, 0.375]
    placed = rules.assign(units, arms, seed=1)
    counts = {a.name: sum(1 for arm, _ in placed.values() if arm == a.name) for a in arms}
    assert counts == {"holdout": 12, "a": 18, "b": 18}


def test_programs_and_windows():
    assert rules.program_of({"missions": False}) == {"missions": False, "instant_wins": True}
    with pytest.raises(DomainError) as e:
        rules.program_of({"multiplier": 2})
    assert e.value.code == "invalid_program"
    with pytest.raises(DomainError):
        rules.arms_of([("same", {})], 0.5, {})  # the hold-out's program: measures nothing
    with pytest.raises(DomainError):
        rules.arms_of([("holdout", {"missions": False})], 0.5, {})
    with pytest.raises(DomainError):
        rules.check_window(date(2026, 12, 10), date(2026, 12, 9))
    assert rules.pre_window(date(2026, 12, 10), date(2026, 12, 16), date(2026, 12, 7)) == (
        date(2026, 11, 30), date(2026, 12, 7))  # 7 days, over before today
    assert rules.pre_window(date(2026, 12, 1), date(2027, 3, 1), date(2026, 12, 7)) == (
        date(2026, 11, 3), date(2026, 12, 1))  # at most 28 days
    assert rules.elapsed_days(date(2026, 12, 1), date(2026, 12, 31), date(2026, 12, 7)) == 7
    assert rules.elapsed_days(date(2026, 12, 8), date(2026, 12, 31), date(2026, 12, 7)) == 0
    assert rules.elapsed_days(date(2026, 12, 1), date(2026, 12, 3), date(2026, 12, 7)) == 3


def test_power_of_a_known_design():
    # lift / standard error = 2.8 gives the textbook 80% power at 95% confidence
    se_of = (2 * 1.0**2 / 50) ** 0.5  # sd 1, 50 a side: se 0.2
    assert stats.power(2.8 * se_of, 1.0, 1.0, 50, 50) == pytest.approx(0.7995, abs=1e-4)
    assert stats.power(0.0, 1.0, 1.0, 50, 50) == pytest.approx(0.05, abs=1e-9)
    assert stats.power(1.0, 1.0, 1.0, 1, 50) == 0.0
