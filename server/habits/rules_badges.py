"""Badge rules as data: what a definition means, when it holds, and once per which period.

A definition has a `rule` kind and params:

* `activity_count` / `activity_value`: `type_key`, `threshold`, `window` (day|week|month|all):
  the rep's units (or value) of that type in the window reach the threshold;
* `streak`: `threshold` consecutive days;
* `missions_completed`: `threshold` missions completed in the `window`;
* `rank`: `rank` (1 = first) on the org points board of `window` (day|week|month), decided once
  the period has closed (its end plus the habit grace hours, for late syncs) on its final board;
* `contest_won`: any contest won (`threshold` wins in all, default 1);
* `manual`: only awarded by a manager (recognition, with a message).

`repeatable` badges are earned once per period of their window (again next week), the others
once ever. The period key names that period; (badge, rep, period key) is unique in storage.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from server.core.errors import DomainError
from server.core.periods import RETENTION, Period, period_for

RULES = ("activity_count", "activity_value", "streak", "missions_completed", "rank", "contest_won", "manual")
TIERS = ("bronze", "silver", "gold", "platinum")
WINDOWS = ("day", "week", "month", "all")


@dataclass(frozen=True, slots=True)
class Badge:
    id: int
    key: str
    name: str
    rule: str
    params: dict[str, Any]
    tier: str
    points: int
    repeatable: bool
    version: int = 1  # of its rule: what it pays for and pays (bonus entries name it)
    created_at: datetime | None = None  # rank badges decide the periods that close after it

    @property
    def window(self) -> str:
        window: str = self.params.get("window", "all")
        return window

    @property
    def threshold(self) -> int:
        return int(self.params.get("threshold", 1))


def period(b: Badge, at: datetime, tz: ZoneInfo, week_start: int = 0) -> Period:
    return period_for(b.window, at, tz, week_start)


def period_key(b: Badge, at: datetime, tz: ZoneInfo, week_start: int = 0) -> str:
    """`once` for one-off badges, else the id of the window's period containing `at`."""
    if not b.repeatable or b.window == "all":
        return "once"
    return period(b, at, tz, week_start).id


def closed_periods(b: Badge, now: datetime, tz: ZoneInfo, week_start: int, grace_hours: int) -> list[Period]:
    """The periods of a rank badge's window that have closed by `now` (ended, plus `grace_hours` for
    late activities), oldest first: those that ended after the badge was made and within the board's
    retention (a worker down longer than that decides nothing for the periods it missed)."""
    close = now - timedelta(hours=grace_hours)  # a period is closed once it ended by then
    p = period_for(b.window, close, tz, week_start)  # still open: it contains `close`
    out: list[Period] = []
    horizon = now - RETENTION[b.window]
    while True:
        p = period_for(b.window, p.start - timedelta(microseconds=1), tz, week_start)
        assert p.end is not None  # rank badges are never all-time
        if p.end <= horizon or (b.created_at is not None and p.end <= b.created_at):
            return out[::-1]
        out.append(p)


def top_ranks(totals: Mapping[int, int], k: int) -> set[int]:
    """Who holds competition rank <= k (1, 2, 2, 4: ties share a rank) with a positive score."""
    scores = sorted((t for t in totals.values() if t > 0), reverse=True)
    if not scores:
        return set()
    floor = scores[min(k, len(scores)) - 1]
    return {u for u, t in totals.items() if t > 0 and t >= floor}


def holds(b: Badge, measured: int) -> bool:
    """Whether a measured metric satisfies the rule (`rank` compares ranks: lower is better)."""
    if b.rule == "rank":
        return 1 <= measured <= int(b.params.get("rank", 1))
    if b.rule == "manual":
        return False
    return measured >= b.threshold


def validate(rule: str, params: dict[str, Any], tier: str, points: int) -> dict[str, Any]:
    """Check a definition a manager sends; returns the normalised params."""
    if rule not in RULES:
        raise DomainError("invalid_rule", f"rule must be one of {', '.join(RULES)}", details={"field": "rule"})
    if tier not in TIERS:
        raise DomainError("invalid_tier", f"tier must be one of {', '.join(TIERS)}", details={"field": "tier"})
    if not 0 <= points <= 100_000:
        raise DomainError("invalid_points", "points must be between 0 and 100000", details={"field": "points"})
    out: dict[str, Any] = {}
    window = params.get("window", "all")
    if window not in WINDOWS or (rule == "rank" and window == "all"):
        raise DomainError("invalid_window", f"window must be one of {', '.join(WINDOWS)}"
                          + (" (not all for a rank)" if rule == "rank" else ""), details={"field": "window"})
    out["window"] = window
    if rule in ("activity_count", "activity_value"):
        if not isinstance(params.get("type_key"), str) or not params["type_key"]:
            raise DomainError("invalid_params", "this rule needs params.type_key", details={"field": "type_key"})
        out["type_key"] = params["type_key"]
    if rule == "rank":
        rank = params.get("rank", 1)
        if not isinstance(rank, int) or not 1 <= rank <= 100:
            raise DomainError("invalid_params", "params.rank must be 1 to 100", details={"field": "rank"})
        out["rank"] = rank
    elif rule != "manual":
        threshold = params.get("threshold", 1)
        if not isinstance(threshold, int) or isinstance(threshold, bool) or not 1 <= threshold <= 10_000_000:
            raise DomainError("invalid_params", "params.threshold must be a whole number from 1",
                              details={"field": "threshold"})
        out["threshold"] = threshold
    return out


#: The starter set every org gets (key, name, rule, params, tier, points, repeatable).
STARTER: tuple[tuple[str, str, str, dict[str, Any], str, int, bool], ...] = (
    ("first_call", "First call", "activity_count", {"type_key": "call", "threshold": 1}, "bronze", 5, False),
    # weekly badges are stretch goals, not participation: `reprally simulate` (docs/simulation.md)
    # found 10 calls and 5 meetings a week went to nearly every rep every week, a win that says nothing
    ("calls_100_week", "100 calls this week", "activity_count",
     {"type_key": "call", "threshold": 100, "window": "week"}, "bronze", 10, True),
    ("meetings_10_week", "10 meetings booked this week", "activity_count",
     {"type_key": "meeting_booked", "threshold": 10, "window": "week"}, "silver", 25, True),
    ("first_deal", "First deal won", "activity_count", {"type_key": "deal_won", "threshold": 1}, "silver", 25,
     False),
    ("streak_5", "5-day streak", "streak", {"threshold": 5}, "bronze", 10, False),
    ("streak_10", "10-day streak", "streak", {"threshold": 10}, "silver", 25, False),
    ("streak_20", "20-day streak", "streak", {"threshold": 20}, "gold", 50, False),
    ("missions_10", "10 missions done", "missions_completed", {"threshold": 10}, "bronze", 10, False),
    ("top_of_day", "Top of the day", "rank", {"rank": 1, "window": "day"}, "gold", 20, True),
    # a contest pays the prizes it names and nothing else: the badge itself pays 0 unless a manager says so
    ("contest_winner", "Contest winner", "contest_won", {"threshold": 1}, "gold", 0, True),
    ("recognition", "Recognition", "manual", {}, "gold", 0, True),
)
