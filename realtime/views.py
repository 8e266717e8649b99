"""What a leaderboard channel shows: the top of the board, and what changed between two views."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict, TypeVar

from server.board.channel_names import Channel
from server.board.live import iso
from server.contests import service as contests
from server.core.runtime import Runtime
from server.leaderboards import service as leaderboards

#: Entries a leaderboard channel carries (a phone shows the top; a TV the top 10-20).
VIEW_SIZE = 50


class PeriodInfo(TypedDict):
    """The period a leaderboard channel shows (ISO instants; `end` is None for all-time)."""

    id: str
    start: str
    end: str | None


class ContestInfo(TypedDict):
    """A contest channel's `contest`: its state and rules."""

    id: int
    name: str
    state: str
    format: str
    metric: str
    starts_at: str | None
    ends_at: str | None
    rules_version: int
    final: bool


class Entry(TypedDict):
    """One row of a channel's view (a contest's place is None until it has one)."""

    rank: int | None
    user_id: int
    display_name: str | None
    team_id: int | None
    score: float


class ContestEntry(Entry):
    total: int
    group: str | None


class Compact(TypedDict):
    """A delta's entry the client already shows with the same name and team."""

    rank: int | None
    user_id: int
    score: float


BoardView = tuple[PeriodInfo, list[Entry]]
ContestView = tuple[ContestInfo, list[ContestEntry]]
E = TypeVar("E", bound=Entry)


async def board_view(rt: Runtime, org_id: int, ch: Channel) -> BoardView:
    """(period, entries) of a leaderboard channel, read fresh from Redis."""
    assert ch.metric is not None and ch.window is not None and ch.segment is not None, "an lb:<...> channel"
    board = await leaderboards.read(rt, org_id, ch.metric, ch.window, ch.segment, limit=VIEW_SIZE, offset=0)
    p = board.period
    return ({"id": p.id, "start": p.start.isoformat(), "end": p.end.isoformat() if p.end else None},
            [{"rank": e.rank, "user_id": e.user_id, "display_name": e.profile.display_name if e.profile else None,
              "team_id": e.profile.team_id if e.profile else None, "score": e.score} for e in board.entries])


def diff(old: Sequence[Entry], new: Sequence[E]) -> tuple[list[E], list[int]]:
    """Entries new or with another rank or score, and user ids that left the view."""
    before = {e["user_id"]: e for e in old}
    changed = [e for e in new if (b := before.get(e["user_id"])) is None
               or b["rank"] != e["rank"] or b["score"] != e["score"]]
    now = {e["user_id"] for e in new}
    removed = [uid for uid in before if uid not in now]
    return changed, removed


def delta_entries(old: Sequence[Entry], new: Sequence[Entry]) -> tuple[list[Entry | Compact], list[int]]:
    """A leaderboard delta's `entries` and `removed`: like `diff`, but an entry the client already
    has (same display name and team) carries only its rank, user id and score."""
    changed, removed = diff(old, new)
    before = {e["user_id"]: e for e in old}
    slim: list[Entry | Compact] = []
    for e in changed:
        b = before.get(e["user_id"])
        if b is not None and b["display_name"] == e["display_name"] and b["team_id"] == e["team_id"]:
            slim.append({"rank": e["rank"], "user_id": e["user_id"], "score": e["score"]})
        else:
            slim.append(e)
    return slim, removed


async def contest_view(rt: Runtime, org_id: int, contest_id: int) -> ContestView:
    """(contest, entries) of a `contest:<id>` channel: its state and the top of its standings."""
    s = await contests.channel_standings(rt, org_id, contest_id)
    c = s.contest
    info: ContestInfo = {"id": c.id, "name": c.name, "state": c.state, "format": c.format, "metric": c.metric,
                         "starts_at": iso(c.starts_at), "ends_at": iso(c.ends_at),
                         "rules_version": c.rules_version, "final": s.final}
    entries: list[ContestEntry] = []
    for r in s.rows[:VIEW_SIZE]:
        m = s.members.get(r.user_id)
        entries.append({"rank": r.place, "user_id": r.user_id, "display_name": m.display_name if m else None,
                        "team_id": m.team_id if m else None, "score": r.score, "total": r.total, "group": r.group})
    return info, entries
