"""Fantasy league rules: the snake draft, auto-picks, the weekly head-to-head schedule, the
standings and the playoff bracket. Pure functions over team positions (0-based draft order) and
weekly scores; no web, no storage."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Outcome = Literal["win", "loss", "tie"]
#: A week's pairing: two team positions, or one team and None (a bye: no game, no record).
Pairing = tuple[int, int | None]
PLAYOFF_SIZES = (2, 4, 8)


def pick_order(teams: int, rounds: int) -> list[int]:
    """The team position on the clock for each pick of a snake draft: 0..n-1, then n-1..0, ..."""
    order: list[int] = []
    for r in range(rounds):
        order.extend(range(teams) if r % 2 == 0 else range(teams - 1, -1, -1))
    return order


def round_of(pick_no: int, teams: int) -> int:
    """The 1-based round of a 0-based pick number."""
    return pick_no // teams + 1


def auto_pick(available: Sequence[int], recent: Mapping[int, int]) -> int:
    """The pick a team that ran out of time gets: the available rep with the most of the league's
    metric over the recent weeks, the lowest id among equals."""
    if not available:
        raise ValueError("no rep left to draft")
    return min(available, key=lambda uid: (-recent.get(uid, 0), uid))


def schedule(teams: int, weeks: int) -> list[list[Pairing]]:
    """Round-robin pairings (the circle method) for `weeks` weeks, repeating the cycle when the
    season is longer than one round; with an odd number of teams one team has a bye each week."""
    slots: list[int | None] = list(range(teams)) + ([None] if teams % 2 else [])
    n = len(slots)
    cycle: list[list[Pairing]] = []
    ring = slots[1:]
    for _ in range(n - 1):
        week_slots = [slots[0], *ring]
        week: list[Pairing] = []
        for i in range(n // 2):
            a, b = week_slots[i], week_slots[n - 1 - i]
            if a is None:
                a, b = b, None
            assert a is not None
            week.append((a, b) if b is None or a < b else (b, a))
        cycle.append(sorted(week, key=lambda p: p[0]))
        ring = ring[-1:] + ring[:-1]
    return [cycle[w % len(cycle)] for w in range(weeks)]


def outcome(mine: int, theirs: int) -> Outcome:
    return "win" if mine > theirs else "loss" if mine < theirs else "tie"


@dataclass(frozen=True, slots=True)
class Standing:
    team: int
    wins: int
    losses: int
    ties: int
    points_for: int
    points_against: int

    @property
    def record(self) -> str:
        return f"{self.wins}-{self.losses}-{self.ties}"


def standings(teams: int, weeks: Sequence[Sequence[Pairing]], scores: Sequence[Mapping[int, int]]) -> list[Standing]:
    """The table after the weeks that have scores (`scores[w]`: team position -> its score that
    week): most wins (a tie counts half), then most points for, then the earlier draft position."""
    rows = {t: [0, 0, 0, 0, 0] for t in range(teams)}  # wins, losses, ties, for, against
    for pairings, week_scores in zip(weeks, scores, strict=False):
        for a, b in pairings:
            if b is None:
                continue
            sa, sb = week_scores.get(a, 0), week_scores.get(b, 0)
            for me, mine, theirs in ((a, sa, sb), (b, sb, sa)):
                result = outcome(mine, theirs)
                rows[me][("win", "loss", "tie").index(result)] += 1
                rows[me][3] += mine
                rows[me][4] += theirs
    table = [Standing(t, *v) for t, v in rows.items()]
    return sorted(table, key=lambda s: (-(2 * s.wins + s.ties), -s.points_for, s.team))


@dataclass(frozen=True, slots=True)
class Game:
    """A playoff game: seeds are 1-based; the winner is the higher score, the better seed on a tie."""

    high: int  # team position of the better seed
    low: int
    high_seed: int
    low_seed: int

    def winner(self, week_scores: Mapping[int, int]) -> int:
        return self.low if week_scores.get(self.low, 0) > week_scores.get(self.high, 0) else self.high


def first_round(seeded: Sequence[int]) -> list[Game]:
    """1 v n, 2 v n-1, ... for the top n of the table (n in PLAYOFF_SIZES)."""
    n = len(seeded)
    if n not in PLAYOFF_SIZES:
        raise ValueError(f"playoffs take {PLAYOFF_SIZES} teams")
    return [Game(seeded[i], seeded[n - 1 - i], i + 1, n - i) for i in range(n // 2)]


def next_round(games: Sequence[Game], week_scores: Mapping[int, int]) -> list[Game]:
    """The winners of a round, paired outside-in by bracket position (winner of game 0 meets the
    winner of the last game, which keeps 1 v 4 and 2 v 3 on opposite halves)."""
    winners = [(g.winner(week_scores), g.high_seed if g.winner(week_scores) == g.high else g.low_seed)
               for g in games]
    out = []
    for i in range(len(winners) // 2):
        (a, sa), (b, sb) = winners[i], winners[len(winners) - 1 - i]
        out.append(Game(a, b, sa, sb) if sa < sb else Game(b, a, sb, sa))
    return out


def playoff_weeks(playoff_teams: int) -> int:
    return playoff_teams.bit_length() - 1


def week_span(season_start: date, week: int) -> tuple[date, date]:
    """The local days [first, end) of the 0-based week of a season."""
    first = season_start + timedelta(days=7 * week)
    return first, first + timedelta(days=7)
