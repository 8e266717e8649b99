"""Which rows of a board a viewer may see (pure rules; docs/mechanics.md, "Privacy-respecting boards").

Modes: `full` (every row), `top_n` (the top `n` and the viewer's own row), `near_peers` (the
viewer's row and the `n` rows just above and below it), `tiers` (everyone's band, gold, silver
or bronze, with no rank or score but the viewer's own score), `value_only` (the viewer's own
score, no rank). The most specific setting wins: a display's own mode for a display, then the
board's (its metric), then the viewer's team, then the org's. Managers and admins always see
the full board. Reps who hide from TV screens never appear on a display, whatever its mode.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from server.core.errors import DomainError

FULL, TOP_N, NEAR_PEERS, TIERS, VALUE_ONLY = "full", "top_n", "near_peers", "tiers", "value_only"
MODES = (FULL, TOP_N, NEAR_PEERS, TIERS, VALUE_ONLY)
SCOPES = ("org", "team", "metric", "display")
#: `n` when a setting gives none: the top 10, two peers on each side.
DEFAULT_N = {TOP_N: 10, NEAR_PEERS: 2}
MAX_N = 50
#: The share of a board (by rank) in the gold band, and in gold or silver.
GOLD_SHARE, SILVER_SHARE = 0.2, 0.5
TIER_ORDER = ("gold", "silver", "bronze")


@dataclass(frozen=True, slots=True)
class Mode:
    mode: str = FULL
    n: int = 0

    @property
    def restricted(self) -> bool:
        return self.mode != FULL


FULL_MODE = Mode()


def make_mode(mode: str, n: int | None) -> Mode:
    """A checked mode: `n` only where it means something, and within 1..MAX_N."""
    if mode not in MODES:
        raise DomainError("invalid_privacy_mode", f"mode must be one of {', '.join(MODES)}")
    if mode not in DEFAULT_N:
        return Mode(mode, 0)
    n = DEFAULT_N[mode] if n is None else n
    if not 1 <= n <= MAX_N:
        raise DomainError("invalid_privacy_n", f"n must be between 1 and {MAX_N}")
    return Mode(mode, n)


@dataclass(frozen=True, slots=True)
class OrgPrivacy:
    """An org's settings: its mode and the overrides per team, board (metric) and display."""

    org: Mode = FULL_MODE
    teams: Mapping[int, Mode] = field(default_factory=dict)
    metrics: Mapping[str, Mode] = field(default_factory=dict)
    displays: Mapping[int, Mode] = field(default_factory=dict)
    hidden_from_tv: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class Viewer:
    role: str  # rep | manager | admin | display | integration
    user_id: int | None = None
    team_id: int | None = None
    display_id: int | None = None

    @property
    def is_display(self) -> bool:
        return self.role == "display"


def mode_for(settings: OrgPrivacy, viewer: Viewer, metric: str) -> Mode:
    """The mode `viewer` sees board `metric` in (most specific setting first)."""
    if viewer.role in ("manager", "admin", "integration"):
        return FULL_MODE
    if viewer.is_display and viewer.display_id is not None and viewer.display_id in settings.displays:
        return settings.displays[viewer.display_id]
    if metric in settings.metrics:
        return settings.metrics[metric]
    if not viewer.is_display and viewer.team_id is not None and viewer.team_id in settings.teams:
        return settings.teams[viewer.team_id]
    return settings.org


def filtered(settings: OrgPrivacy, viewer: Viewer, metric: str) -> bool:
    """Whether `viewer` sees anything but the board as it is."""
    return mode_for(settings, viewer, metric).restricted or (viewer.is_display and bool(settings.hidden_from_tv))


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a board: what the viewer gets (rank and score None where hidden, a tier under `tiers`)."""

    user_id: int
    rank: int | None
    score: float | None
    tier: str | None = None


def tier_of(rank: int, total: int) -> str:
    """The band of competition rank `rank` among `total` ranked reps (ties share a band)."""
    if rank <= math.ceil(total * GOLD_SHARE):
        return "gold"
    if rank <= math.ceil(total * SILVER_SHARE):
        return "silver"
    return "bronze"


def visible(mode: Mode, rows: Sequence[Row], total: int, viewer: Viewer, own: Row | None = None,
            hidden: frozenset[int] = frozenset()) -> list[Row]:
    """The rows `viewer` may see of a board whose rows (ranked, best first; a prefix of a board of
    `total` rows, or all of it) are `rows`. `own` is the viewer's standing when it is not among
    `rows` (a rep below the page, or with no score yet). A display never shows `hidden` reps and
    has no row of its own: `top_n` and `near_peers` show it the top `n`."""
    if viewer.is_display:
        rows = [r for r in rows if r.user_id not in hidden]
        if mode.mode in (TOP_N, NEAR_PEERS):
            return [r for r in rows if r.rank is not None and r.rank <= mode.n]
        if mode.mode == TIERS:
            return _tiers(rows, total, None)
        return [] if mode.mode == VALUE_ONLY else list(rows)
    me = next((r for r in rows if r.user_id == viewer.user_id), own)
    if mode.mode == FULL:
        return list(rows)
    if mode.mode == TOP_N:
        top = [r for r in rows if r.rank is not None and r.rank <= mode.n]
        return top if me is None or any(r.user_id == me.user_id for r in top) else [*top, me]
    if mode.mode == NEAR_PEERS:
        return _near(rows, me, mode.n)
    if mode.mode == TIERS:
        return _tiers(rows, total, me)
    return [] if me is None else [Row(me.user_id, None, me.score)]


def _near(rows: Sequence[Row], me: Row | None, n: int) -> list[Row]:
    if me is None:
        return []
    at = next((i for i, r in enumerate(rows) if r.user_id == me.user_id), None)
    if at is None:  # not among the rows: they rank after every row of the page
        return [*rows[max(0, len(rows) - n):], me]
    return list(rows[max(0, at - n):at + n + 1])


def _tiers(rows: Sequence[Row], total: int, me: Row | None) -> list[Row]:
    out = [Row(r.user_id, None, r.score if me is not None and r.user_id == me.user_id else None,
               tier_of(r.rank, total) if r.rank is not None else "bronze") for r in rows]
    if me is not None and not any(r.user_id == me.user_id for r in rows):
        out.append(Row(me.user_id, None, me.score, "bronze" if me.rank is None else tier_of(me.rank, max(total, 1))))
    # ordered by band, then by user id: the order within a band tells nothing
    return sorted(out, key=lambda r: (TIER_ORDER.index(r.tier or "bronze"), r.user_id))


def may_tell_rank(mode: Mode) -> bool:
    """Whether a rep in `mode` may be told a rank ("you're now #3", "you passed Ann")."""
    return mode.mode in (FULL, TOP_N, NEAR_PEERS)


def may_tell_passes(mode: Mode) -> bool:
    """Whether a rep in `mode` hears who passed whom: the names of the reps next to them, which
    `top_n` hides below the top and `tiers`/`value_only` hide altogether."""
    return mode.mode in (FULL, NEAR_PEERS)

