"""Reading leaderboards: the org board straight from its sorted set; team, region,
job-role and shift boards by ranking the segment's current members on the org board."""

from __future__ import annotations

from dataclasses import dataclass

from redis.exceptions import RedisError

from server.accounts import service as accounts
from server.accounts.directory import org_info
from server.board.rules import POINTS
from server.board.store import Profile, Ranked, board_store, rank_segment
from server.core.errors import DomainError, NotFound
from server.core.periods import WINDOWS, Period, parse_period_id, period_for
from server.core.runtime import Runtime
from server.leaderboards import relative
from server.ledger.sync import ViewRebuilding, read_intact, repair_view
from server.ledger.types import types_of

SEGMENT_KINDS = ("team", "region", "job_role", "shift")
MAX_LIMIT = 200
MAX_RADIUS = 50
MAX_OFFSET = 1_000_000


@dataclass(frozen=True, slots=True)
class Segment:
    kind: str  # org | team | region | job_role | shift
    value: str | int | None = None

    @property
    def name(self) -> str:
        return "org" if self.kind == "org" else f"{self.kind}:{self.value}"


def parse_segment(raw: str) -> Segment:
    if raw == "org":
        return Segment("org")
    kind, sep, value = raw.partition(":")
    if not sep or kind not in SEGMENT_KINDS or not value:
        raise DomainError("invalid_segment",
                          "segment must be 'org', 'team:<id>', 'region:<name>', 'job_role:<name>' or 'shift:<name>'")
    if kind == "team":
        if not value.isdigit() or int(value) >= 2**63:
            raise DomainError("invalid_segment", "team segments name the team id, e.g. 'team:12'")
        return Segment(kind, int(value))
    return Segment(kind, value)


@dataclass(frozen=True, slots=True)
class Board:
    metric: str
    window: str
    segment: str
    period: Period
    total: int
    entries: list[Ranked]
    user: Ranked | None = None
    rank_by: str = "score"
    #: per user id, what a relative board (`rank_by` attainment or improvement) ranks by
    relative: dict[int, relative.Relative] | None = None


async def _resolve(rt: Runtime, org_id: int, metric: str, window: str, period_id: str | None) -> Period:
    if window not in WINDOWS:
        raise DomainError("invalid_window", f"window must be one of {', '.join(WINDOWS)}")
    if metric != POINTS and metric not in await types_of(rt, org_id):
        raise NotFound("unknown_metric", f"no leaderboard '{metric}': use 'points' or an activity type key")
    org = await org_info(rt, org_id)
    if period_id:
        return parse_period_id(window, period_id, org.tz, org.week_start)
    return period_for(window, rt.now(), org.tz, org.week_start)


async def _members(rt: Runtime, org_id: int, segment: Segment) -> dict[int, Profile]:
    assert segment.value is not None
    if segment.kind == "team":
        await accounts.require_team(rt, org_id, int(segment.value))
    users = await accounts.segment_members(rt, org_id, segment.kind, segment.value)
    return {u.id: Profile(u.display_name, u.team_id) for u in users}


async def _check_meta(rt: Runtime, org_id: int) -> None:
    """Segment boards read the org board's scores: a lost view is repaired before they are read."""
    if not await board_store(rt).has_meta(org_id):
        await repair_view(rt, org_id)


async def read(rt: Runtime, org_id: int, metric: str, window: str, segment_raw: str, *, limit: int, offset: int,
               period_id: str | None = None, rank_by: str = "score") -> Board:
    if not 1 <= limit <= MAX_LIMIT:
        raise DomainError("invalid_limit", f"limit must be between 1 and {MAX_LIMIT}")
    if not 0 <= offset <= MAX_OFFSET:
        raise DomainError("invalid_offset", f"offset must be between 0 and {MAX_OFFSET}")
    relative.check_rank_by(rank_by, window)
    segment = parse_segment(segment_raw)
    period = await _resolve(rt, org_id, metric, window, period_id)
    try:
        if rank_by != "score":
            await _check_meta(rt, org_id)
            segment_members = None if segment.kind == "org" else await _members(rt, org_id, segment)
            by_ratio, extra = await relative.rank(rt, org_id, metric, period, rank_by, segment_members)
            return Board(metric, window, segment.name, period, len(by_ratio), by_ratio[offset:offset + limit],
                         rank_by=rank_by, relative=extra)
        if segment.kind == "org":
            page = await read_intact(rt, org_id, lambda: board_store(rt).page(org_id, metric, period, offset, limit))
            entries = await _fill_profiles(rt, org_id, page.entries)
            return Board(metric, window, segment.name, period, page.total, entries)
        await _check_meta(rt, org_id)
        members = await _members(rt, org_id, segment)
        ranked = rank_segment(window, await board_store(rt).scores(org_id, metric, period, list(members)))
        entries = [Ranked(r, uid, m, members[uid]) for r, uid, m in ranked[offset:offset + limit]]
        return Board(metric, window, segment.name, period, len(ranked), entries)
    except (RedisError, OSError) as exc:
        rt.redis_failed(exc)
        raise BoardsUnavailable() from exc
    except ViewRebuilding:
        raise BoardsRebuilding() from None


