"""What an office screen shows, rendered on the server for the admin's preview: each of the
display's boards in its order, titled as the TV titles it (`displays.board_titles`: the metric's
name, whom it ranks, the period in the org's time zone) with its top rows read from the same
boards the game server sends the TV."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from server.accounts.directory import org_info
from server.board.channel_names import parse_channel
from server.contests import service as contests
from server.core.auth import Principal
from server.core.errors import DomainError
from server.core.periods import Period
from server.core.runtime import Runtime
from server.displays import service as displays
from server.leaderboards import service as leaderboards

#: The rows a screen shows (clients/tv/tv.js `ROWS`).
ROWS = 10
WINDOW_LABEL = {
    "day": "Today",
    "week": "This week",
    "month": "This month",
    "quarter": "This quarter",
    "all": "All time",
}


@dataclass(frozen=True, slots=True)
class Row:
    rank: int
    name: str
    score: int


@dataclass(slots=True)
class Frame:
    """One board as the screen shows it."""

    channel: str
    title: str
    subtitle: str
    rows: list[Row] = field(default_factory=list)
    problem: str | None = None  # why no rows could be read (the screen would say "connecting")


def _day(d: datetime, tz: ZoneInfo) -> str:
    local = d.astimezone(tz)
    return f"{local:%b} {local.day}"


def period_text(window: str, period: Period | None, tz: ZoneInfo) -> str:
    """As the TV writes it (tv.js `periodText`): "This week · Dec 7 – Dec 13"."""
    label = WINDOW_LABEL.get(window, window)
    if period is None or period.end is None:
        return label
    start = period.start.astimezone(tz)
    if window == "day":
        return f"{label} · {start:%a}, {start:%b} {start.day}"
    if window == "month":
        return f"{label} · {start:%B %Y}"
    first, last = _day(period.start, tz), _day(period.end - timedelta(seconds=1), tz)
    return f"{label} · {first}" if first == last else f"{label} · {first} – {last}"


async def frames(rt: Runtime, principal: Principal, boards: list[str]) -> list[Frame]:
    org = await org_info(rt, principal.org_id)
    _, titles = await displays.board_titles(rt, principal.org_id, boards)
    out: list[Frame] = []
    for t in titles:
        ch = parse_channel(t.channel)
        if ch.kind == "contest" and ch.contest_id is not None:
            out.append(await _contest(rt, principal, ch.contest_id, t.channel))
            continue
        assert ch.metric is not None and ch.window is not None and ch.segment is not None
        try:
            board = await leaderboards.read(
                rt, principal.org_id, ch.metric, ch.window, ch.segment, limit=ROWS, offset=0
            )
        except DomainError as exc:
            out.append(
                Frame(
                    t.channel, t.title or ch.metric, period_text(ch.window, None, org.tz), problem=exc.message
                )
            )
            continue
        subtitle = " · ".join(x for x in (period_text(ch.window, board.period, org.tz), t.segment) if x)
        out.append(
            Frame(
                t.channel,
                t.title or ch.metric,
                subtitle,
                [
                    Row(e.rank, e.profile.display_name if e.profile else f"Rep {e.user_id}", e.score)
                    for e in board.entries
                ],
            )
        )
    return out


async def _contest(rt: Runtime, principal: Principal, contest_id: int, channel: str) -> Frame:
    try:
        c, _ = await contests.get(rt, principal, contest_id)
    except DomainError as exc:
        return Frame(channel, "Contest", "", problem=exc.message)
    frame = Frame(channel, c.name, f"Contest · {c.state}")
    if c.state in ("draft", "cancelled"):
        frame.problem = "The screen shows this contest once it is launched."
        return frame
    s = await contests.standings(rt, principal, contest_id)
    for r in s.rows[:ROWS]:
        m = s.members.get(r.user_id)
        frame.rows.append(Row(r.place or 0, m.display_name if m else f"Rep {r.user_id}", int(r.score)))
    return frame
