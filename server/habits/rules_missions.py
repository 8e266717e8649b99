"""Daily mission rules: which templates a rep gets today and the target of each.

Targets follow the rep's own baseline (the median of their last `BASELINE_DAYS` working days of
that metric since they started, nudged up), never one number for the whole team; a rep with
less than two weeks of history (`MIN_TENURE_DAYS`) starts from the team's median instead: the
median of their teammates' working days, each since that teammate started. Days before a rep
existed are no days of theirs: counted as zeros they would put every new rep at the floor.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from datetime import date

from server.core.errors import DomainError

BASELINE_DAYS = 20
MIN_TENURE_DAYS = 14  # a rep who started less than two weeks ago: use the team's baseline
MIN_MISSIONS, MAX_MISSIONS = 3, 5
METRICS = ("count", "value")


@dataclass(frozen=True, slots=True)
class Template:
    id: int
    key: str
    label: str
    type_key: str
    metric: str  # count | value
    min_target: int
    max_target: int
    bonus_points: int
    nudge_pct: int
    team_id: int | None = None  # pinned for a team
    user_id: int | None = None  # pinned for one rep
    pinned: bool = False


@dataclass(frozen=True, slots=True)
class Planned:
    slot: int
    template: Template
    target: int


def baseline(history: list[int]) -> float:
    """Median of the daily totals given (working days, zeros included)."""
    return float(statistics.median(history)) if history else 0.0


def established(started: date, day: date) -> bool:
    """Whether a rep who started on `started` has two weeks of history by `day`."""
    return (day - started).days >= MIN_TENURE_DAYS


def target_for(t: Template, own: list[int], team: list[int], established: bool = True, pct: int | None = None) -> int:
    """Own median nudged up by `nudge_pct` (the team's median for a rep not yet `established`), within
    the template's bounds; with `pct` (a manager made the rep's missions easier for a while) that percent
    of it instead. `own` and `team` hold daily totals of working days since each rep started."""
    base = baseline(own[-BASELINE_DAYS:]) if established else baseline(team)
    factor = (100 + t.nudge_pct) if pct is None else pct
    nudged = math.ceil(base * factor / 100 - 1e-9) if base > 0 else 0
    return max(t.min_target, min(t.max_target, nudged))


def applies(t: Template, user_id: int, team_id: int | None) -> bool:
    if t.user_id is not None:
        return t.user_id == user_id
    if t.team_id is not None:
        return t.team_id == team_id
    return True


def plan(templates: list[Template], user_id: int, team_id: int | None, count: int, rotation: int,
         history: dict[str, list[int]], team_history: dict[str, list[int]], established: bool = True,
         pct: int | None = None) -> list[Planned]:
    """Today's missions: pinned templates for this rep or team first, then the rest rotated by
    `rotation` (e.g. the day's ordinal) so reps see variety; at most one mission per template."""
    count = max(MIN_MISSIONS, min(MAX_MISSIONS, count))
    mine = [t for t in templates if applies(t, user_id, team_id)]
    pinned = sorted((t for t in mine if t.pinned or t.user_id is not None or t.team_id is not None),
                    key=lambda t: (t.user_id is None, t.team_id is None, t.id))
    rest = sorted((t for t in mine if t not in pinned), key=lambda t: t.id)
    if rest:
        k = rotation % len(rest)
        rest = rest[k:] + rest[:k]
    chosen = (pinned + rest)[:count]
    return [Planned(i, t, target_for(t, history.get(_hkey(t), []), team_history.get(_hkey(t), []), established, pct))
            for i, t in enumerate(chosen)]


def _hkey(t: Template) -> str:
    return f"{t.type_key}:{t.metric}"


def history_key(type_key: str, metric: str) -> str:
    return f"{type_key}:{metric}"


def progress_of(metric: str, quantity: int, value_units: int) -> int:
    """How much one activity moves a mission of `metric` (value missions count whole currency units)."""
    return quantity if metric == "count" else value_units


def validate_template(metric: str, min_target: int, max_target: int, bonus_points: int, nudge_pct: int) -> None:
    if metric not in METRICS:
        raise DomainError("invalid_metric", f"metric must be one of {', '.join(METRICS)}", details={"field": "metric"})
    if not 1 <= min_target <= max_target <= 1_000_000:
        raise DomainError("invalid_target", "targets need 1 <= min_target <= max_target <= 1000000",
                          details={"field": "max_target"})
    if not 0 <= bonus_points <= 100_000:
        raise DomainError("invalid_bonus", "bonus_points must be between 0 and 100000", details={"field": "bonus_points"})
    if not 0 <= nudge_pct <= 200:
        raise DomainError("invalid_nudge", "nudge_pct must be between 0 and 200", details={"field": "nudge_pct"})
