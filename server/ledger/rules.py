"""Pricing an activity under an activity type's rule version.

`points` is awarded per unit of quantity and `value_points` per unit of value (for
instance per currency unit of a deal). A daily cap limits how many units per rep per
day earn points; units beyond it are recorded on the activity and count nowhere else: the
ledger entry holds only the units within the cap (`Priced.units`) and the value prorated by
the same share (`Priced.value_units`), so the boards, contests, missions, badges and streaks,
which all read those (or the hooks' `FreshActivity.units`), and every rebuild from the ledger
agree. A capped deal earns nothing and counts for nothing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from server.core.errors import DomainError

MAX_QUANTITY = 10_000
MAX_VALUE = 1_000_000_000


@dataclass(frozen=True, slots=True)
class Rule:
    """One version of an activity type's scoring rule."""

    version_id: int
    points: int
    value_points: float | None
    daily_cap: int | None


@dataclass(frozen=True, slots=True)
class Priced:
    points: int
    earning_units: int  # how many of the units earned points (<= quantity): the units that count
    value_units: int  # the value that counts, in whole units: prorated by earning_units / quantity


def validate_amounts(quantity: int, value: float | None) -> None:
    if not 1 <= quantity <= MAX_QUANTITY:
        raise DomainError("invalid_quantity", f"quantity must be between 1 and {MAX_QUANTITY}")
    if value is not None and (not math.isfinite(value) or value < 0 or value > MAX_VALUE):
        raise DomainError("invalid_value", f"value must be between 0 and {MAX_VALUE}")


def validate_occurred_at(occurred_at: datetime, now: datetime, backdate_days: int) -> None:
    if occurred_at.tzinfo is None:
        raise DomainError("invalid_occurred_at", "occurred_at needs a time zone offset (e.g. Z)")
    if occurred_at > now + timedelta(seconds=60):
        raise DomainError("future_activity", "occurred_at is in the future")
    if occurred_at < now - timedelta(days=backdate_days):
        raise DomainError(
            "too_old", f"activities may be dated at most {backdate_days} days back",
            details={"backdate_days": backdate_days},
        )


#: How a rep's own report counts against CRM-verified work, per activity type: in `full`, `weighted`
#: (its points times the type's weight) or `pending` (nothing until a CRM event confirms it).
SELF_REPORT_MODES = ("full", "weighted", "pending")


def check_self_report(mode: str, weight: float | None) -> None:
    if mode == "weighted" and (weight is None or not 0 < weight <= 1):
        raise DomainError("invalid_self_report", "a weighted self-report needs a weight above 0 and at most 1")
    if mode != "weighted" and weight is not None:
        raise DomainError("invalid_self_report", "only a weighted self-report has a weight")


def self_reported(priced: Priced, quantity: int, mode: str | None, weight: float | None) -> Priced:
    """The price of a rep's own report under its type's mode (None: not a self-report, or `full`):
    weighted points, or nothing while pending (and no daily-cap units: the CRM event that
    confirms it uses them)."""
    if mode == "weighted" and weight is not None:
        return Priced(round_half_up(priced.points * weight), priced.earning_units, priced.value_units)
    if mode == "pending":
        return Priced(0, quantity, 0)
    return priced


def units_within_cap(quantity: int, used_before: int, cap: int | None) -> int:
    """How many of `quantity` units still earn points, given `used_before` units today."""
    if cap is None:
        return quantity
    return max(0, min(quantity, cap - used_before))


def price(rule: Rule, quantity: int, value: float | None, used_before: int) -> Priced:
    earning = units_within_cap(quantity, used_before, rule.daily_cap)
    points = rule.points * earning
    if rule.value_points is not None and value is not None and earning:
        points += round_half_up(value * rule.value_points * earning / quantity)
    return Priced(points=points, earning_units=earning, value_units=counted_value(value, quantity, earning))


def counted_value(value: float | None, quantity: int, earning: int) -> int:
    """The part of `value` that counts on value boards, contests and missions: the share of the
    units within the cap, in whole units (half up); all of it when nothing was capped."""
    if value is None or not earning:
        return 0
    return board_value(value if earning == quantity else value * earning / quantity)


def round_half_up(x: float) -> int:
    return int(math.floor(x + 0.5))


def board_value(value: float | None) -> int:
    """A value as it is summed on value leaderboards: whole units, half up."""
    return 0 if value is None else round_half_up(value)


# -- what a rule change would do to a week's board ------------------------------------------------
@dataclass(frozen=True, slots=True)
class PastActivity:
    """An activity of the changed type this week, as the ledger scored it (reversed ones left out),
    in the order it was recorded."""

    user_id: int
    day: date  # local date in the org's time zone (the daily cap's day)
    quantity: int
    value: float | None
    points: int  # what its ledger entry holds now
    self_report: str | None = None  # its self-report mode (None: not a self-report)
    weight: float | None = None


@dataclass(frozen=True, slots=True)
class Shift:
    """One rep on the week's points board, before and after the change."""

    user_id: int
    before: int
    after: int
    rank_before: int
    rank_after: int

    @property
    def moved(self) -> bool:
        return self.before != self.after or self.rank_before != self.rank_after


def competition_rank(points: dict[int, int]) -> dict[int, int]:
    """1 + how many have strictly more (1, 2, 2, 4), as the boards show ranks."""
    ordered = sorted(points.values(), reverse=True)
    first: dict[int, int] = {}
    for i, p in enumerate(ordered):
        first.setdefault(p, i + 1)
    return {u: first[p] for u, p in points.items()}


def reprice_week(totals: dict[int, int], activities: Sequence[PastActivity], rule: Rule) -> list[Shift]:
    """The week's points board if `rule` had scored the type's activities all week: each rep's
    points and rank before (the ledger's `totals`) and after, highest after first. Daily caps
    count units in recording order per rep and day, as the activity path does; a pending
    self-report stays at nothing and uses no cap."""
    after = dict(totals)
    used: dict[tuple[int, date], int] = {}
    for a in activities:
        key = (a.user_id, a.day)
        if a.self_report == "pending":
            continue
        before_units = used.get(key, 0)
        used[key] = before_units + a.quantity
        priced = self_reported(price(rule, a.quantity, a.value, before_units), a.quantity, a.self_report, a.weight)
        after[a.user_id] = after.get(a.user_id, 0) - a.points + priced.points
    ranks_before = competition_rank({u: totals.get(u, 0) for u in after})
    ranks_after = competition_rank(after)
    rows = [Shift(u, totals.get(u, 0), after[u], ranks_before[u], ranks_after[u]) for u in after]
    return sorted(rows, key=lambda r: (r.rank_after, r.rank_before, r.user_id))
