"""Wire types of the contests API."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

import msgspec
from msgspec import UNSET, Meta, Struct, UnsetType

from server.contests.rules import State
from server.core.wire import Id, Line, Prose

Format = Literal["individual", "team", "head_to_head", "improvement", "bracketed", "target", "chance"]
TicketEvery = Annotated[int, Meta(ge=1, le=1_000_000_000)]
Draws = Annotated[int, Meta(ge=1, le=100)]
Measure = Literal["points", "count", "value"]
TieBreaker = Literal["first_to_reach", "most_activities"]
Metric = Annotated[str, Meta(min_length=1, max_length=64)]
Segment = Annotated[str, Meta(min_length=3, max_length=200)]
ContestName = Annotated[Line, Meta(min_length=1, max_length=120)]
Description = Annotated[Prose, Meta(max_length=2000)]
Reason = Annotated[Prose, Meta(min_length=1, max_length=1000)]
PrizeName = Annotated[Line, Meta(min_length=1, max_length=200)]


class PrizeIn(Struct, forbid_unknown_fields=True):
    place: Annotated[int, Meta(ge=1, le=1000)] | None = None
    threshold: Annotated[int, Meta(ge=1, le=2**53)] | None = None
    points: Annotated[int, Meta(ge=0, le=1_000_000)] = 0
    name: PrizeName | None = None


class ContestCreate(Struct, forbid_unknown_fields=True):
    name: ContestName
    start_date: date
    end_date: date
    format: Format = "individual"
    metric: Metric = "points"
    measure: Measure | None = None
    description: Description | None = None
    segments: Annotated[list[Segment], Meta(max_length=50)] = []
    per_head: bool = False
    pairs: Annotated[list[Annotated[list[Id], Meta(min_length=2, max_length=2)]], Meta(max_length=5000)] = []
    bracket: bool = False
    divisions: Annotated[int, Meta(ge=2, le=20)] = 3
    target: Annotated[int, Meta(ge=1, le=2**53)] | None = None
    tie_breakers: Annotated[list[TieBreaker], Meta(max_length=2)] | None = None
    prizes: Annotated[list[PrizeIn], Meta(max_length=50)] = []
    hidden: bool = False
    count_from_start: bool = False
    #: chance: one ticket per this much of the measure (e.g. 1 per meeting held)
    ticket_every: TicketEvery = 1
    #: chance: how many winners are drawn (default: the highest prize place, else 1)
    draws: Draws | None = None


class ContestUpdate(Struct, forbid_unknown_fields=True):
    name: ContestName | UnsetType = UNSET
    description: Description | None | UnsetType = UNSET
    start_date: date | UnsetType = UNSET
    end_date: date | UnsetType = UNSET
    format: Format | UnsetType = UNSET
    metric: Metric | UnsetType = UNSET
    measure: Measure | UnsetType = UNSET
    segments: Annotated[list[Segment], Meta(max_length=50)] | UnsetType = UNSET
    per_head: bool | UnsetType = UNSET
    pairs: Annotated[list[Annotated[list[Id], Meta(min_length=2, max_length=2)]], Meta(max_length=5000)] | UnsetType = UNSET
    bracket: bool | UnsetType = UNSET
    divisions: Annotated[int, Meta(ge=2, le=20)] | UnsetType = UNSET
    target: Annotated[int, Meta(ge=1, le=2**53)] | None | UnsetType = UNSET
    tie_breakers: Annotated[list[TieBreaker], Meta(max_length=2)] | UnsetType = UNSET
    prizes: Annotated[list[PrizeIn], Meta(max_length=50)] | UnsetType = UNSET
    hidden: bool | UnsetType = UNSET
    count_from_start: bool | UnsetType = UNSET
    ticket_every: TicketEvery | UnsetType = UNSET
    draws: Draws | None | UnsetType = UNSET


class Recalculate(Struct, forbid_unknown_fields=True):
    reason: Reason
    changes: ContestUpdate = msgspec.field(default_factory=ContestUpdate)


class CancelIn(Struct, forbid_unknown_fields=True):
    reason: Reason | None = None


class PrizeOut(Struct, omit_defaults=True):
    points: int = 0
    name: str | None = None
    place: int | None = None
    threshold: int | None = None


class EventOut(Struct):
    kind: str
    at: datetime
    reason: str | None
    actor_user_id: int | None
    data: dict[str, Any]


class ContestOut(Struct):
    id: int
    name: str
    description: str | None
    state: State
    format: str
    metric: str
    measure: str
    start_date: date
    end_date: date
    starts_at: datetime
    ends_at: datetime
    timezone: str
    segments: list[str]
    per_head: bool
    pairs: list[list[int]]
    bracket: bool
    rounds: int | None
    divisions: int
    target: int | None
    tie_breakers: list[str]
    prizes: list[PrizeOut]
    hidden: bool
    rules_version: int
    created_at: datetime
    #: Count work done from the start date even when launched later (else from the launch).
    count_from_start: bool
    #: The first instant that counts: the start, or the launch when later; None until launched.
    counts_from: datetime | None
    launched_at: datetime | None
    started_at: datetime | None
    ended_at: datetime | None
    awarded_at: datetime | None
    cancelled_at: datetime | None
    log: list[EventOut] | None = None
    #: chance: one ticket per this much of the measure, and how many winners are drawn
    ticket_every: int = 1
    draws: int | None = None
    #: chance: SHA-256 (hex) of the draw seed, published from the launch on
    draw_commitment: str | None = None
    #: chance: the seed, revealed once the contest is awarded (recompute the draw: docs/mechanics.md)
    draw_seed: str | None = None


class ContestList(Struct):
    total: int
    contests: list[ContestOut]


class StandingOut(Struct):
    place: int | None
    user_id: int
    display_name: str | None
    team_id: int | None
    score: float
    total: int
    group: str | None
    group_score: float | None
    baseline: int
    won: bool


class StandingsOut(Struct):
    contest_id: int
    state: State
    final: bool
    live: bool
    standings: list[StandingOut]


class CountedOut(Struct):
    activity_id: int | None
    type: str | None
    occurred_at: str
    amount: int
    reversed: bool


class ResultOut(StandingOut):
    """A frozen result row: the standing plus how its place was decided."""

    tie_break: str | None
    computation: str
    prizes: list[PrizeOut]
    counted: list[CountedOut]


class ResultsOut(Struct):
    contest_id: int
    state: State
    final: bool
    rules_version: int
    tie_breakers: list[str]
    results: list[ResultOut]



# -- instant wins ---------------------------------------------------------------------------------

class InstantWinIn(Struct, forbid_unknown_fields=True):
    name: ContestName
    #: the chance that one qualifying activity wins (0 < p <= 1)
    probability: Annotated[float, Meta(gt=0, le=1)]
    #: how many prizes the program may grant in all (never exceeded)
    budget: Annotated[int, Meta(ge=1, le=1_000_000)]
    #: an activity type key: only its activities roll (None: every activity)
    activity_type: Metric | None = None
    prize_points: Annotated[int, Meta(ge=0, le=1_000_000)] = 0
    prize_name: PrizeName | None = None


class InstantWinPatch(Struct, forbid_unknown_fields=True):
    active: bool


class InstantWinOut(Struct):
    id: int
    name: str
    activity_type: str | None
    probability: float
    budget: int
    granted: int
    remaining: int
    prize_points: int
    prize_name: str | None
    active: bool
    created_at: datetime


class InstantWinList(Struct):
    programs: list[InstantWinOut]
