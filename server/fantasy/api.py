"""Fantasy leagues over HTTP. Managers and admins set leagues up; the league's commissioner (its
creator or an admin) starts the draft; the owner of the team on the clock picks; every user and
display of the org reads a league (the TV shows the draft and the matchups)."""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.di import Provide

from server.core.auth import Principal
from server.core.errors import Forbidden
from server.core.runtime import Runtime
from server.core.web import TV, provide_principal
from server.fantasy import rules
from server.fantasy import schemas as w
from server.fantasy import service as svc

READERS = ("rep", "manager", "admin", "display")


def _reader(principal: Principal) -> None:
    if principal.role not in READERS:
        raise Forbidden("forbidden", "leagues are read by the org's users and displays")


def league_out(v: svc.LeagueView) -> w.LeagueOut:
    lg, n = v.league, len(v.teams)
    taken = {p.user_id for p in v.picks}
    return w.LeagueOut(
        lg.id, lg.name, lg.metric, lg.season_start, lg.weeks, lg.playoff_teams, lg.roster_size, lg.pick_seconds,
        [w.FantasyTeamOut(t.id, t.name, t.owner_user_id, t.position, v.rosters[t.id]) for t in v.teams],
        w.DraftOut(
            v.state,
            len(v.picks), n * lg.roster_size, v.on_clock.id if v.on_clock is not None else None, v.deadline,
            [w.PickOut(p.pick_no + 1, rules.round_of(p.pick_no, n), p.team_id, p.user_id, v.names.get(p.user_id),
                       p.auto, p.picked_at) for p in v.picks],
            [u for u in lg.pool if u not in taken]),
        [w.MatchupOut(m.week, m.playoff, m.home, m.away, m.home_score, m.away_score, m.winner) for m in v.matchups],
        [w.FantasyStandingOut(v.teams[s.team].id, s.wins, s.losses, s.ties, s.points_for, s.points_against)
         for s in v.standings],
        v.champion)


class FantasyController(Controller):
    path = "/api/v1/fantasy/leagues"
    dependencies = {"principal": Provide(provide_principal)}
    tags = ["fantasy"]

    @post("/", operation_id="createFantasyLeague",
          summary="Set up a fantasy league (managers: of their team's reps; admins)", status_code=201)
    async def create(self, data: w.LeagueIn, principal: Principal, rt: Runtime) -> w.Created:
        spec = svc.LeagueSpec(data.name, data.metric, data.season_start, data.weeks, data.playoff_teams,
                              data.roster_size, data.pick_seconds,
                              [svc.TeamSpec(t.name, t.owner_user_id) for t in data.teams], data.team_id)
        return w.Created(await svc.create(rt, principal, spec))

    @get("/", operation_id="listFantasyLeagues",
         summary="The org's fantasy leagues (its users and displays)", opt=TV)
    async def list_leagues(self, principal: Principal, rt: Runtime) -> w.LeaguesOut:
        _reader(principal)
        return w.LeaguesOut([w.LeagueSummary(lg.id, lg.name, lg.metric, lg.state, lg.season_start, lg.weeks)
                             for lg in await svc.list_leagues(rt, principal)])

    @get("/{league_id:int}", operation_id="getFantasyLeague",
         summary="A league: its draft, rosters, matchups, standings, playoffs, champion",
         opt=TV)
    async def get_league(self, league_id: int, principal: Principal, rt: Runtime) -> w.LeagueOut:
        _reader(principal)
        return league_out(await svc.view(rt, principal, league_id))

    @post("/{league_id:int}/draft", operation_id="startFantasyDraft",
          summary="Start the draft (the league's commissioner)", status_code=200)
    async def start_draft(self, league_id: int, principal: Principal, rt: Runtime) -> w.LeagueOut:
        await svc.start_draft(rt, principal, league_id)
        return league_out(await svc.view(rt, principal, league_id))

    @post("/{league_id:int}/picks", operation_id="makeFantasyPick",
          summary="Draft a rep (the owner of the team on the clock, or the commissioner)",
          status_code=201)
    async def make_pick(self, league_id: int, data: w.PickIn, principal: Principal, rt: Runtime) -> w.LeagueOut:
        if principal.user_id is None:
            raise Forbidden("forbidden", "picks are made by users")
        await svc.pick(rt, principal, league_id, data.user_id)
        return league_out(await svc.view(rt, principal, league_id))
