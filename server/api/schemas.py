"""Wire types (msgspec Structs). Field constraints here give 400s before any rule runs."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec
from msgspec import UNSET, Meta, Struct, UnsetType

Email = Annotated[str, Meta(min_length=3, max_length=320, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
Password = Annotated[str, Meta(min_length=8, max_length=200)]
Name = Annotated[str, Meta(min_length=1, max_length=120)]
OptName = Annotated[str, Meta(min_length=1, max_length=120)] | None
Key = Annotated[str, Meta(min_length=1, max_length=64, pattern=r"^[a-z][a-z0-9_]*$")]
Role = Literal["rep", "manager", "admin"]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
NonNegInt = Annotated[int, Meta(ge=0, le=1_000_000)]
#: A row id: positive and within a signed 64-bit integer, like the database's.
Id = Annotated[int, Meta(ge=1, le=2**63 - 1)]


class ErrorBody(Struct):
    code: str
    message: str
    details: dict | None = None


class ErrorResponse(Struct):
    error: ErrorBody


# -- orgs and auth --------------------------------------------------------------------------
class AdminIn(Struct, forbid_unknown_fields=True):
    email: Email
    password: Password
    display_name: Name


class OrgCreate(Struct, forbid_unknown_fields=True):
    name: Annotated[str, Meta(min_length=1, max_length=200)]
    timezone: Annotated[str, Meta(min_length=1, max_length=64)]
    admin: AdminIn
    week_start: Weekday = "monday"


class OrgUpdate(Struct, forbid_unknown_fields=True):
    name: Annotated[str, Meta(min_length=1, max_length=200)] | UnsetType = UNSET
    timezone: Annotated[str, Meta(min_length=1, max_length=64)] | UnsetType = UNSET
    week_start: Weekday | UnsetType = UNSET


class OrgOut(Struct):
    id: int
    name: str
    slug: str
    timezone: str
    week_start: str
    created_at: datetime


class UserOut(Struct):
    id: int
    org_id: int
    email: str
    display_name: str
    role: str
    team_id: int | None
    region: str | None
    job_role: str | None
    shift: str | None
    timezone: str | None
    active: bool
    created_at: datetime


class OrgCreated(Struct):
    org: OrgOut
    user: UserOut
    access_token: str
    refresh_token: str
    token_type: str = "bearer"


class LoginIn(Struct, forbid_unknown_fields=True):
    email: Annotated[str, Meta(min_length=1, max_length=320)]
    password: Annotated[str, Meta(min_length=1, max_length=200)]


class RefreshIn(Struct, forbid_unknown_fields=True):
    refresh_token: Annotated[str, Meta(min_length=1, max_length=4096)]


class TokensOut(Struct):
    access_token: str
    refresh_token: str
    user: UserOut
    token_type: str = "bearer"
    expires_in: int = 0


# -- teams and users ------------------------------------------------------------------------
class TeamCreate(Struct, forbid_unknown_fields=True):
    name: Name
    region: OptName = None


class TeamUpdate(Struct, forbid_unknown_fields=True):
    name: Name | UnsetType = UNSET
    region: OptName | UnsetType = UNSET


class TeamOut(Struct):
    id: int
    name: str
    region: str | None
    created_at: datetime


class TeamList(Struct):
    items: list[TeamOut]


class UserCreate(Struct, forbid_unknown_fields=True):
    email: Email
    display_name: Name
    password: Password
    role: Role = "rep"
    team_id: Id | None = None
    region: OptName = None
    job_role: OptName = None
    shift: OptName = None
    timezone: Annotated[str, Meta(max_length=64)] | None = None


class UserUpdate(Struct, forbid_unknown_fields=True):
    display_name: Name | UnsetType = UNSET
    password: Password | UnsetType = UNSET
    role: Role | UnsetType = UNSET
    team_id: Id | None | UnsetType = UNSET
    region: OptName | UnsetType = UNSET
    job_role: OptName | UnsetType = UNSET
    shift: OptName | UnsetType = UNSET
    timezone: Annotated[str, Meta(max_length=64)] | None | UnsetType = UNSET
    active: bool | UnsetType = UNSET


class UserList(Struct):
    total: int
    items: list[UserOut]


class RankOut(Struct):
    rank: int | None
    score: int


class MeOut(Struct):
    user: UserOut
    org: OrgOut
    points_balance: int
    rank_today: RankOut | None
    rank_this_week: RankOut | None


# -- activity types -------------------------------------------------------------------------
class ActivityTypeCreate(Struct, forbid_unknown_fields=True):
    key: Key
    label: Name
    points: NonNegInt
    value_points: Annotated[float, Meta(ge=0, le=1_000_000)] | None = None
    daily_cap: Annotated[int, Meta(ge=1, le=1_000_000)] | None = None
    self_reportable: bool = True


class ActivityTypeUpdate(Struct, forbid_unknown_fields=True):
    label: Name | UnsetType = UNSET
    points: NonNegInt | UnsetType = UNSET
    value_points: Annotated[float, Meta(ge=0, le=1_000_000)] | None | UnsetType = UNSET
    daily_cap: Annotated[int, Meta(ge=1, le=1_000_000)] | None | UnsetType = UNSET
    self_reportable: bool | UnsetType = UNSET
    active: bool | UnsetType = UNSET


class ActivityTypeOut(Struct):
    id: int
    key: str
    label: str
    points: int
    value_points: float | None
    daily_cap: int | None
    self_reportable: bool
    active: bool
    version: int
    rule_version_id: int | None


class ActivityTypeList(Struct):
    items: list[ActivityTypeOut]


# -- activities ---------------------------------------------------------------------------
class ActivityIn(Struct, forbid_unknown_fields=True):
    type: Annotated[str, Meta(min_length=1, max_length=64)]
    quantity: int = 1
    value: float | None = None
    occurred_at: datetime | None = None
    external_id: str | None = None
    user_id: Id | None = None


class BatchIn(Struct, forbid_unknown_fields=True):
    activities: list[msgspec.Raw]


class ActivityOut(Struct):
    id: int
    user_id: int
    type: str
    quantity: int
    value: float | None
    occurred_at: datetime
    recorded_at: datetime
    source: str
    external_id: str | None
    points_awarded: int
    units_over_cap: int
    ledger_entry_id: int
    duplicate: bool
    boards_updated: bool
    #: what the activity just unlocked: `missions_completed`, `badges_earned`, `streak`, ...
    unlocked: dict[str, Any] = {}


class BatchItemOut(Struct, omit_defaults=True):
    index: int
    status: int
    activity: ActivityOut | None = None
    error: ErrorBody | None = None


class BatchOut(Struct):
    accepted: int
    duplicates: int
    rejected: int
    results: list[BatchItemOut]


class ReversalOut(Struct):
    activity_id: int
    user_id: int
    reversal_entry_id: int
    points_reversed: int
    boards_updated: bool


class LedgerEntryOut(Struct):
    id: int
    kind: str
    points: int
    created_at: datetime
    occurred_at: datetime
    activity_id: int | None
    activity_type: str | None
    quantity: int | None
    value: float | None
    source: str | None
    external_id: str | None
    reverses_entry_id: int | None
    rule_version_id: int | None
    rule_version: int | None
    rule_points: int | None
    rule_value_points: float | None
    rule_daily_cap: int | None


class LedgerPage(Struct):
    entries: list[LedgerEntryOut]
    next_before_id: int | None


# -- leaderboards ----------------------------------------------------------------------------
class PeriodOut(Struct):
    id: str
    start: datetime
    end: datetime | None


class EntryOut(Struct):
    rank: int
    user_id: int
    display_name: str | None
    team_id: int | None
    score: int


class BoardOut(Struct, omit_defaults=True):
    metric: str
    window: str
    segment: str
    period: PeriodOut
    total: int
    entries: list[EntryOut]
    user: EntryOut | None = None


# -- API keys -------------------------------------------------------------------------------
class ApiKeyCreate(Struct, forbid_unknown_fields=True):
    name: Name


class ApiKeyOut(Struct):
    id: int
    name: str
    prefix: str
    created_at: datetime
    revoked_at: datetime | None


class ApiKeyCreated(Struct):
    id: int
    name: str
    prefix: str
    created_at: datetime
    key: str


class ApiKeyList(Struct):
    items: list[ApiKeyOut]


class Health(Struct, omit_defaults=True):
    status: str
    database: str | None = None
    redis: str | None = None


# -- displays and presence ------------------------------------------------------------------
BoardChannel = Annotated[str, Meta(min_length=1, max_length=200)]


class DisplayCreate(Struct, forbid_unknown_fields=True):
    name: Name
    boards: list[BoardChannel] | None = None
    rotate_seconds: Annotated[int, Meta(ge=5, le=3600)] = 20


class DisplayUpdate(Struct, forbid_unknown_fields=True):
    name: Name | UnsetType = UNSET
    boards: list[BoardChannel] | UnsetType = UNSET
    rotate_seconds: Annotated[int, Meta(ge=5, le=3600)] | UnsetType = UNSET


class DisplayOut(Struct):
    id: int
    name: str
    boards: list[str]
    rotate_seconds: int
    pairing_code: str | None
    code_expires_at: datetime | None
    paired_at: datetime | None
    revoked_at: datetime | None
    created_at: datetime


class DisplayList(Struct):
    items: list[DisplayOut]


class PairIn(Struct, forbid_unknown_fields=True):
    code: Annotated[str, Meta(min_length=4, max_length=12)]


class DisplayConfig(Struct):
    id: int
    org_id: int
    name: str
    boards: list[str]
    rotate_seconds: int
    realtime_url: str


class PairOut(Struct):
    display_token: str
    display: DisplayConfig


class PresenceOut(Struct):
    reps: int
    managers: int
    admins: int
    displays: int
