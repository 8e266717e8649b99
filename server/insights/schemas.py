"""Wire types of the insights: the summary, settings, alerts, actions, outcomes and the digest."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from msgspec import UNSET, Meta, Struct, UnsetType

from server.core.wire import Key, Prose
from server.targets.schemas import PaceOut, SpanOut

# -- summary ----------------------------------------------------------------------------------------


class DayCountOut(Struct):
    day: date
    active_reps: int


class RepEngagementOut(Struct):
    user_id: int
    display_name: str
    activity: int  # capped units of every type over the period's days that are over
    per_working_day: float | None
    baseline_per_day: float | None  # over the working days before the period
    ratio: float | None  # per_working_day / baseline_per_day


class WeekOut(Struct):
    week: str
    first_day: date
    active_reps: int
    dau: float | None
    median_ratio: float | None


class EngagementOut(Struct):
    reps: int
    dau: float | None  # mean reps active per working day of the period that is over
    wau: int  # reps active in the 7 days before `as_of` ends
    dau_wau: float | None
    active_today: int | None  # while the period runs
    days: list[DayCountOut]
    per_rep: list[RepEngagementOut]
    weekly: list[WeekOut]


class MetricAttainmentOut(Struct):
    metric: str
    metric_kind: str
    reps_with_target: int
    median: float | None
    p10: float | None
    p25: float | None
    p75: float | None
    p90: float | None
    spread: float | None  # p90 / p10
    on_pace: int
    on_pace_share: float | None


class AttainmentOut(Struct):
    metrics: list[MetricAttainmentOut]
    reps: int
    reps_with_wins: int  # the fairness figure: reps with a mission, badge, contest placing or kudos
    wins_share: float | None
    wins: int


class LinkOut(Struct):
    type: str
    rho: float | None
    n: int
    significant: bool
    strength: str
    verdict: str


class LeadingLaggingOut(Struct):
    won: str
    weeks: int
    lag_weeks: int
    links: list[LinkOut]


class ContestProgressOut(Struct):
    contest_id: int
    name: str
    format: str
    ends_at: datetime
    elapsed: float
    participants: int
    within_reach: int
    out_of_reach: int
    out_of_reach_user_ids: list[int]
    prize_lines: dict[str, float | None]
    note: str | None


class OutcomesOut(Struct):
    action: str
    taken: int
    measured: int
    mean_ratio: float | None
    improved: int


class SummaryOut(Struct):
    team_id: int | None
    period: SpanOut
    as_of: date
    pace: PaceOut
    engagement: EngagementOut
    attainment: AttainmentOut
    leading_lagging: LeadingLaggingOut
    contests: list[ContestProgressOut]
    outcomes: list[OutcomesOut]


# -- settings ----------------------------------------------------------------------------------------

Pct = Annotated[int, Meta(ge=0, le=1000)]
Small = Annotated[int, Meta(ge=0, le=1000)]


class SettingsOut(Struct):
    low_activity_days: int
    low_activity_pct: int
    inactive_days: int
    streak_min: int
    baseline_days: int
    min_baseline: float
    reach_stretch_pct: int
    day_close_hour: int
    digest_hour: int
    easier_missions_pct: int
    easier_missions_days: int


class SettingsIn(Struct, forbid_unknown_fields=True):
    low_activity_days: Small | UnsetType = UNSET
    low_activity_pct: Pct | UnsetType = UNSET
    inactive_days: Small | UnsetType = UNSET
    streak_min: Small | UnsetType = UNSET
    baseline_days: Small | UnsetType = UNSET
    min_baseline: Annotated[float, Meta(ge=0, le=1_000_000)] | UnsetType = UNSET
    reach_stretch_pct: Pct | UnsetType = UNSET
    day_close_hour: Small | UnsetType = UNSET
    digest_hour: Small | UnsetType = UNSET
    easier_missions_pct: Pct | UnsetType = UNSET
    easier_missions_days: Small | UnsetType = UNSET


# -- alerts and actions --------------------------------------------------------------------------------

Action = Literal["micro_contest", "easier_missions", "recognize", "check_in"]


class ActionOut(Struct):
    id: int
    action: str
    params: dict[str, Any]
    result: dict[str, Any]
    created_by_user_id: int | None
    created_at: datetime
    outcome: dict[str, Any] | None


class AlertOut(Struct):
    id: int
    user_id: int
    display_name: str | None
    team_id: int | None
    reason: str
    evidence: dict[str, Any]
    suggested_actions: list[str]
    status: str
    day: date
    created_at: datetime
    closed_at: datetime | None
    actions: list[ActionOut]
    outcome: dict[str, Any] | None  # of the latest action


class AlertList(Struct):
    items: list[AlertOut]
    next_before_id: int | None


class ActionIn(Struct, forbid_unknown_fields=True):
    action: Action
    days: Annotated[int, Meta(ge=1, le=30)] | None = None  # micro_contest: 2 or 3; easier_missions: 1-30
    size: Annotated[int, Meta(ge=4, le=8)] | None = None  # micro_contest: the bracket's reps
    metric: Key | None = None  # micro_contest's metric
    prize_points: Annotated[int, Meta(ge=0, le=100_000)] | None = None  # micro_contest: the winner's
    pct: Annotated[int, Meta(ge=10, le=100)] | None = None  # easier_missions: percent of the baseline
    message: Annotated[Prose, Meta(min_length=1, max_length=500)] | None = None  # recognize / check_in
    send: bool = False  # recognize: send the kudos now instead of returning the draft
    points: Annotated[int, Meta(ge=0, le=10_000)] | None = None  # recognize: kudos points


class ActionResultOut(Struct):
    alert: AlertOut
    action: ActionOut


class NoteOut(Struct):
    id: int
    user_id: int
    author_user_id: int | None
    alert_id: int | None
    body: str
    evidence: dict[str, Any]
    created_at: datetime


class NoteList(Struct):
    items: list[NoteOut]


class RunOut(Struct):
    teams: int
    flagged: int


# -- digest -----------------------------------------------------------------------------------------------

class DigestOut(Struct):
    week: str
    first_day: date
    team_id: int | None
    headline: dict[str, Any]
    open_alerts: list[AlertOut]
    outcomes: list[OutcomesOut]
    last_week_actions: list[ActionOut]
