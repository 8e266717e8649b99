"""Wire types of hold-out experiments."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from msgspec import Meta, Struct

from server.core.wire import END, Name
from server.experiments import rules

Unit = Literal["rep", "team"]
ArmName = Annotated[str, Meta(min_length=1, max_length=40, pattern=r"^[a-z][a-z0-9_]*" + END)]
MetricName = Literal["activity", "won_value", "attainment"]


class ProgramIn(Struct, forbid_unknown_fields=True):
    """The mechanics of an arm: false withholds one from its reps while the experiment runs."""

    missions: bool = True
    instant_wins: bool = True


class VariantIn(Struct, forbid_unknown_fields=True):
    name: ArmName
    program: ProgramIn


class ExperimentIn(Struct, forbid_unknown_fields=True):
    name: Name
    unit: Unit
    variants: Annotated[list[VariantIn], Meta(min_length=1, max_length=rules.MAX_VARIANTS)]
    holdout_share: Annotated[float, Meta(ge=0.05, le=0.9)]
    metric: MetricName
    #: first and last local day of the run (both included)
    start: date
    end: date
    #: the hold-out's program (default: every mechanic the org has)
    baseline: ProgramIn | None = None
    #: results are preliminary before the run is this many days old
    min_days: Annotated[int, Meta(ge=1, le=rules.MAX_RUN_DAYS)] = rules.MIN_RUN_DAYS
    #: the assignment's random seed (default: a fresh one); the same seed and reps give the same arms
    seed: Annotated[int, Meta(ge=0, le=2**62)] | None = None


class ArmOut(Struct):
    name: str
    share: float
    program: dict[str, bool]


class ExperimentOut(Struct):
    id: int
    name: str
    unit: str
    metric: str
    #: the hold-out first, then each variant
    arms: list[ArmOut]
    holdout_share: float
    start: date
    end: date
    pre_first: date
    #: the day after the pre-period's last
    pre_end: date
    min_days: int
    seed: int
    #: scheduled | running | ended | stopped
    status: str
    stopped_at: datetime | None
    created_at: datetime


class ExperimentList(Struct):
    items: list[ExperimentOut]


class AssignmentOut(Struct):
    user_id: int
    #: the rep (unit rep) or their team (unit team)
    unit_id: int
    team_id: int | None
    arm: str
    stratum: int
    pre_value: float


class AssignmentsOut(Struct):
    experiment_id: int
    seed: int
    counts: dict[str, int]
    items: list[AssignmentOut]


class LiftOut(Struct):
    name: str
    n: int
    mean: float
    pre_mean: float
    #: mean minus the hold-out's mean, with its Welch t interval (None below 2 units an arm)
    lift: float
    ci_low: float | None
    ci_high: float | None
    relative_lift: float | None
    relative_ci_low: float | None
    relative_ci_high: float | None
    df: float | None
    #: the interval excludes 0
    significant: bool
    #: standardised mean difference from the hold-out in the pre-period
    balance_smd: float | None
    balanced: bool


class HoldoutOut(Struct):
    n: int
    mean: float
    pre_mean: float


class MixedTeamOut(Struct):
    team_id: int
    reps_per_arm: dict[str, int]


class ExperimentResultsOut(Struct):
    experiment_id: int
    metric: str
    unit: str
    status: str
    run_first: date
    #: the day after the last day counted
    run_end: date
    elapsed_days: int
    min_days: int
    preliminary: bool
    confidence: float
    holdout: HoldoutOut
    variants: list[LiftOut]
    mixed_teams: list[MixedTeamOut]
    warnings: list[str]


