"""What a leaderboard channel shows: the top of the board, and what changed between two views."""

from __future__ import annotations

from server.api.convert import entry_out, period_out
from server.domain.channels import Channel
from server.services import leaderboards

#: Entries a leaderboard channel carries (a phone shows the top; a TV the top 10-20).
VIEW_SIZE = 50


async def board_view(rt, org_id: int, ch: Channel) -> tuple[dict, list[dict]]:
    """(period, entries) of a leaderboard channel, read fresh from Redis."""
    board = await leaderboards.read(rt, org_id, ch.metric, ch.window, ch.segment, limit=VIEW_SIZE, offset=0)
    period = period_out(board.period)
    entries = [entry_out(e) for e in board.entries]
    return ({"id": period.id, "start": period.start.isoformat(), "end": period.end.isoformat()
             if period.end else None},
            [{"rank": e.rank, "user_id": e.user_id, "display_name": e.display_name, "team_id": e.team_id,
              "score": e.score} for e in entries])


def diff(old: list[dict], new: list[dict]) -> tuple[list[dict], list[int]]:
    """Entries new or with another rank or score, and user ids that left the view."""
    before = {e["user_id"]: e for e in old}
    changed = [e for e in new if (b := before.get(e["user_id"])) is None
               or b["rank"] != e["rank"] or b["score"] != e["score"]]
    now = {e["user_id"] for e in new}
    removed = [uid for uid in before if uid not in now]
    return changed, removed


#: What a leaderboard delta says about an entry the client already shows with the same name and team.
COMPACT = ("rank", "user_id", "score")


def delta_entries(old: list[dict], new: list[dict]) -> tuple[list[dict], list[int]]:
    """A leaderboard delta's `entries` and `removed`: like `diff`, but an entry the client already
    has (same display name and team) carries only its rank, user id and score."""
    changed, removed = diff(old, new)
    before = {e["user_id"]: e for e in old}
    slim = []
    for e in changed:
        b = before.get(e["user_id"])
        if b is not None and b["display_name"] == e["display_name"] and b["team_id"] == e["team_id"]:
            slim.append({k: e[k] for k in COMPACT})
        else:
            slim.append(e)
    return slim, removed


async def contest_view(rt, org_id: int, contest_id: int) -> tuple[dict, list[dict]]:
    """(contest, entries) of a `contest:<id>` channel: its state and the top of its standings."""
    from server.services import contests
    from server.services.live import iso

    s = await contests.channel_standings(rt, org_id, contest_id)
    c = s.contest
    info = {"id": c.id, "name": c.name, "state": c.state, "format": c.format, "metric": c.metric,
            "starts_at": iso(c.starts_at), "ends_at": iso(c.ends_at),
            "rules_version": c.rules_version, "final": s.final}
    entries = []
    for r in s.rows[:VIEW_SIZE]:
        m = s.members.get(r.user_id)
        entries.append({"rank": r.place, "user_id": r.user_id, "display_name": m.display_name if m else None,
                        "team_id": m.team_id if m else None, "score": r.score, "total": r.total, "group": r.group})
    return info, entries
