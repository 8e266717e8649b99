"""The simulated team: who the reps are and what they would do on an ordinary day.

Skill is log-normal (sigma `SKILL_SIGMA`), so a few reps bring in much of the revenue. Revenue
grows with skill ** 1.3 (calls ** 0.35, meetings per call ** 0.45, deals per proposal ** 0.5),
so revenue is log-normal with sigma 1.3 x 0.65 = 0.84, and the top fifth of a log-normal
population with sigma 0.84 holds half of its total (the share of the top p is
Phi(sigma - z_(1-p)); Phi(0.84 - 0.84) = 0.5): the "top 20% carry the team" pattern of the seeds
(002: "Quota attainment: uneven (top 20% carry team)"). Activity volume spreads less than
outcomes: good reps call somewhat more and convert much better.

Each rep has a showing-up habit on working days, good and bad weeks (log-normal form), a home
time zone (the org works from New York; a third of the reps sit further west), and a few are
new hires who start during the simulated weeks. Everything is drawn from one seeded
`random.Random`, so the same seed gives the same team for every program.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

SKILL_SIGMA = 0.65
REVENUE_ELASTICITY = 1.3  # revenue grows with skill ** this (see the module doc)
VOLUME_ELASTICITY = 0.35  # calls a day grow with skill ** this
CALLS_PER_DAY = 20.0
EMAILS_PER_DAY = (4.0, 24.0)
MEETING_RATE = 0.08  # meetings booked per call, times skill ** CONVERSION_ELASTICITY
CONVERSION_ELASTICITY = 0.45
PROPOSAL_RATE, OPPORTUNITY_RATE, CLOSE_RATE = 0.45, 0.3, 0.4
DEAL_VALUE_LOG_MEAN, DEAL_VALUE_LOG_SIGMA = 9.2, 0.5
FORM_SIGMA = 0.22  # good and bad weeks
NEW_HIRE_SHARE = 0.06
ZONES = (
    ("America/New_York", 0.5),
    ("America/Chicago", 0.2),
    ("America/Denver", 0.1),
    ("America/Los_Angeles", 0.2),
)


@dataclass(slots=True)
class Rep:
    index: int
    name: str
    skill: float
    showing_up: float  # the chance of working on a working day, before the model's nudges
    email_rate: float
    timezone: str
    start_week: int  # the first simulated week they work (new hires start late); history: 0
    form: dict[int, float] = field(default_factory=dict)  # week index (history and simulation) -> factor

    @property
    def calls(self) -> float:
        return float(CALLS_PER_DAY * self.skill**VOLUME_ELASTICITY)

    @property
    def meeting_rate(self) -> float:
        return float(min(0.3, MEETING_RATE * self.skill**CONVERSION_ELASTICITY))


def _zone(rng: random.Random) -> str:
    x, acc = rng.random(), 0.0
    for name, share in ZONES:
        acc += share
        if x < acc:
            return name
    return ZONES[-1][0]


def make_team(seed: int, reps: int, weeks: int, history_weeks: int) -> list[Rep]:
    """`reps` reps; `form` covers the history weeks (negative indexes) and the simulated ones."""
    rng = random.Random(seed)
    team = []
    for i in range(reps):
        new = rng.random() < NEW_HIRE_SHARE and weeks > 2
        rep = Rep(
            i,
            f"Rep {i + 1}",
            skill=rng.lognormvariate(0, SKILL_SIGMA),
            showing_up=rng.uniform(0.8, 0.97),
            email_rate=rng.uniform(*EMAILS_PER_DAY),
            timezone=_zone(rng),
            start_week=rng.randint(1, max(1, weeks // 2)) if new else -history_weeks,
        )
        rep.form = {w: rng.lognormvariate(0, FORM_SIGMA) for w in range(-history_weeks, weeks)}
        team.append(rep)
    return team


def poisson(rng: random.Random, lam: float) -> int:
    """Knuth's sampler below 30, a rounded normal above (the means here stay moderate)."""
    if lam <= 0:
        return 0
    if lam > 30:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def binomial(rng: random.Random, n: int, p: float) -> int:
    return sum(1 for _ in range(n) if rng.random() < p)


def top_fifth_share(values: list[float]) -> float:
    """The share of the total held by the top fifth (by value)."""
    ordered = sorted(values, reverse=True)
    total = sum(ordered)
    k = max(1, round(len(ordered) / 5))
    return sum(ordered[:k]) / total if total > 0 else 0.0
