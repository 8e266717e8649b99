"""Levels (XP): how ledger entries turn into XP, and the level curve. Pure.

XP is permanent progression, apart from spendable points and period boards. It is derived from
the ledger, entry by entry, so a reversal (a negative entry) lowers it and a rebuild over the
ledger reproduces it exactly:

* an activity entry (kind `activity`, or its `reversal`) earns `activity_xp[type]` XP per unit
  counted (units within the daily cap; a reversal's units are negative) when the org set a
  weight for its type, else `per_point` XP per point;
* a bonus entry earns `bonus_xp[kind]` XP per point (badge, mission and streak bonuses, contest
  prizes, kudos points, instant wins); every other kind (redemptions and their refunds) earns
  none: spending points never costs XP.

The curve: level 1 starts at 0 XP; level L (2 <= L <= max_level) is reached at
`thresholds[L - 2]` when the org lists its thresholds, else at `floor(base * (L - 1) ** exponent)`
(base 100, exponent 1.5: 100, 282, 519, 800, 1118, ...).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from server.core.errors import DomainError

ACTIVITY_KINDS = ("activity", "reversal")
#: The bonus kinds that can earn XP, and their default XP per point.
BONUS_KINDS: dict[str, int] = {
    "badge_bonus": 1,
    "mission_bonus": 1,
    "streak_bonus": 1,
    "prize": 1,
    "kudos": 0,
    "instant_win": 0,
}
MAX_LEVEL = 200
MAX_WEIGHT = 1000
#: The level badge's tier by the first level of each tier.
TIERS: tuple[tuple[int, str], ...] = (
    (1, "rookie"),
    (5, "bronze"),
    (10, "silver"),
    (20, "gold"),
    (35, "platinum"),
    (50, "legend"),
)


@dataclass(frozen=True, slots=True)
class Curve:
    base: int = 100
    exponent: float = 1.5
    max_level: int = 50
    thresholds: tuple[int, ...] = ()  # explicit: the XP of levels 2, 3, ... (overrides base/exponent)


@dataclass(frozen=True, slots=True)
class Weights:
    per_point: int = 1
    activity_xp: Mapping[str, int] = field(default_factory=dict)  # type key -> XP per unit
    bonus_xp: Mapping[str, int] = field(default_factory=lambda: dict(BONUS_KINDS))  # kind -> XP per point


@dataclass(frozen=True, slots=True)
class Progress:
    level: int
    xp: int
    level_xp: int  # XP where this level started
    next_level_xp: int | None  # None at the top level
    xp_to_next: int | None


def validate(curve: Curve, weights: Weights) -> None:
    if not 2 <= curve.max_level <= MAX_LEVEL:
        raise DomainError("invalid_curve", f"max_level is 2..{MAX_LEVEL}")
    if curve.thresholds:
        t = curve.thresholds
        if len(t) != curve.max_level - 1:
            raise DomainError(
                "invalid_curve", "thresholds list the XP of levels 2..max_level: max_level - 1 values"
            )
        if t[0] < 1 or any(b <= a for a, b in zip(t, t[1:], strict=False)):
            raise DomainError("invalid_curve", "thresholds are positive and strictly increasing")
    else:
        if not 1 <= curve.base <= 1_000_000:
            raise DomainError("invalid_curve", "base is 1..1000000")
        if not 1.0 <= curve.exponent <= 4.0:
            raise DomainError("invalid_curve", "exponent is 1.0..4.0")
    if not 0 <= weights.per_point <= MAX_WEIGHT:
        raise DomainError("invalid_weights", f"per_point is 0..{MAX_WEIGHT}")
    for key, w in weights.activity_xp.items():
        if not 0 <= w <= MAX_WEIGHT:
            raise DomainError("invalid_weights", f"activity_xp.{key} is 0..{MAX_WEIGHT}")
    for kind, w in weights.bonus_xp.items():
        if kind not in BONUS_KINDS:
            raise DomainError("invalid_weights", f"bonus_xp kinds are {', '.join(BONUS_KINDS)}")
        if not 0 <= w <= MAX_WEIGHT:
            raise DomainError("invalid_weights", f"bonus_xp.{kind} is 0..{MAX_WEIGHT}")


def entry_xp(weights: Weights, kind: str, type_key: str | None, points: int, units: int) -> int:
    """The XP of one ledger entry (negative for a reversal or a taken-back bonus)."""
    if kind in ACTIVITY_KINDS:
        if type_key is not None and type_key in weights.activity_xp:
            return weights.activity_xp[type_key] * units
        return weights.per_point * points
    return weights.bonus_xp.get(kind, 0) * points


def threshold(curve: Curve, level: int) -> int:
    """The XP at which `level` starts (1 <= level <= max_level)."""
    if level <= 1:
        return 0
    if curve.thresholds:
        return curve.thresholds[level - 2]
    # the epsilon keeps exact powers exact (100 * 4 ** 1.5 is 800, not 799.999...)
    return int(math.floor(curve.base * float(level - 1) ** curve.exponent + 1e-9))


def level_of(curve: Curve, xp: int) -> int:
    level = 1
    while level < curve.max_level and xp >= threshold(curve, level + 1):
        level += 1
    return level


def progress(curve: Curve, xp: int) -> Progress:
    level = level_of(curve, xp)
    nxt = threshold(curve, level + 1) if level < curve.max_level else None
    return Progress(level, xp, threshold(curve, level), nxt, None if nxt is None else nxt - xp)


def tier(level: int) -> str:
    """The level badge's tier."""
    name = TIERS[0][1]
    for first, t in TIERS:
        if level >= first:
            name = t
    return name
