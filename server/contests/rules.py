"""Contest rules: validation, windows in the org's time zone, and scoring of every format.

Pure functions over plain data (no web, SQL or Redis). The service feeds them the contest's
frozen participants and the ledger rows that fall in the window; they return standings with
places, tie-breaks applied, prizes and a human explanation per participant.

Formats: individual, team (optionally per head), head_to_head (one round or a bracket),
improvement (percent over the rep's own pre-contest baseline), bracketed (divisions of
similar baselines, each with its own places), target (everyone reaching a threshold wins) and
chance (work earns tickets; a draw at the end picks winners weighted by tickets, see `draw`).
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from fractions import Fraction
from typing import Literal, TypedDict, get_args
from zoneinfo import ZoneInfo

from server.core import text
from server.core.errors import DomainError
from server.core.periods import local_midnight

FORMATS = ("individual", "team", "head_to_head", "improvement", "bracketed", "target", "chance")
MAX_DRAWS = 100
MEASURES = ("points", "count", "value")
TIE_BREAKERS = ("first_to_reach", "most_activities")
#: A contest's lifecycle state.
State = Literal["draft", "scheduled", "live", "ended", "awarded", "cancelled"]
STATES: tuple[State, ...] = get_args(State)
EDITABLE = ("draft", "scheduled")
MAX_DAYS = 92  # a quarter
MAX_PRIZE_POINTS = 1_000_000


@dataclass(frozen=True, slots=True)
class Prize:
    points: int = 0
    name: str | None = None
    place: int | None = None
    threshold: int | None = None

    def label(self) -> str:
        parts = [text.points(self.points)] if self.points else []
        if self.name:
            parts.append(self.name)
        return " + ".join(parts)


@dataclass(frozen=True, slots=True)
class Rules:
    format: str
    measure: str  # points | count | value (of `metric`, an activity type key, for count/value)
    metric: str = "points"
    per_head: bool = False
    pairs: tuple[tuple[int, int], ...] = ()  # head_to_head pairs chosen by the manager
    bracket: bool = False  # head_to_head: a bracket of rounds instead of one round
    divisions: int = 3
    target: int | None = None
    tie_breakers: tuple[str, ...] = ("first_to_reach",)
    prizes: tuple[Prize, ...] = ()
    ticket_every: int = 1  # chance: one ticket per this much of the measure
    draws: int | None = None  # chance: how many winners are drawn (default: the highest prize place, else 1)


@dataclass(frozen=True, slots=True)
class Member:
    user_id: int
    team_id: int | None = None
    baseline: int = 0
    display_name: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True)
class Counted:
    """A ledger row inside the window: an activity (+amount) or its reversal (-amount).

    `occurred_at` says which window (and bracket round) the row counts in; `recorded_at` (the
    ledger row's `created_at`: when the server recorded it) says when its gain was reached, for
    `first_to_reach`, by the boards' own rule (`server/board/ranking.py`)."""

    user_id: int
    activity_id: int | None
    occurred_at: datetime
    amount: int
    recorded_at: datetime
    reversal: bool = False
    type_key: str | None = None


class CountedItem(TypedDict):
    """One row of what counted, as the results show it (and freeze it in JSON)."""

    activity_id: int | None
    type: str | None
    occurred_at: str  # ISO 8601
    amount: int
    reversed: bool


@dataclass(slots=True)
class Tally:
    total: int = 0
    activities: int = 0
    reached_at: datetime | None = None
    counted: list[CountedItem] = field(default_factory=list)


@dataclass(slots=True)
class Row:
    user_id: int
    place: int | None
    score: float  # what is ranked (total, percent, per-head average, ...)
    total: int  # the rep's own metric in the window
    group: str | None = None  # team:<id>, division:<n>, match:<n>, round:<n>
    group_score: float | None = None
    won: bool = False
    computation: str = ""
    tie_break: str | None = None
    prizes: list[Prize] = field(default_factory=list)
    counted: list[CountedItem] = field(default_factory=list)


# -- validation and windows ---------------------------------------------------------------------

def window(start: date, end: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """[start, end) in UTC for local dates `start`..`end` inclusive; 1 day to a quarter."""
    days = (end - start).days + 1
    if days < 1:
        raise DomainError("invalid_dates", "end_date must be on or after start_date")
    if days > MAX_DAYS:
        raise DomainError("contest_too_long", f"a contest lasts at most {MAX_DAYS} days (a quarter)")
    return local_midnight(start, tz), local_midnight(end + timedelta(days=1), tz)


def counts_from(starts_at: datetime, launched_at: datetime | None, count_from_start: bool) -> datetime:
    """Where a contest starts counting: at its start, or at its launch when it was launched after
    its start (work done before anyone knew of the contest does not win it), unless the contest
    says `count_from_start`. Not launched yet (or launched before this rule): its start."""
    if count_from_start or launched_at is None or launched_at <= starts_at:
        return starts_at
    return launched_at


def baseline_window(start: date, end: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The same number of local days just before the contest: each rep's own baseline."""
    days = (end - start).days + 1
    return local_midnight(start - timedelta(days=days), tz), local_midnight(start, tz)


def round_windows(start: date, end: date, rounds: int, tz: ZoneInfo) -> list[tuple[datetime, datetime]]:
    """Split the contest's local days into `rounds` consecutive rounds (later rounds take the rest)."""
    days = (end - start).days + 1
    if rounds > days:
        raise DomainError("too_many_rounds", f"a bracket of {rounds} rounds needs at least {rounds} days")
    base, extra = divmod(days, rounds)
    out, first = [], start
    for i in range(rounds):
        n = base + (1 if i >= rounds - extra else 0)
        out.append((local_midnight(first, tz), local_midnight(first + timedelta(days=n), tz)))
        first += timedelta(days=n)
    return out


def bracket_rounds(n: int) -> int:
    return max(1, math.ceil(math.log2(n))) if n > 1 else 1


def validate(rules: Rules, *, hidden: bool) -> None:
    if rules.format not in FORMATS:
        raise DomainError("invalid_format", f"format must be one of {', '.join(FORMATS)}")
    if rules.measure not in MEASURES:
        raise DomainError("invalid_measure", f"measure must be one of {', '.join(MEASURES)}")
    if rules.measure == "points" and rules.metric != "points":
        raise DomainError("invalid_metric", "measure 'points' takes metric 'points'")
    if rules.measure != "points" and rules.metric == "points":
        raise DomainError("invalid_metric", "measures 'count' and 'value' need an activity type key in 'metric'")
    for tb in rules.tie_breakers:
        if tb not in TIE_BREAKERS:
            raise DomainError("invalid_tie_breaker", f"tie_breakers are among {', '.join(TIE_BREAKERS)}")
    if len(set(rules.tie_breakers)) != len(rules.tie_breakers):
        raise DomainError("invalid_tie_breaker", "a tie-breaker is listed twice")
    if rules.per_head and rules.format != "team":
        raise DomainError("invalid_rules", "per_head applies to the team format only")
    if (rules.pairs or rules.bracket) and rules.format != "head_to_head":
        raise DomainError("invalid_rules", "pairs and bracket apply to the head_to_head format only")
    if rules.format == "bracketed" and not 2 <= rules.divisions <= 20:
        raise DomainError("invalid_rules", "divisions must be between 2 and 20")
    if rules.format == "chance":
        if not 1 <= rules.ticket_every <= 1_000_000_000:
            raise DomainError("invalid_rules", "ticket_every is 1..1000000000")
        if rules.draws is not None and not 1 <= rules.draws <= MAX_DRAWS:
            raise DomainError("invalid_rules", f"draws is 1..{MAX_DRAWS}")
    elif rules.ticket_every != 1 or rules.draws is not None:
        raise DomainError("invalid_rules", "ticket_every and draws apply to the chance format only")
    if rules.format == "target":
        if rules.target is None or rules.target < 1:
            raise DomainError("target_required", "the target format needs a positive 'target'")
    elif rules.target is not None:
        raise DomainError("invalid_rules", "'target' applies to the target format only")
    seen: set[int] = set()
    for a, b in rules.pairs:
        if a == b or a in seen or b in seen:
            raise DomainError("invalid_pairs", "each rep appears in at most one pair, never against themselves")
        seen |= {a, b}
    if hidden and rules.prizes:
        raise DomainError("hidden_no_prizes", "a hidden contest measures a baseline: it cannot carry prizes")
    places, thresholds = set(), set()
    for p in rules.prizes:
        if (p.place is None) == (p.threshold is None):
            raise DomainError("invalid_prize", "a prize names either a 'place' or a 'threshold'")
        if not p.points and not p.name:
            raise DomainError("invalid_prize", "a prize pays points, names a prize, or both")
        if not 0 <= p.points <= MAX_PRIZE_POINTS:
            raise DomainError("invalid_prize", f"prize points must be between 0 and {MAX_PRIZE_POINTS}")
        if p.place is not None:
            if p.place < 1 or p.place in places:
                raise DomainError("invalid_prize", "places are positive and listed once")
            if rules.format == "target":
                raise DomainError("invalid_prize", "target contests pay per threshold, not per place")
            places.add(p.place)
        elif p.threshold is not None:  # always: a prize without a place has a threshold (checked above)
            if p.threshold < 1 or p.threshold in thresholds:
                raise DomainError("invalid_prize", "thresholds are positive and listed once")
            if rules.format in ("team", "head_to_head", "improvement", "chance"):
                raise DomainError("invalid_prize", f"{rules.format} contests pay per place")
            thresholds.add(p.threshold)


# -- scoring ------------------------------------------------------------------------------------

def tally(members: list[Member], counted: list[Counted],
          since: datetime | None = None, until: datetime | None = None) -> dict[int, Tally]:
    """Each member's total in [since, until), when they reached it, and what counted.

    A total is reached when the last row that raised it was recorded (the boards' rule, docs/api.md
    "Ties"): a reversal lowers the total and leaves that time as it was."""
    out = {m.user_id: Tally() for m in members}
    rows = sorted((c for c in counted if c.user_id in out
                   and (since is None or c.occurred_at >= since) and (until is None or c.occurred_at < until)),
                  key=lambda c: (c.occurred_at, c.activity_id or 0, c.reversal))
    reversed_ids = {c.activity_id for c in rows if c.reversal}
    for c in rows:
        t = out[c.user_id]
        t.total += c.amount
        if not c.reversal:
            if c.activity_id not in reversed_ids:
                t.activities += 1
            t.counted.append({"activity_id": c.activity_id, "type": c.type_key, "occurred_at": c.occurred_at.isoformat(),
                              "amount": c.amount, "reversed": c.activity_id in reversed_ids})
    for c in rows:
        t = out[c.user_id]
        if c.amount > 0 and (t.reached_at is None or c.recorded_at > t.reached_at):
            t.reached_at = c.recorded_at
    return out


def _tie_key(t: Tally, breakers: tuple[str, ...]) -> tuple[float, ...]:
    key: list[float] = []
    for b in breakers:
        if b == "first_to_reach":
            key.append(-(t.reached_at.timestamp() if t.reached_at else 0.0))
        elif b == "most_activities":
            key.append(t.activities)
    return tuple(key)


#: (key, score, tally) of one ranked item; whole scores may come as ints
_Scored = tuple[int, Fraction | int, Tally | None]


def rank(items: Sequence[_Scored], breakers: tuple[str, ...]) -> dict[int, tuple[int, str | None]]:
    """Competition places (1, 2, 2, 4): higher score first; equal scores go through the tie-breakers
    in order; whoever is still level shares the place. Returns key -> (place, tie-break used)."""
    # whole scores compare as ints (Fraction comparisons are ~50x slower; 5,000 reps sort in ms)
    items = [(k, sc.numerator if isinstance(sc, Fraction) and sc.denominator == 1 else sc, t) for k, sc, t in items]
    tie = {k: _tie_key(t, breakers) if t is not None else () for k, _, t in items}

    def full(item: _Scored) -> tuple[Fraction | float, ...]:
        return (item[1], *tie[item[0]])
    ordered = sorted(items, key=lambda it: (full(it), -it[0]), reverse=True)
    out: dict[int, tuple[int, str | None]] = {}
    for i, it in enumerate(ordered):
        if i and full(ordered[i - 1]) == full(it):
            out[it[0]] = (out[ordered[i - 1][0]][0], "shared")
        else:
            out[it[0]] = (i + 1, None)
    for j, it in enumerate(ordered):  # name the tie-break that separated equal scores
        if out[it[0]][1] is None:
            # items level on score with `it` sit next to it in `ordered`: its neighbours decide
            near = [ordered[k] for k in (j - 1, j + 1) if 0 <= k < len(ordered) and ordered[k][1] == it[1]]
            if near:
                out[it[0]] = (out[it[0]][0], _decider(it, near, breakers))
    return out


def _decider(it: _Scored, level: list[_Scored], breakers: tuple[str, ...]) -> str:
    """The first tie-breaker that sets `it` apart from every item level with it, else "shared"."""
    for i, b in enumerate(breakers):
        mine = _tie_key(it[2], breakers[:i + 1]) if it[2] else ()
        if all((_tie_key(o[2], breakers[:i + 1]) if o[2] else ()) != mine for o in level):
            return b
    return "shared"


def _num(f: Fraction) -> float:
    return float(f.numerator) if f.denominator == 1 else round(f.numerator / f.denominator, 2)


def _amount(rules: Rules, total: int) -> str:
    """ "12 points", or a total of the metric: "3 call (count)", "12500 deal_won (value)"."""
    if rules.measure == "points":
        return text.points(total)
    return f"{total} {rules.metric} ({'value' if rules.measure == 'value' else 'count'})"


def _own(rules: Rules, t: Tally) -> str:
    live = sum(1 for c in t.counted if not c["reversed"])
    rev = len(t.counted) - live
    extra = f", {rev} reversed and not counted" if rev else ""
    return f"{_amount(rules, t.total)} from {text.count(live, 'activity', 'activities')}{extra}"


def standings(rules: Rules, members: list[Member], counted: list[Counted], *,
              rounds: list[tuple[datetime, datetime]] | None = None, now: datetime | None = None,
              seed: str | None = None) -> list[Row]:
    """Every participant's row, best first. `rounds` are the bracket's round windows; `now`
    decides which rounds are over (None: all are, i.e. the final standings). `seed` is a chance
    contest's revealed draw seed: with it the winners are drawn, without it rows show tickets and odds."""
    tallies = tally(members, counted)
    fmt = rules.format
    if fmt == "chance":
        rows = _chance(rules, members, tallies, seed)
    elif fmt == "team":
        rows = _team(rules, members, tallies)
    elif fmt == "head_to_head":
        rows = _h2h(rules, members, counted, tallies, rounds, now)
    elif fmt == "bracketed":
        rows = _divisions(rules, members, tallies)
    else:
        rows = _individual(rules, members, tallies)
    for r in rows:
        r.counted = tallies[r.user_id].counted
    _prizes(rules, rows)
    return sorted(rows, key=lambda r: (r.group or "", r.place or 10**9, -r.score, r.user_id))


def _individual(rules: Rules, members: list[Member], tallies: dict[int, Tally]) -> list[Row]:
    scores: dict[int, Fraction] = {}
    texts: dict[int, str] = {}
    for m in members:
        t = tallies[m.user_id]
        if rules.format == "improvement":
            base = max(m.baseline, 1)
            scores[m.user_id] = Fraction((t.total - m.baseline) * 100, base)
            texts[m.user_id] = (f"{_own(rules, t)}; baseline {m.baseline}"
                                f"{' (counted as 1)' if m.baseline < 1 else ''}: "
                                f"({t.total} - {m.baseline}) / {base} = {_num(scores[m.user_id]):+.2f}%")
        else:
            scores[m.user_id] = Fraction(t.total)
            texts[m.user_id] = _own(rules, t)
            if rules.format == "target":
                hit = t.total >= _target(rules)
                texts[m.user_id] += f"; target {rules.target} {'reached' if hit else 'not reached'}"
    places = rank([(m.user_id, scores[m.user_id], tallies[m.user_id]) for m in members], rules.tie_breakers)
    rows = []
    for m in members:
        place, tb = places[m.user_id]
        row = Row(m.user_id, place, _num(scores[m.user_id]), tallies[m.user_id].total,
                  computation=texts[m.user_id], tie_break=tb)
        row.won = (tallies[m.user_id].total >= _target(rules)) if rules.format == "target" \
            else (place == 1 and scores[m.user_id] > 0)
        rows.append(row)
    return rows


def _team(rules: Rules, members: list[Member], tallies: dict[int, Tally]) -> list[Row]:
    teams: dict[int, list[Member]] = defaultdict(list)
    for m in members:
        if m.team_id is not None:
            teams[m.team_id].append(m)
    score: dict[int, Fraction] = {}
    for tid, ms in teams.items():
        total = sum(tallies[m.user_id].total for m in ms)
        score[tid] = Fraction(total, len(ms)) if rules.per_head else Fraction(total)
    team_tally = {}
    for tid, ms in teams.items():  # a team reaches its total when its last contributor did
        t = Tally(total=sum(tallies[m.user_id].total for m in ms),
                  activities=sum(tallies[m.user_id].activities for m in ms))
        reached = [at for m in ms if (at := tallies[m.user_id].reached_at)]
        t.reached_at = max(reached) if reached else None
        team_tally[tid] = t
    places = rank([(tid, score[tid], team_tally[tid]) for tid in teams], rules.tie_breakers)
    rows = []
    for m in members:
        t = tallies[m.user_id]
        if m.team_id is None:
            rows.append(Row(m.user_id, None, 0.0, t.total, computation=f"{_own(rules, t)}; not in a team"))
            continue
        tid, ms = m.team_id, teams[m.team_id]
        place, tb = places[tid]
        team_total = team_tally[tid].total
        how = (f"team total {team_total} / {text.count(len(ms), 'member')} = {_num(score[tid]):.2f} per head"
               if rules.per_head else f"team total {team_total}")
        rows.append(Row(m.user_id, place, _num(score[tid]), t.total, group=f"team:{tid}",
                        group_score=_num(score[tid]), won=place == 1 and score[tid] > 0, tie_break=tb,
                        computation=f"{_own(rules, t)}; {how}; team place {place}"))
    return rows


def split_divisions(members: list[Member], divisions: int) -> list[list[Member]]:
    """Groups of similar baselines, highest first, sizes as even as possible."""
    ordered = sorted(members, key=lambda m: (-m.baseline, m.user_id))
    n = min(divisions, len(ordered)) or 1
    base, extra = divmod(len(ordered), n)
    out, i = [], 0
    for d in range(n):
        size = base + (1 if d < extra else 0)
        out.append(ordered[i:i + size])
        i += size
    return out


def _divisions(rules: Rules, members: list[Member], tallies: dict[int, Tally]) -> list[Row]:
    rows = []
    for d, group in enumerate(split_divisions(members, rules.divisions), start=1):
        lo, hi = group[-1].baseline if group else 0, group[0].baseline if group else 0
        places = rank([(m.user_id, Fraction(tallies[m.user_id].total), tallies[m.user_id]) for m in group],
                      rules.tie_breakers)
        for m in group:
            t = tallies[m.user_id]
            place, tb = places[m.user_id]
            rows.append(Row(m.user_id, place, float(t.total), t.total, group=f"division:{d}",
                            won=place == 1 and t.total > 0, tie_break=tb,
                            computation=f"{_own(rules, t)}; division {d} (baselines {lo}-{hi}), place {place}"))
    return rows


def seeding(rules: Rules, members: list[Member]) -> list[tuple[int, int | None]]:
    """Round-one pairs: the manager's, else neighbours by baseline (highest first); odd one out gets a bye."""
    ids = {m.user_id for m in members}
    if rules.pairs:
        paired = [(a, b) for a, b in rules.pairs if a in ids and b in ids]
        used = {u for p in paired for u in p}
        rest = [m.user_id for m in sorted(members, key=lambda m: (-m.baseline, m.user_id)) if m.user_id not in used]
    else:
        paired, rest = [], [m.user_id for m in sorted(members, key=lambda m: (-m.baseline, m.user_id))]
    out: list[tuple[int, int | None]] = list(paired)
    for i in range(0, len(rest), 2):
        out.append((rest[i], rest[i + 1] if i + 1 < len(rest) else None))
    return out


def _h2h(rules: Rules, members: list[Member], counted: list[Counted], tallies: dict[int, Tally],
         rounds: Sequence[tuple[datetime | None, datetime | None]] | None, now: datetime | None) -> list[Row]:
    pairs = seeding(rules, members)
    if not rules.bracket or not rounds:  # a bracket whose rounds are not fixed yet plays as one round
        rules, rounds = replace(rules, bracket=False), [(None, None)]
    rows: dict[int, Row] = {}
    alive = pairs
    out_in: dict[int, int] = {}  # user -> round they lost in (1-based); champion absent
    notes: dict[int, list[str]] = defaultdict(list)
    for r, (since, until) in enumerate(rounds or [(None, None)], start=1):
        if now is not None and since is not None and now < since:
            break
        over = now is None or until is None or now >= until
        rt = tally(members, counted, since, until)
        winners: list[int] = []
        for a, b in alive:
            if b is None:
                notes[a].append(f"round {r}: bye")
                winners.append(a)
                continue
            places = rank([(a, Fraction(rt[a].total), rt[a]), (b, Fraction(rt[b].total), rt[b])], rules.tie_breakers)
            (pa, tba), (pb, _) = places[a], places[b]
            if pa == pb:  # still level: the higher seed goes through (a bracket needs one)
                win, lose, how = a, b, "level: higher seed advances" if rules.bracket else "draw"
            else:
                win, lose = (a, b) if pa < pb else (b, a)
                how = f"decided by {tba}" if tba else "higher score"
            for u, other in ((a, b), (b, a)):
                notes[u].append(f"round {r}: {rt[u].total} vs {rt[other].total} ({how})")
            if not over:
                continue
            if how == "draw":
                winners += [a, b]
            else:
                winners.append(win)
                out_in[lose] = r
        if not over or not rules.bracket:
            alive_ids = {u for p in alive for u in p if u is not None}
            final = {u: (1 if u in winners else 2) for u in alive_ids} if over else {}
            for u in alive_ids:
                t = tallies[u]
                rows[u] = Row(u, final.get(u), float(t.total), t.total, group=f"round:{r}",
                              won=final.get(u) == 1 and t.total > 0, computation="; ".join(notes[u]))
            break
        alive = [(winners[i], winners[i + 1] if i + 1 < len(winners) else None) for i in range(0, len(winners), 2)]
        if len(winners) == 1:
            break
    total_rounds = len(rounds or [])
    finished = now is None or (rounds[-1][1] is not None and now >= rounds[-1][1])
    for m in members:
        if m.user_id in rows:
            continue
        t = tallies[m.user_id]
        lost = out_in.get(m.user_id)
        if lost is None and rules.bracket and finished:
            place = 1
        elif lost is not None and rules.bracket:
            place = 2 ** (total_rounds - lost) + 1  # 2 for the final, 3 for semi-finals, 5, 9, ...
        else:
            place = None
        rows[m.user_id] = Row(m.user_id, place, float(t.total), t.total, group=f"round:{lost or total_rounds}",
                              won=place == 1, computation="; ".join(notes[m.user_id]) or "not yet drawn")
    return list(rows.values())


# -- chance: tickets and an auditable draw -------------------------------------------------------

def commitment(seed: str) -> str:
    """What is published at launch: the SHA-256 (hex) of the seed's UTF-8 bytes."""
    return hashlib.sha256(seed.encode()).hexdigest()


def tickets_of(total: int, ticket_every: int) -> int:
    """Whole tickets earned by a total of the measure (a negative total earns none)."""
    return max(total, 0) // ticket_every


def draws_of(rules: Rules) -> int:
    if rules.draws is not None:
        return rules.draws
    return max((p.place for p in rules.prizes if p.place is not None), default=1)


def draw(seed: str, tickets: dict[int, int], draws: int) -> list[int]:
    """The winners, in draw order. Anyone can recompute it from the revealed seed and the tickets:

    1. the pool is every rep with at least one ticket, in ascending user id;
    2. draw k (0, 1, ...): h = SHA-256 of the UTF-8 bytes of "<seed>:<k>", read as a big-endian
       unsigned integer; r = h mod (the pool's tickets);
    3. walk the pool in order, subtracting each rep's tickets from r: the rep at whom r falls below
       their tickets wins draw k and leaves the pool (nobody wins twice);
    4. stop after `draws` draws or when the pool is empty.
    """
    pool = sorted((uid, t) for uid, t in tickets.items() if t > 0)
    winners: list[int] = []
    for k in range(draws):
        if not pool:
            break
        r = int.from_bytes(hashlib.sha256(f"{seed}:{k}".encode()).digest(), "big") % sum(t for _, t in pool)
        for i, (uid, t) in enumerate(pool):
            if r < t:
                winners.append(uid)
                pool.pop(i)
                break
            r -= t
    return winners


def _chance(rules: Rules, members: list[Member], tallies: dict[int, Tally], seed: str | None) -> list[Row]:
    tickets = {m.user_id: tickets_of(tallies[m.user_id].total, rules.ticket_every) for m in members}
    pool = sum(tickets.values())
    n = draws_of(rules)
    drawn = {uid: k + 1 for k, uid in enumerate(draw(seed, tickets, n))} if seed is not None else {}
    per = f"1 ticket per {_amount(rules, rules.ticket_every)}"
    rows = []
    for m in members:
        t, mine = tallies[m.user_id], tickets[m.user_id]
        odds = Fraction(mine, pool) if pool else Fraction(0)
        how = (f"{_own(rules, t)}; {text.count(mine, 'ticket')} of {pool} ({per}): "
               f"{float(odds) * 100:.2f}% chance in the first draw, {n} {'draw' if n == 1 else 'draws'}")
        place = drawn.get(m.user_id)
        if seed is not None:
            how += f"; drawn #{place}" if place else "; not drawn"
        rows.append(Row(m.user_id, place, float(mine), t.total, won=place is not None, computation=how))
    return rows


def _target(rules: Rules) -> int:
    assert rules.target is not None, "validate() requires a target in the target format"
    return rules.target


def _prizes(rules: Rules, rows: list[Row]) -> None:
    """Place prizes go to everyone holding the place with a positive score; a threshold prize to
    everyone reaching it (the highest threshold reached only)."""
    by_place = {p.place: p for p in rules.prizes if p.place is not None}
    tiers = sorted(((p.threshold, p) for p in rules.prizes if p.threshold is not None), key=lambda tp: tp[0])
    for r in rows:
        if r.place is not None and r.place in by_place and r.score > 0:
            r.prizes.append(by_place[r.place])
        reached = [p for threshold, p in tiers if r.total >= threshold]
        if reached:
            r.prizes.append(reached[-1])
        if rules.format == "target":
            r.won = r.total >= _target(rules)
        if r.prizes:
            r.computation += "; prize: " + ", ".join(p.label() for p in r.prizes)


def prize_key(p: Prize) -> str:
    """Stable identity of a prize tier, unique per contest and winner in the awards table."""
    return f"place:{p.place}" if p.place is not None else f"threshold:{p.threshold}"


# -- who is in and where, before the start (the admin's wizard and a draft's page) ------------------
@dataclass(frozen=True, slots=True)
class Entry:
    """A participant as the start would place them: their group (team:<id>, division:<n>,
    match:<n>) and, head to head, their first opponent (None: a bye)."""

    user_id: int
    baseline: int
    group: str | None = None
    opponent: int | None = None


def entries(rules: Rules, members: list[Member]) -> list[Entry]:
    """Every participant with the group the format puts them in, by the rules the start and the
    standings use (`split_divisions`, `seeding`), highest baseline first within a group."""
    if rules.format == "bracketed":
        return [Entry(m.user_id, m.baseline, f"division:{d}")
                for d, group in enumerate(split_divisions(members, rules.divisions), start=1) for m in group]
    if rules.format == "head_to_head":
        base = {m.user_id: m.baseline for m in members}
        out = []
        for i, (a, b) in enumerate(seeding(rules, members), start=1):
            out.append(Entry(a, base[a], f"match:{i}", b))
            if b is not None:
                out.append(Entry(b, base[b], f"match:{i}", a))
        return out
    ordered = sorted(members, key=lambda m: (-m.baseline, m.user_id))
    if rules.format == "team":
        ordered.sort(key=lambda m: m.team_id or 0)
        return [Entry(m.user_id, m.baseline, f"team:{m.team_id}" if m.team_id else "team:none") for m in ordered]
    return [Entry(m.user_id, m.baseline) for m in ordered]
