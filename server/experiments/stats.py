"""The statistics of an experiment's results, pure: Welch's t interval for a difference of means,
the standardised mean difference of a balance check, and the contamination of teams.

Standard library only. The t quantile is exact (bisection on the t distribution's CDF, written with
the regularised incomplete beta function), so small samples get honest intervals.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import NormalDist, fmean, variance

#: |standardised mean difference| of the pre-period above which the arms are flagged as unbalanced.
BALANCE_SMD = 0.2


def _betacf(a: float, b: float, x: float) -> float:
    """The continued fraction of the incomplete beta function (modified Lentz)."""
    tiny, qab, qap, qam = 1e-300, a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c if abs(1.0 + aa / c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c if abs(1.0 + aa / c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return h


def betainc(a: float, b: float, x: float) -> float:
    """The regularised incomplete beta function I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    lbeta = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(lbeta) * _betacf(a, b, x) / a
    return 1.0 - math.exp(lbeta) * _betacf(b, a, 1.0 - x) / b


def t_cdf(t: float, df: float) -> float:
    """P(T <= t) for Student's t with `df` degrees of freedom (any real df > 0)."""
    tail = 0.5 * betainc(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t > 0 else tail


def t_quantile(p: float, df: float) -> float:
    """The t value below which a share `p` of Student's t distribution lies."""
    if not 0.0 < p < 1.0 or df <= 0:
        raise ValueError("p must be in (0, 1) and df positive")
    if p < 0.5:
        return -t_quantile(1.0 - p, df)
    lo, hi = 0.0, 1.0
    while t_cdf(hi, df) < p:
        hi *= 2.0
    for _ in range(200):
        mid = (lo + hi) / 2.0
        if t_cdf(mid, df) < p:
            lo = mid
        else:
            hi = mid
        if hi - lo < 1e-12:
            break
    return (lo + hi) / 2.0


@dataclass(frozen=True, slots=True)
class Lift:
    """A variant's difference of means over the hold-out, with a two-sided interval.

    `relative` and its interval divide by the hold-out's mean (None when that is 0); the interval
    treats the hold-out's mean as known, so it is slightly too narrow for small hold-outs."""

    n_variant: int
    n_holdout: int
    mean_variant: float
    mean_holdout: float
    diff: float
    ci_low: float | None
    ci_high: float | None
    df: float | None
    confidence: float

    @property
    def relative(self) -> float | None:
        return None if self.mean_holdout == 0 else self.diff / self.mean_holdout

    @property
    def relative_ci(self) -> tuple[float, float] | None:
        if self.mean_holdout == 0 or self.ci_low is None or self.ci_high is None:
            return None
        m = abs(self.mean_holdout)
        return (self.ci_low / m, self.ci_high / m)

    @property
    def significant(self) -> bool:
        """The interval excludes 0."""
        return self.ci_low is not None and self.ci_high is not None and (self.ci_low > 0 or self.ci_high < 0)


def welch(variant: Sequence[float], holdout: Sequence[float], confidence: float = 0.95) -> Lift:
    """Welch's t interval for mean(variant) - mean(holdout). Needs 2 values per arm for an interval;
    with no variance at all the interval is the difference itself."""
    nv, nh = len(variant), len(holdout)
    mv = fmean(variant) if nv else 0.0
    mh = fmean(holdout) if nh else 0.0
    diff = mv - mh
    if nv < 2 or nh < 2:
        return Lift(nv, nh, mv, mh, diff, None, None, None, confidence)
    sv, sh = variance(variant) / nv, variance(holdout) / nh
    se2 = sv + sh
    if se2 == 0:
        return Lift(nv, nh, mv, mh, diff, diff, diff, float(nv + nh - 2), confidence)
    df = se2 * se2 / (sv * sv / (nv - 1) + sh * sh / (nh - 1))
    half = t_quantile(0.5 + confidence / 2.0, df) * math.sqrt(se2)
    return Lift(nv, nh, mv, mh, diff, diff - half, diff + half, df, confidence)


def smd(a: Sequence[float], b: Sequence[float]) -> float | None:
    """Standardised mean difference (mean a - mean b over the pooled standard deviation); None if
    either side has fewer than 2 values, 0 when both are constant and equal."""
    if len(a) < 2 or len(b) < 2:
        return None
    pooled = math.sqrt((variance(a) + variance(b)) / 2.0)
    diff = fmean(a) - fmean(b)
    if pooled == 0:
        return 0.0 if diff == 0 else math.copysign(math.inf, diff)
    return diff / pooled


def balanced(value: float | None) -> bool:
    return value is None or abs(value) <= BALANCE_SMD


def mixed_teams(arm_of: Mapping[int, str], team_of: Mapping[int, int | None]) -> dict[int, dict[str, int]]:
    """Teams whose reps sit in more than one arm: team id -> reps per arm (reps without a team are
    nobody's teammates)."""
    per_team: dict[int, dict[str, int]] = {}
    for uid, arm in arm_of.items():
        team = team_of.get(uid)
        if team is None:
            continue
        counts = per_team.setdefault(team, {})
        counts[arm] = counts.get(arm, 0) + 1
    return {t: dict(sorted(c.items())) for t, c in sorted(per_team.items()) if len(c) > 1}


def power(lift: float, sd_variant: float, sd_holdout: float, n_variant: int, n_holdout: int,
          confidence: float = 0.95) -> float:
    """The chance that a two-sided interval at `confidence` excludes 0 when the true difference is
    `lift` (normal approximation of Welch's test; arms of these sizes and standard deviations)."""
    if n_variant < 2 or n_holdout < 2:
        return 0.0
    se = math.sqrt(sd_variant**2 / n_variant + sd_holdout**2 / n_holdout)
    if se == 0:
        return 1.0 if lift else 0.0
    normal = NormalDist()
    z = normal.inv_cdf(0.5 + confidence / 2.0)
    shift = abs(lift) / se
    return normal.cdf(shift - z) + normal.cdf(-shift - z)
