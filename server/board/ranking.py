"""Packing a metric and "when it was reached" into one sorted-set score, and ranks.

Score = metric * 2**bits + (2**bits - 1 - offset), where offset is how long after the
period start the rep reached that metric (seconds; hours for all-time). Higher metric
wins; on equal metric the smaller offset (reached first) wins; on the same second the
member id decides (Redis orders equal scores by member). Every value stays below 2**53,
so doubles hold it exactly. Ranks shown to people are competition ranks (1, 2, 2, 4).

When a score was reached is one rule for boards and contests alike (docs/api.md, "Ties"):
the time the server recorded the last ledger entry that raised it (the entry's `created_at`,
never the `occurred_at` a rep or a CRM states); a board holds it to the second (the hour for
all-time). An entry that lowers the score (a reversal) does not move it. The board keeps the
smallest tie part (the latest such time), so applying entries in any order gives the same
board as a rebuild from the ledger.
"""

from __future__ import annotations

from datetime import datetime

from server.core.periods import Period

#: Bits of the tie-break part per window, and its unit in seconds.
TIE_BITS = {"day": 17, "week": 20, "month": 22, "quarter": 23, "all": 20}
TIE_UNIT_S = {"day": 1, "week": 1, "month": 1, "quarter": 1, "all": 3600}
#: Largest metric each window can hold exactly.
MAX_METRIC = {w: 2 ** (53 - b) - 1 for w, b in TIE_BITS.items()}


def tie_scale(window: str) -> int:
    return 1 << TIE_BITS[window]


def tie_part(period: Period, reached_at: datetime) -> int:
    """The tie-break part for a score reached at `reached_at` in `period` (clamped)."""
    scale = tie_scale(period.window)
    offset = int((reached_at - period.start).total_seconds() // TIE_UNIT_S[period.window])
    offset = min(max(offset, 0), scale - 1)
    return scale - 1 - offset


def neutral_tie(window: str) -> int:
    """The tie part of an entry that lowers a score: the largest, so keeping the smallest tie part
    of a member's entries ignores it (the score was reached when the last gain was recorded)."""
    return tie_scale(window) - 1


def pack(window: str, metric: int, tie: int) -> float:
    return float(metric * tie_scale(window) + tie)


def unpack_metric(window: str, score: float) -> int:
    return int(score) // tie_scale(window)


def competition_ranks(metrics: list[int], first_rank: int, first_rank_offset: int = 0) -> list[int]:
    """Ranks for a page of metrics sorted high to low.

    `first_rank` is the rank of the page's first entry (1 + how many are strictly higher);
    the page starts at absolute position `first_rank_offset` (0-based) in the board.
    """
    ranks: list[int] = []
    for i, m in enumerate(metrics):
        if i == 0:
            ranks.append(first_rank)
        elif m == metrics[i - 1]:
            ranks.append(ranks[-1])
        else:
            ranks.append(first_rank_offset + i + 1)
    return ranks
