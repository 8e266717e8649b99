"""Wire types of fantasy leagues."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from msgspec import Meta, Struct

from server.core.wire import Id, Key, Line, Name
from server.fantasy import service as svc

TeamName = Annotated[Line, Meta(min_length=1, max_length=80)]


class TeamIn(Struct, forbid_unknown_fields=True):
    name: TeamName
    owner_user_id: Id


class LeagueIn(Struct, forbid_unknown_fields=True):
    name: Name
    #: "points" or an activity type key (its units)
    metric: Key
    #: the first day of week 1 (the first day of the org's week)
    season_start: date
    teams: Annotated[list[TeamIn], Meta(min_length=svc.MIN_TEAMS, max_length=svc.MAX_TEAMS)]
    weeks: Annotated[int, Meta(ge=1, le=svc.MAX_WEEKS)] = 6
    #: 2, 4 or 8 (0: no playoffs; the table's leader is the champion)
    playoff_teams: Annotated[int, Meta(ge=0, le=8)] = 4
    roster_size: Annotated[int, Meta(ge=1, le=svc.MAX_ROSTER)] = 3
    pick_seconds: Annotated[int, Meta(ge=svc.PICK_SECONDS[0], le=svc.PICK_SECONDS[1])] = 60
    #: admins: draft from one team's reps (managers: always their own team)
    team_id: Id | None = None


class PickIn(Struct, forbid_unknown_fields=True):
    user_id: Id


class Created(Struct):
    id: int


class FantasyTeamOut(Struct):
    id: int
    name: str
    owner_user_id: int
    position: int
    roster: list[int]


class PickOut(Struct):
    pick_no: int  # 1-based
    round: int
    team_id: int
    user_id: int
    display_name: str | None
    auto: bool
    picked_at: datetime


class FantasyStandingOut(Struct):
    team_id: int
    wins: int
    losses: int
    ties: int
    points_for: int
    points_against: int


class MatchupOut(Struct):
    week: int
    playoff: bool
    home_team_id: int
    away_team_id: int | None  # None: a bye
    home_score: int | None  # None until the week starts
    away_score: int | None
    winner_team_id: int | None  # once the week is over (None on a tie)


class DraftOut(Struct):
    state: str  # setup | drafting | season
    pick_no: int  # picks made
    picks_total: int
    on_clock_team_id: int | None
    deadline: datetime | None
    picks: list[PickOut]
    available: list[int]


class LeagueSummary(Struct):
    id: int
    name: str
    metric: str
    state: str
    season_start: date
    weeks: int


class LeagueOut(Struct):
    id: int
    name: str
    metric: str
    season_start: date
    weeks: int
    playoff_teams: int
    roster_size: int
    pick_seconds: int
    teams: list[FantasyTeamOut]
    draft: DraftOut
    matchups: list[MatchupOut]
    standings: list[FantasyStandingOut]
    champion_team_id: int | None


class LeaguesOut(Struct):
    leagues: list[LeagueSummary]
