"""Which leaderboards one ledger entry moves, and by how much.

Every entry moves the `points` boards by its points and its activity type's board by
units (or, for types scored on value, by the value in whole units), in each window's
period that contains the activity's `occurred_at`.

The tie part records when the score was reached (`board.ranking.reached_at`): the entry's
`created_at`, the server's clock when it was recorded, for an entry that raises the score;
an entry that lowers it (a reversal) leaves the time as it was (`NEUTRAL_TIE`).
"""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from server.board.ranking import neutral_tie, tie_part, tie_scale
from server.core.errors import DomainError
from server.core.events import EntryFacts
from server.core.periods import Period, local_date, periods_of_day

POINTS = "points"

#: Ledger kinds that move a rep's spendable balance but not the leaderboards (spending
#: earned points on a reward must not push the rep down the board).
WALLET_KINDS = ("redemption", "redemption_refund")


def check_type_key(key: str) -> None:
    """Activity type keys name their boards; `points` would share the points boards' keys."""
    if key == POINTS:
        raise DomainError("reserved_key", f"'{POINTS}' is the points leaderboard; choose another activity type key")


@dataclass(frozen=True, slots=True)
class BoardDelta:
    metric: str
    period: Period
    delta: int
    scale: int
    tie: int


def metric_deltas(facts: EntryFacts) -> list[tuple[str, int]]:
    out = []
    if facts.points:
        out.append((POINTS, facts.points))
    if facts.type_key is not None:
        amount = facts.value_units if facts.valued else facts.units
        if amount:
            out.append((facts.type_key, amount))
    return out


def board_deltas(facts: EntryFacts, tz: ZoneInfo, week_start: int) -> list[BoardDelta]:
    metrics = metric_deltas(facts)
    if not metrics:
        return []
    out = []
    for period in periods_of_day(local_date(facts.occurred_at, tz), tz, week_start):
        scale = tie_scale(period.window)
        tie = tie_part(period, facts.created_at)
        for metric, delta in metrics:
            out.append(BoardDelta(metric, period, delta, scale, tie if delta > 0 else neutral_tie(period.window)))
    return out
