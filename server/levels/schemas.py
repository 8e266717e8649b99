"""Wire types of levels (XP)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

import msgspec
from msgspec import Meta, Struct

from server.core.wire import Key
from server.levels import rules

Weight = Annotated[int, Meta(ge=0, le=rules.MAX_WEIGHT)]
BonusKind = Literal["badge_bonus", "mission_bonus", "streak_bonus", "prize", "kudos", "instant_win"]


class CurveIn(Struct, forbid_unknown_fields=True):
    base: Annotated[int, Meta(ge=1, le=1_000_000)] = 100
    exponent: Annotated[float, Meta(ge=1.0, le=4.0)] = 1.5
    max_level: Annotated[int, Meta(ge=2, le=rules.MAX_LEVEL)] = 50
    #: explicit XP of levels 2..max_level (strictly increasing): overrides base and exponent
    thresholds: Annotated[list[Annotated[int, Meta(ge=1, le=2**53)]], Meta(max_length=rules.MAX_LEVEL)] = []


class WeightsIn(Struct, forbid_unknown_fields=True):
    #: XP per point of an activity whose type has no weight of its own
    per_point: Weight = 1
    #: activity type key -> XP per unit counted (within the daily cap)
    activity_xp: Annotated[dict[Key, Weight], Meta(max_length=200)] = {}
    #: bonus kind -> XP per bonus point (kinds not listed keep their default)
    bonus_xp: dict[BonusKind, Weight] = {}


class LevelSettingsIn(Struct, forbid_unknown_fields=True):
    curve: CurveIn = msgspec.field(default_factory=CurveIn)
    weights: WeightsIn = msgspec.field(default_factory=WeightsIn)


class CurveOut(Struct):
    base: int
    exponent: float
    max_level: int
    thresholds: list[int]
    #: the XP at which each level starts, level 1 (0 XP) first
    levels: list[int]


class WeightsOut(Struct):
    per_point: int
    activity_xp: dict[str, int]
    bonus_xp: dict[str, int]


class LevelSettingsOut(Struct):
    curve: CurveOut
    weights: WeightsOut
    #: 0 until the org tunes its levels (the defaults hold)
    version: int
    updated_at: datetime | None


class MyLevelOut(Struct):
    level: int
    xp: int
    xp_to_next: int | None
    level_xp: int
    next_level_xp: int | None
    #: the level badge: rookie, bronze, silver, gold, platinum, legend
    tier: str
