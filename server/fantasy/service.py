"""Fantasy leagues: set up a league, run its timed snake draft, score its weeks from the ledger.

The draft is live: every pick (an owner's, or the auto-pick when the clock runs out) is a feed
item (`fantasy_pick`, with the team on the clock next and its deadline) written in the pick's
transaction and published on the org's `feed` channel once it commits, so phones and TVs follow
the draft over the websocket. Picks are serialised per league: the league row is locked
(PostgreSQL; SQLite runs one writer at a time), the clock moves only from the pick it was at,
and a slot or a rep is taken once (unique keys). Overdue picks are made by the worker's job
(`auto_picks`) and by any request that touches the draft first, each deadline counted from the
last, so a draft nobody watches still ends on time. Scores, standings and the playoffs are
read from the ledger whenever asked: a reversal or a late sync moves them like any board.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Row
from sqlalchemy.ext.asyncio import AsyncConnection

from server.accounts import audit
from server.accounts.directory import org_info
from server.accounts.models import User
from server.accounts.service import active_members
from server.core.auth import Principal
from server.core.errors import Conflict, DomainError, Forbidden, NotFound
from server.core.events import AfterCommit, FeedItem
from server.core.periods import local_midnight
from server.core.runtime import Runtime
from server.fantasy import rules
from server.fantasy import store as repo
from server.ledger import sinks
from server.ledger.types import types_of
from server.targets import service as targets

MIN_TEAMS, MAX_TEAMS = 2, 16
MAX_WEEKS = 26
MAX_ROSTER = 15
PICK_SECONDS = (10, 86_400)
#: How far back the auto-pick looks to rank the reps still available.
RECENT = timedelta(days=28)


@dataclass(frozen=True, slots=True)
class TeamSpec:
    name: str
    owner_user_id: int


@dataclass(frozen=True, slots=True)
class LeagueSpec:
    name: str
    metric: str
    season_start: date
    weeks: int
    playoff_teams: int
    roster_size: int
    pick_seconds: int
    teams: list[TeamSpec]
    team_id: int | None = None  # admins: draft from one team's reps (managers: always their own)


def _check(spec: LeagueSpec, pool: list[User], members: dict[int, User], week_start: int) -> None:
    def bad(code: str, message: str, **details: Any) -> DomainError:
        return DomainError(code, message, details=details or None)

    if not MIN_TEAMS <= len(spec.teams) <= MAX_TEAMS:
        raise bad("invalid_teams", f"a league has {MIN_TEAMS} to {MAX_TEAMS} teams")
    if not 1 <= spec.weeks <= MAX_WEEKS:
        raise bad("invalid_weeks", f"a season has 1 to {MAX_WEEKS} regular weeks")
    if spec.playoff_teams and (spec.playoff_teams not in rules.PLAYOFF_SIZES or spec.playoff_teams > len(spec.teams)):
        raise bad("invalid_playoff_teams", "playoffs take 2, 4 or 8 teams, and no more than the league has (0: none)")
    if not 1 <= spec.roster_size <= MAX_ROSTER:
        raise bad("invalid_roster_size", f"a roster holds 1 to {MAX_ROSTER} reps")
    if not PICK_SECONDS[0] <= spec.pick_seconds <= PICK_SECONDS[1]:
        raise bad("invalid_pick_seconds", f"the pick clock runs {PICK_SECONDS[0]} s to {PICK_SECONDS[1]} s")
    if spec.season_start.weekday() != week_start:
        raise bad("invalid_season_start", "the season starts on the first day of the org's week",
                  week_start=week_start)
    owners = [t.owner_user_id for t in spec.teams]
    if len(set(owners)) != len(owners):
        raise bad("duplicate_owner", "each team has its own owner")
    for t in spec.teams:
        if t.owner_user_id not in members:
            raise NotFound("user_not_found", "a team's owner is not an active user of this org",
                           details={"owner_user_id": t.owner_user_id})
        if not 1 <= len(t.name.strip()) <= 80:
            raise bad("invalid_team_name", "a team's name is 1 to 80 characters")
    if len({t.name.strip().casefold() for t in spec.teams}) != len(spec.teams):
        raise bad("duplicate_team_name", "each team has its own name")
    if len(spec.teams) * spec.roster_size > len(pool):
        raise bad("pool_too_small", f"{len(spec.teams)} teams of {spec.roster_size} need "
                  f"{len(spec.teams) * spec.roster_size} reps; {len(pool)} can be drafted", reps=len(pool))


async def _type_id(rt: Runtime, org_id: int, metric: str) -> int | None:
    if metric == "points":
        return None
    found = (await types_of(rt, org_id)).get(metric)
    if found is None:
        raise DomainError("unknown_metric", "the metric is \"points\" or one of the org's activity type keys")
    return found.id


async def create(rt: Runtime, principal: Principal, spec: LeagueSpec) -> int:
    """A new league (managers: of their own team's reps; admins: the org's or one team's)."""
    sc = await targets.scope(rt, principal, spec.team_id)
    info = await org_info(rt, principal.org_id)
    members = {u.id: u for u in await active_members(rt, principal.org_id)}
    if principal.role == "manager":  # a manager's league is played inside their team
        allowed = {u.id for u in sc.reps} | {principal.user_id}
        for t in spec.teams:
            if t.owner_user_id not in allowed:
                raise Forbidden("not_your_team", "a manager's league has owners from their own team",
                                details={"owner_user_id": t.owner_user_id})
    _check(spec, sc.reps, members, info.week_start)
    await _type_id(rt, principal.org_id, spec.metric)
    values = {"org_id": principal.org_id, "name": spec.name.strip(), "metric": spec.metric,
              "season_start": spec.season_start, "weeks": spec.weeks, "playoff_teams": spec.playoff_teams,
              "roster_size": spec.roster_size, "pick_seconds": spec.pick_seconds,
              "pool": [u.id for u in sc.reps], "state": "setup", "current_pick": 0,
              "created_by_user_id": principal.user_id, "created_at": rt.now()}
    async with rt.engine.begin() as conn:
        league_id = await repo.add_league(conn, values, [
            {"name": t.name.strip(), "owner_user_id": t.owner_user_id, "position": i} for i, t in enumerate(spec.teams)])
        await audit.record(rt, conn, principal, "fantasy_league", league_id, "create",
                           after={k: v for k, v in values.items() if k not in ("pool", "created_at")}
                           | {"teams": [t.name for t in spec.teams]})
    return league_id


def _commissioner(principal: Principal, lg: Row[Any]) -> bool:
    return principal.role == "admin" or (principal.role == "manager" and principal.user_id == lg.created_by_user_id)


async def _league(conn: AsyncConnection, principal: Principal, league_id: int, *, lock: bool = False) -> Row[Any]:
    lg = await repo.league(conn, principal.org_id, league_id, lock=lock)
    if lg is None:
        raise NotFound("league_not_found", "no such league in this org")
    return lg


@dataclass(slots=True)
class _Draft:
    """One league's draft inside a transaction: what is taken, who is on the clock."""

    lg: Row[Any]
    teams: list[Row[Any]]
    taken: set[int]
    pick_no: int
    deadline: datetime | None
    state: str
    feed: list[FeedItem] = field(default_factory=list)

    @property
    def order(self) -> list[int]:
        return rules.pick_order(len(self.teams), self.lg.roster_size)

    def on_clock(self) -> Row[Any] | None:
        order = self.order
        return self.teams[order[self.pick_no]] if self.state == "drafting" and self.pick_no < len(order) else None


async def _open_draft(conn: AsyncConnection, principal: Principal, league_id: int, *,
                      lock: bool = True) -> _Draft:
    lg = await _league(conn, principal, league_id, lock=lock)
    taken = {p.user_id for p in await repo.picks(conn, lg.id)}
    return _Draft(lg, list(await repo.teams(conn, lg.id)), taken, lg.current_pick, lg.pick_deadline, lg.state)


async def _make_pick(rt: Runtime, conn: AsyncConnection, d: _Draft, user_id: int, auto: bool,
                     by: int | None, at: datetime) -> None:
    team = d.on_clock()
    assert team is not None
    await repo.add_pick(conn, {"league_id": d.lg.id, "org_id": d.lg.org_id, "pick_no": d.pick_no,
                               "team_id": team.id, "user_id": user_id, "auto": auto,
                               "picked_by_user_id": by, "picked_at": at})
    done = d.pick_no + 1 >= len(d.order)
    deadline = at + timedelta(seconds=d.lg.pick_seconds)
    if not await repo.advance(conn, d.lg.id, d.pick_no, deadline, done):
        raise Conflict("pick_raced", "another pick was made first: read the draft again")
    d.taken.add(user_id)
    d.pick_no += 1
    d.deadline = None if done else deadline
    d.state = "season" if done else "drafting"
    nxt = d.on_clock()
    d.feed.append(FeedItem("fantasy_pick", user_id, {
        "league_id": d.lg.id, "league": d.lg.name, "pick_no": d.pick_no, "round": rules.round_of(d.pick_no - 1, len(d.teams)),
        "team_id": team.id, "team": team.name, "auto": auto,
        "next_team_id": nxt.id if nxt else None, "next_team": nxt.name if nxt else None,
        "deadline": d.deadline.isoformat() if d.deadline else None, "draft_done": done,
    }, actor_user_id=by, ref=f"{d.lg.id}:{d.pick_no - 1}"))


async def _catch_up(rt: Runtime, conn: AsyncConnection, d: _Draft, now: datetime) -> None:
    """Make every pick whose clock ran out: the best available rep by the recent metric, each
    deadline counted from the one before (as if the worker had been watching)."""
    if d.state != "drafting" or d.deadline is None or d.deadline > now:
        return
    type_id = await _type_id(rt, d.lg.org_id, d.lg.metric)
    recent = await repo.metric_sums(conn, d.lg.org_id, list(d.lg.pool), type_id, now - RECENT, now)
    while d.state == "drafting" and d.deadline is not None and d.deadline <= now:
        available = [u for u in d.lg.pool if u not in d.taken]
        await _make_pick(rt, conn, d, rules.auto_pick(available, recent), True, None, d.deadline)


async def _finish(rt: Runtime, conn: AsyncConnection, d: _Draft) -> list[AfterCommit]:
    return await sinks.write_feed(rt, conn, d.lg.org_id, d.feed, rt.now())


async def start_draft(rt: Runtime, principal: Principal, league_id: int) -> None:
    now = rt.now()
    async with rt.engine.begin() as conn:
        d = await _open_draft(conn, principal, league_id)
        if not _commissioner(principal, d.lg):
            raise Forbidden("forbidden", "the league's commissioner (its creator or an admin) starts the draft")
        deadline = now + timedelta(seconds=d.lg.pick_seconds)
        if not await repo.start(conn, d.lg.id, deadline):
            raise Conflict("draft_started", "the draft has started already")
        d.state, d.deadline = "drafting", deadline
        first = d.on_clock()
        assert first is not None
        d.feed.append(FeedItem("fantasy_draft_started", None, {
            "league_id": d.lg.id, "league": d.lg.name, "next_team_id": first.id, "next_team": first.name,
            "deadline": deadline.isoformat()}, actor_user_id=principal.user_id, ref=str(d.lg.id)))
        await audit.record(rt, conn, principal, "fantasy_league", d.lg.id, "start_draft",
                           before={"state": "setup"}, after={"state": "drafting"})
        after = await _finish(rt, conn, d)
    await sinks.run_after_commit(after)


async def pick(rt: Runtime, principal: Principal, league_id: int, user_id: int) -> None:
    """The team on the clock drafts a rep: its owner picks, or the commissioner for them."""
    now = rt.now()
    async with rt.engine.begin() as conn:
        d = await _open_draft(conn, principal, league_id)
        await _catch_up(rt, conn, d, now)
        team = d.on_clock()
        problem: DomainError | None
        if team is None:
            after = await _finish(rt, conn, d)
            problem = Conflict("draft_not_running", "the draft has not started" if d.state == "setup"
                               else "the draft is over")
        elif principal.user_id != team.owner_user_id and not _commissioner(principal, d.lg):
            after = await _finish(rt, conn, d)
            problem = Forbidden("not_your_turn", f"{team.name} is on the clock",
                                details={"team_id": team.id})
        elif user_id not in d.lg.pool:
            after = await _finish(rt, conn, d)
            problem = DomainError("not_in_pool", "that rep cannot be drafted in this league")
        elif user_id in d.taken:
            after = await _finish(rt, conn, d)
            problem = Conflict("rep_taken", "that rep is on a team already")
        else:
            await _make_pick(rt, conn, d, user_id, False, principal.user_id, now)
            after = await _finish(rt, conn, d)
            problem = None
    await sinks.run_after_commit(after)  # the auto-picks made on the way count even when this pick is refused
    if problem is not None:
        raise problem


async def auto_picks(rt: Runtime) -> int:
    """The worker's job: make the picks whose clock ran out in every draft. Returns how many."""
    now = rt.now()
    made = 0
    async with rt.engine.connect() as conn:
        due = list(await repo.overdue(conn, now))
    for row in due:
        system = Principal(org_id=row.org_id, role="system")
        async with rt.engine.begin() as conn:
            d = await _open_draft(conn, system, row.id)
            before = d.pick_no
            await _catch_up(rt, conn, d, now)
            made += d.pick_no - before
            after = await _finish(rt, conn, d)
        await sinks.run_after_commit(after)
    return made


# -- reads ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Matchup:
    week: int  # 1-based; playoff weeks follow the regular season
    home: int  # team ids
    away: int | None
    home_score: int | None  # None before the week starts
    away_score: int | None
    winner: int | None  # once the week is over
    playoff: bool = False


@dataclass(frozen=True, slots=True)
class LeagueView:
    league: Row[Any]
    teams: list[Row[Any]]
    rosters: dict[int, list[int]]  # team id -> rep ids in pick order
    picks: list[Row[Any]]
    state: str  # setup | drafting | season, after the picks the read made
    on_clock: Row[Any] | None
    deadline: datetime | None
    matchups: list[Matchup]
    standings: list[rules.Standing]
    champion: int | None
    names: dict[int, str]


async def _week_scores(rt: Runtime, conn: AsyncConnection, lg: Row[Any], rosters: dict[int, list[int]],
                       team_ids: list[int], week: int, tz: Any) -> dict[int, int]:
    """Team position -> the sum of its reps' metric over the league's 0-based `week`."""
    first, end = rules.week_span(lg.season_start, week)
    type_id = await _type_id(rt, lg.org_id, lg.metric)
    reps = [u for ids in rosters.values() for u in ids]
    sums = await repo.metric_sums(conn, lg.org_id, reps, type_id, local_midnight(first, tz), local_midnight(end, tz))
    return {pos: sum(sums.get(u, 0) for u in rosters.get(tid, [])) for pos, tid in enumerate(team_ids)}


async def view(rt: Runtime, principal: Principal, league_id: int) -> LeagueView:
    """The whole league as anyone in the org may see it (TVs included): the draft, the rosters,
    every matchup with its scores, the table, the playoffs and the champion."""
    now = rt.now()
    async with rt.engine.connect() as conn:  # a read takes no lock (TVs read it often) ...
        d = await _open_draft(conn, principal, league_id, lock=False)
        picks = list(await repo.picks(conn, d.lg.id))
    if d.state == "drafting" and d.deadline is not None and d.deadline <= now:
        async with rt.engine.begin() as conn:  # ... unless a clock ran out: make its picks first
            d = await _open_draft(conn, principal, league_id)
            await _catch_up(rt, conn, d, now)
            after = await _finish(rt, conn, d)
            picks = list(await repo.picks(conn, d.lg.id))
        await sinks.run_after_commit(after)
    lg, teams = d.lg, d.teams
    team_ids = [t.id for t in teams]
    rosters: dict[int, list[int]] = {t.id: [] for t in teams}
    for p in picks:
        rosters[p.team_id].append(p.user_id)
    info = await org_info(rt, lg.org_id)
    today = (now.astimezone(info.tz)).date()
    matchups: list[Matchup] = []
    scores: list[dict[int, int]] = []
    table: list[rules.Standing] = []
    champion: int | None = None
    async with rt.engine.connect() as conn:
        regular = rules.schedule(len(teams), lg.weeks)
        for w, pairings in enumerate(regular):
            first, end = rules.week_span(lg.season_start, w)
            started, over = d.state == "season" and today >= first, d.state == "season" and today >= end
            week_scores = await _week_scores(rt, conn, lg, rosters, team_ids, w, info.tz) if started else {}
            if over:
                scores.append(week_scores)
            for a, b in pairings:
                sa, sb = week_scores.get(a), (week_scores.get(b) if b is not None else None)
                win = None
                if over and b is not None and sa != sb:
                    win = team_ids[a] if (sa or 0) > (sb or 0) else team_ids[b]
                matchups.append(Matchup(w + 1, team_ids[a], team_ids[b] if b is not None else None, sa, sb, win))
        table = rules.standings(len(teams), regular, scores)
        if lg.playoff_teams and len(scores) == lg.weeks:
            games = rules.first_round([s.team for s in table[:lg.playoff_teams]])
            for r in range(rules.playoff_weeks(lg.playoff_teams)):
                w = lg.weeks + r
                first, end = rules.week_span(lg.season_start, w)
                if today < first:
                    for g in games:
                        matchups.append(Matchup(w + 1, team_ids[g.high], team_ids[g.low], None, None, None, True))
                    break
                week_scores = await _week_scores(rt, conn, lg, rosters, team_ids, w, info.tz)
                over = today >= end
                for g in games:
                    matchups.append(Matchup(w + 1, team_ids[g.high], team_ids[g.low], week_scores.get(g.high),
                                            week_scores.get(g.low), team_ids[g.winner(week_scores)] if over else None,
                                            True))
                if not over:
                    break
                if len(games) == 1:
                    champion = team_ids[games[0].winner(week_scores)]
                    break
                games = rules.next_round(games, week_scores)
        elif not lg.playoff_teams and len(scores) == lg.weeks and table:
            champion = team_ids[table[0].team]
    members = {u.id: u.display_name for u in await active_members(rt, lg.org_id)}
    return LeagueView(lg, teams, rosters, picks, d.state, d.on_clock(), d.deadline, matchups, table, champion,
                      members)


async def list_leagues(rt: Runtime, principal: Principal) -> list[Row[Any]]:
    async with rt.engine.connect() as conn:
        return list(await repo.leagues(conn, principal.org_id))
