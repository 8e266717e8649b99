"""Wire types of the habit loop: streaks, missions, badges, settings, profiles."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from msgspec import UNSET, Meta, Struct, UnsetType

from server.core.wire import Id, Key, Name, Prose

Tier = Literal["bronze", "silver", "gold", "platinum"]
Rule = Literal["activity_count", "activity_value", "streak", "missions_completed", "rank", "contest_won", "manual"]
Small = Annotated[int, Meta(ge=0, le=1_000_000)]
Message = Annotated[Prose, Meta(min_length=1, max_length=500)]
Description = Annotated[Prose, Meta(max_length=500)]


class StreakOut(Struct):
    user_id: int
    current: int
    best: int
    freezes: int
    freezes_used: int
    last_day: date | None
    today_done: bool
    today_working: bool
    at_risk: bool
    combo_active: bool
    combo_pct: int
    combo_from: int


class MissionOut(Struct):
    id: int
    slot: int
    label: str
    type: str
    metric: str
    target: int
    progress: int
    bonus_points: int
    completed: bool
    completed_at: datetime | None


class MissionsOut(Struct):
    day: date | None
    working_day: bool
    missions: list[MissionOut]
    completed: int
    all_done: bool
    all_done_bonus: int


class BadgeIn(Struct, forbid_unknown_fields=True):
    key: Key
    name: Name
    rule: Rule
    params: dict[str, Any] = {}
    tier: Tier = "bronze"
    points: Small = 0
    repeatable: bool = False
    description: Description = ""


class BadgeUpdate(Struct, forbid_unknown_fields=True):
    name: Name | UnsetType = UNSET
    params: dict[str, Any] | UnsetType = UNSET
    tier: Tier | UnsetType = UNSET
    points: Small | UnsetType = UNSET
    repeatable: bool | UnsetType = UNSET
    description: Description | UnsetType = UNSET
    active: bool | UnsetType = UNSET


class BadgeOut(Struct):
    id: int
    key: str
    name: str
    description: str
    rule: str
    params: dict[str, Any]
    tier: str
    points: int
    repeatable: bool
    active: bool


class BadgeList(Struct):
    items: list[BadgeOut]


class AwardIn(Struct, forbid_unknown_fields=True):
    user_id: Id
    message: Message


class AwardOut(Struct):
    id: int
    badge_id: int
    key: str
    name: str
    tier: str
    points: int
    period_key: str
    message: str | None
    awarded_by_user_id: int | None
    awarded_at: datetime


class AwardList(Struct):
    items: list[AwardOut]


class TemplateIn(Struct, forbid_unknown_fields=True):
    key: Key
    label: Name
    type: Key
    metric: Literal["count", "value"] = "count"
    min_target: Annotated[int, Meta(ge=1, le=1_000_000)] = 1
    max_target: Annotated[int, Meta(ge=1, le=1_000_000)] = 100
    bonus_points: Small = 10
    nudge_pct: Annotated[int, Meta(ge=0, le=200)] = 10
    team_id: Id | None = None
    user_id: Id | None = None
    pinned: bool = False


class TemplateUpdate(Struct, forbid_unknown_fields=True):
    label: Name | UnsetType = UNSET
    min_target: Annotated[int, Meta(ge=1, le=1_000_000)] | UnsetType = UNSET
    max_target: Annotated[int, Meta(ge=1, le=1_000_000)] | UnsetType = UNSET
    bonus_points: Small | UnsetType = UNSET
    nudge_pct: Annotated[int, Meta(ge=0, le=200)] | UnsetType = UNSET
    pinned: bool | UnsetType = UNSET
    active: bool | UnsetType = UNSET


class TemplateOut(Struct):
    id: int
    key: str
    label: str
    type: str
    metric: str
    min_target: int
    max_target: int
    bonus_points: int
    nudge_pct: int
    team_id: int | None
    user_id: int | None
    pinned: bool
    active: bool


class TemplateList(Struct):
    items: list[TemplateOut]


class StreakSettings(Struct):
    enabled: bool
    qualifying_types: list[str]
    min_units: int
    workdays: list[int]
    holidays: list[str]
    freeze_every: int
    max_freezes: int
    grace_hours: int
    combo_from: int
    combo_pct: int
    at_risk_hour: int
    missions_per_day: int
    all_done_bonus: int
    mission_start_hour: int


class StreakSettingsUpdate(Struct, forbid_unknown_fields=True):
    enabled: bool | UnsetType = UNSET
    qualifying_types: Annotated[list[Key], Meta(max_length=100)] | UnsetType = UNSET
    min_units: int | UnsetType = UNSET
    workdays: Annotated[list[int], Meta(max_length=7)] | UnsetType = UNSET
    holidays: Annotated[list[str], Meta(max_length=366)] | UnsetType = UNSET
    freeze_every: int | UnsetType = UNSET
    max_freezes: int | UnsetType = UNSET
    grace_hours: int | UnsetType = UNSET
    combo_from: int | UnsetType = UNSET
    combo_pct: int | UnsetType = UNSET
    at_risk_hour: int | UnsetType = UNSET
    missions_per_day: Annotated[int, Meta(ge=3, le=5)] | UnsetType = UNSET
    all_done_bonus: Small | UnsetType = UNSET
    mission_start_hour: Annotated[int, Meta(ge=0, le=23)] | UnsetType = UNSET


class TeamMemberOut(Struct):
    user_id: int
    display_name: str
    team_id: int | None
    current: int
    best: int
    freezes: int
    at_risk: bool
    today_done: bool
    missions: int
    missions_completed: int
    completion_rate: float | None


class TeamHabitsOut(Struct):
    since: date
    items: list[TeamMemberOut]


class ProfileOut(Struct):
    user_id: int
    display_name: str
    team_id: int | None
    streak_current: int
    streak_best: int
    missions_completed: int
    badges: list[AwardOut]


class RepMissionsOut(Struct):
    user_id: int
    display_name: str
    team_id: int | None
    day: date
    missions: list[MissionOut]
    completed: int
    eased_pct: int | None
    eased_from: date | None
    eased_until: date | None


class TodayMissionsOut(Struct):
    items: list[RepMissionsOut]


class HolderOut(Struct):
    award_id: int
    user_id: int
    period_key: str
    points: int
    message: str | None
    awarded_by_user_id: int | None
    awarded_at: datetime


class HolderList(Struct):
    badge_id: int
    items: list[HolderOut]


class CalibrationIn(Struct, forbid_unknown_fields=True):
    pct: Annotated[int, Meta(ge=10, le=100)]
    days: Annotated[int, Meta(ge=1, le=30)]


class CalibrationOut(Struct):
    user_id: int
    pct: int
    first_day: date
    last_day: date


class RevokeIn(Struct, forbid_unknown_fields=True):
    reason: Message
