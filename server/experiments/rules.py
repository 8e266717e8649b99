"""The rules of hold-out experiments, pure: what a program is, which arm each unit joins
(stratified by recent activity, reproducible from a seed), and the windows results read.

A *program* is the set of mechanics a rep gets. Each switch names a mechanic the engine honours
for one rep at a time: `missions` (daily missions are created for the rep: `habits.missions`) and
`instant_wins` (the rep's activities roll for the org's instant wins: `contests.instant`). A switch
that is on never turns on a mechanic the org has off (habits disabled, no open instant-win
program); a switch that is off withholds it from the rep while the experiment runs.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from server.core.errors import DomainError

#: The mechanics a program switches, with what they mean (docs/mechanics.md, "Hold-out experiments").
MECHANICS: dict[str, str] = {
    "missions": "daily missions are created for the rep",
    "instant_wins": "the rep's activities roll for the org's instant wins",
}
METRICS = ("activity", "won_value", "attainment")
UNITS = ("rep", "team")
HOLDOUT = "holdout"
MAX_VARIANTS = 4
MAX_RUN_DAYS = 366
#: The pre-period (balance check and strata) is the run's length before it, at most this long.
MAX_PRE_DAYS = 28
#: Results are preliminary before the run is this many days old (unless the experiment says otherwise).
MIN_RUN_DAYS = 14


def bad(message: str, code: str = "invalid_experiment") -> DomainError:
    return DomainError(code, message)


def program_of(raw: Mapping[str, object]) -> dict[str, bool]:
    """A full program (every mechanic named) from a partial one; unknown names are refused."""
    unknown = sorted(set(raw) - set(MECHANICS))
    if unknown:
        raise bad(f"unknown mechanic {unknown[0]!r}; a program switches {', '.join(MECHANICS)}", "invalid_program")
    out: dict[str, bool] = {}
    for name in MECHANICS:
        value = raw.get(name, True)
        if not isinstance(value, bool):
            raise bad(f"program switch {name!r} must be true or false", "invalid_program")
        out[name] = value
    return out


@dataclass(frozen=True, slots=True)
class Arm:
    name: str
    share: float
    program: dict[str, bool]


def arms_of(variants: Sequence[tuple[str, Mapping[str, object]]], holdout_share: float,
            baseline: Mapping[str, object]) -> list[Arm]:
    """The hold-out (with the baseline program) and each variant, sharing the rest equally."""
    if not 1 <= len(variants) <= MAX_VARIANTS:
        raise bad(f"an experiment has 1 to {MAX_VARIANTS} variants")
    if not 0.05 <= holdout_share <= 0.9:
        raise bad("holdout_share must be between 0.05 and 0.9")
    names = [n for n, _ in variants]
    if len(set(names)) != len(names) or HOLDOUT in names:
        raise bad(f"variant names must be distinct and not {HOLDOUT!r}")
    base = program_of(baseline)
    arms = [Arm(HOLDOUT, holdout_share, base)]
    each = (1.0 - holdout_share) / len(variants)
    for name, raw in variants:
        program = program_of(raw)
        if program == base:
            raise bad(f"variant {name!r} has the hold-out's program: it would measure nothing", "invalid_program")
        arms.append(Arm(name, each, program))
    return arms


def check_window(start: date, end: date) -> None:
    if end < start:
        raise bad("end is before start")
    if (end - start).days + 1 > MAX_RUN_DAYS:
        raise bad(f"an experiment runs at most {MAX_RUN_DAYS} days")


def pre_window(start: date, end: date, today: date) -> tuple[date, date]:
    """Local days `[first, end)` of the pre-period: as long as the run (at most `MAX_PRE_DAYS`)
    and over before the run starts and before today, so it holds data when assignment reads it."""
    length = min((end - start).days + 1, MAX_PRE_DAYS)
    stop = min(start, today)
    return stop - timedelta(days=length), stop


def elapsed_days(start: date, end: date, today: date) -> int:
    """Whole days of the run that are over (today counts once it is in the run)."""
    if today < start:
        return 0
    return (min(today, end) - start).days + 1


def assign(units: Mapping[int, float], arms: Sequence[Arm], seed: int) -> dict[int, tuple[str, int]]:
    """Each unit's arm and stratum. Units are ordered by their pre-period value (ties by id) and
    cut into strata of consecutive units; each stratum's arms are dealt so that every arm's running
    count stays nearest its share (largest deficit first), then shuffled within the stratum. So each
    arm gets its share within one unit overall and in every stratum's value range, and the same
    units, arms and seed always give the same assignment."""
    rng = random.Random(seed)
    ordered = sorted(units, key=lambda u: (units[u], u))
    size = max(len(arms), round(1.0 / min(a.share for a in arms)))
    counts = [0] * len(arms)
    out: dict[int, tuple[str, int]] = {}
    for stratum, first in enumerate(range(0, len(ordered), size)):
        block = ordered[first:first + size]
        dealt: list[int] = []
        for _ in block:
            total = sum(counts) + 1
            pick = max(range(len(arms)), key=lambda i: (arms[i].share * total - counts[i], -i))
            counts[pick] += 1
            dealt.append(pick)
        rng.shuffle(dealt)
        for unit, i in zip(block, dealt, strict=True):
            out[unit] = (arms[i].name, stratum)
    return out
