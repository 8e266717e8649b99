"""Wire types of targets, attainment and pace."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from msgspec import Meta, Struct

from server.core.wire import Id
from server.targets.rules import MAX_TARGET, Pace, Version, on_pace
from server.targets.service import MyTarget, PeriodSpan

PeriodKind = Literal["week", "month", "quarter"]
MetricName = Annotated[str, Meta(min_length=1, max_length=80)]
TargetValue = Annotated[int, Meta(ge=1, le=MAX_TARGET)]


class TargetIn(Struct, forbid_unknown_fields=True):
    user_id: Id
    value: TargetValue | None  # null: no target from `start` on


class TargetsIn(Struct, forbid_unknown_fields=True):
    metric: MetricName
    period: PeriodKind
    start: date  # the first day of a period; the targets hold from it on until changed
    targets: Annotated[list[TargetIn], Meta(min_length=1, max_length=5000)]


class VersionOut(Struct):
    user_id: int
    value: int | None
    version: int
    starts_on: date
    set_by_user_id: int | None
    set_at: datetime


class TargetsSetOut(Struct):
    metric: str
    period: str
    start: date
    versions: list[VersionOut]


class SpanOut(Struct):
    kind: str
    id: str
    first_day: date
    last_day: date
    start: datetime
    end: datetime


class PaceOut(Struct):
    working_days: int
    elapsed: int  # working days of the period that are over
    share: float  # elapsed / working_days: the attainment that is "on pace"


class TargetEntryOut(Struct):
    user_id: int
    display_name: str
    team_id: int | None
    target: int | None
    actual: int
    attainment: float | None  # actual / target
    on_pace: bool | None
    version: int | None  # of the target that holds
    effective_from: date | None
    set_by_user_id: int | None
    set_at: datetime | None


class TargetsOut(Struct):
    metric: str
    metric_kind: str  # points | count | value
    period: SpanOut
    pace: PaceOut
    entries: list[TargetEntryOut]


class HistoryOut(Struct):
    metric: str
    period: str
    user_id: int
    versions: list[VersionOut]


class SuggestionOut(Struct):
    user_id: int
    display_name: str
    value: int | None
    basis: str  # own | team | none
    explanation: str


class SuggestionsOut(Struct):
    metric: str
    period: SpanOut
    suggestions: list[SuggestionOut]


class MyTargetOut(Struct):
    metric: str
    metric_kind: str
    period: SpanOut
    target: int
    actual: int
    attainment: float
    pace: PaceOut
    on_pace: bool
    version: int


def span_out(s: PeriodSpan) -> SpanOut:
    return SpanOut(s.kind, s.id, s.first, date.fromordinal(s.end.toordinal() - 1), s.start_at, s.end_at)


def pace_out(p: Pace) -> PaceOut:
    return PaceOut(p.working_days, p.elapsed, round(p.share, 4))


def version_out(v: Version) -> VersionOut:
    return VersionOut(v.user_id, v.value, v.version, v.starts_on, v.set_by_user_id, v.created_at)


def ratio(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def my_target_out(t: MyTarget) -> MyTargetOut:
    att = t.attainment or 0.0
    assert t.target.value is not None  # a target in force has a value
    return MyTargetOut(t.metric.name, t.metric.kind, span_out(t.span), t.target.value, t.actual, round(att, 4),
                       pace_out(t.pace), bool(on_pace(att, t.pace)), t.target.version)