async def around(rt: Runtime, org_id: int, metric: str, user_id: int, window: str, segment_raw: str, *, radius: int,
                 period_id: str | None = None) -> Board:
    if not 0 <= radius <= MAX_RADIUS:
        raise DomainError("invalid_radius", f"radius must be between 0 and {MAX_RADIUS}")
    segment = parse_segment(segment_raw)
    period = await _resolve(rt, org_id, metric, window, period_id)
    try:
        if segment.kind == "org":
            page = await read_intact(rt, org_id, lambda: board_store(rt).around(org_id, metric, period, user_id,
                                                                                radius))
            entries = await _fill_profiles(rt, org_id, page.entries)
            total = page.total
            mine = next((e for e in entries if e.user_id == user_id), None)
        else:
            await _check_meta(rt, org_id)
            members = await _members(rt, org_id, segment)
            ranked = rank_segment(window, await board_store(rt).scores(org_id, metric, period, list(members)))
            total = len(ranked)
            pos = next((i for i, (_, uid, _) in enumerate(ranked) if uid == user_id), None)
            lo = max(0, (total if pos is None else pos) - radius)
            hi = total if pos is None else pos + radius + 1
            entries = [Ranked(r, uid, m, members[uid]) for r, uid, m in ranked[lo:hi]]
            mine = next((e for e in entries if e.user_id == user_id), None)
    except (RedisError, OSError) as exc:
        rt.redis_failed(exc)
        raise BoardsUnavailable() from exc
    except ViewRebuilding:
        raise BoardsRebuilding() from None
    if mine is None:  # not on the board yet: everyone with no score shares the next rank
        mine = Ranked(total + 1, user_id, 0, await _profile(rt, org_id, user_id))
    elif segment.kind == "org" and mine.profile is None:
        mine = Ranked(mine.rank, mine.user_id, mine.score, await _profile(rt, org_id, user_id))
    return Board(metric, window, segment.name, period, total, entries, user=mine)


async def _profile(rt: Runtime, org_id: int, user_id: int) -> Profile:
    """The rep's profile from SQL; 404 for anyone outside the org. Only needed when the rep is not on
    the board: a rep on an org board is of that org (boards are per org, leavers are taken off)."""
    user = (await accounts.users_by_id(rt, org_id, [user_id])).get(user_id)
    if user is None:
        raise NotFound("user_not_found", f"user {user_id} not found")
    return Profile(user.display_name, user.team_id)


async def _fill_profiles(rt: Runtime, org_id: int, entries: list[Ranked]) -> list[Ranked]:
    """Display data for entries whose profile is not in Redis yet (read from SQL, then cached)."""
    missing = [e.user_id for e in entries if e.profile is None]
    if not missing:
        return entries
    found = {uid: Profile(u.display_name, u.team_id)
             for uid, u in (await accounts.users_by_id(rt, org_id, missing)).items()}
    await board_store(rt).set_profiles(org_id, found)
    return [e if e.profile is not None else Ranked(e.rank, e.user_id, e.score, found.get(e.user_id))
            for e in entries]


class BoardsUnavailable(DomainError):
    status_code = 503

    def __init__(self) -> None:
        super().__init__("boards_unavailable",
                         "leaderboards are temporarily unavailable; activities are still being recorded")


class BoardsRebuilding(DomainError):
    """The boards were lost from Redis and their rebuild from the ledger is still running."""

    status_code = 503
    retry_after_s = 1

    def __init__(self) -> None:
        super().__init__("boards_rebuilding", "leaderboards are being rebuilt from the ledger; try again in a moment")
