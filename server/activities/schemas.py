"""Wire types (msgspec Structs). Field constraints here give 400s before any rule runs."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec
from msgspec import UNSET, Meta, Struct, UnsetType

from server.accounts.schemas import OrgOut, UserOut
from server.core.wire import ErrorBody, Id, Key, Name, NonNegInt
from server.ledger.ingest import Recorded
from server.ledger.models import ActivityType
from server.targets.schemas import MyTargetOut


class RankOut(Struct):
    rank: int | None
    score: int


class MeOut(Struct):
    user: UserOut
    org: OrgOut
    points_balance: int
    rank_today: RankOut | None
    rank_this_week: RankOut | None
    #: the targets that hold now, with attainment and pace (docs/targets.md)
    targets: list[MyTargetOut] = []
    #: permanent progression from XP (docs/mechanics.md, "Levels"): the level, the XP and the XP
    #: still needed for the next level (None at the top level)
    level: int = 1
    xp: int = 0
    xp_to_next: int | None = None


# -- activity types -------------------------------------------------------------------------
SelfReportMode = Literal["full", "weighted", "pending"]


class ActivityTypeCreate(Struct, forbid_unknown_fields=True):
    key: Key
    label: Name
    points: NonNegInt
    value_points: Annotated[float, Meta(ge=0, le=1_000_000)] | None = None
    daily_cap: Annotated[int, Meta(ge=1, le=1_000_000)] | None = None
    self_reportable: bool = True
    #: how a rep's own report counts: in full, weighted (points x self_report_weight), or pending
    #: (nothing until a CRM event of the same type, rep and day confirms it)
    self_report: SelfReportMode = "full"
    self_report_weight: Annotated[float, Meta(gt=0, le=1)] | None = None


class ActivityTypeUpdate(Struct, forbid_unknown_fields=True):
    label: Name | UnsetType = UNSET
    points: NonNegInt | UnsetType = UNSET
    value_points: Annotated[float, Meta(ge=0, le=1_000_000)] | None | UnsetType = UNSET
    daily_cap: Annotated[int, Meta(ge=1, le=1_000_000)] | None | UnsetType = UNSET
    self_reportable: bool | UnsetType = UNSET
    self_report: SelfReportMode | UnsetType = UNSET
    self_report_weight: Annotated[float, Meta(gt=0, le=1)] | None | UnsetType = UNSET
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
    self_report: str = "full"
    self_report_weight: float | None = None


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
    #: what counts on boards, contests and habits (an activity's units within the daily cap, its value
    #: prorated to them); `quantity` and `value` are the activity as logged
    units: int
    value_units: int
    #: what any entry but an activity's own was paid for (None for activity and reversal entries)
    cause: CauseOut | None
    #: the CRM change behind the entry (a won deal re-priced, moved, lost or deleted), if any
    change: dict[str, Any] | None = None
    #: the rep's own report of a type that does not take it at face value: mode (weighted,
    #: pending), weight, status (weighted, pending, confirmed, expired)
    self_report: dict[str, Any] | None = None


class CauseOut(Struct):
    """A bonus, prize, kudos or redemption entry's cause: `kind` (badge, mission, missions_day, streak,
    contest, kudos, reward), its `id` and the `version` of the rule that set the amount (docs/api.md)."""

    kind: str
    id: int | None
    version: int | None


def cause_out(kind: str | None, cause_id: int | None, version: int | None) -> CauseOut | None:
    return None if kind is None else CauseOut(kind, cause_id, version)


class LedgerPage(Struct):
    entries: list[LedgerEntryOut]
    next_before_id: int | None


def activity_type_out(t: ActivityType) -> ActivityTypeOut:
    return ActivityTypeOut(t.id, t.key, t.label, t.points, t.value_points, t.daily_cap, t.self_reportable,
                             t.active, t.version, t.current_version_id, t.self_report, t.self_report_weight)


def activity_out(r: Recorded) -> ActivityOut:
    return ActivityOut(r.id, r.user_id, r.type, r.quantity, r.value, r.occurred_at, r.recorded_at, r.source,
                         r.external_id, r.points_awarded, r.units_over_cap, r.ledger_entry_id, r.duplicate,
                         r.boards_updated, r.unlocked)
