from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.draft_out import DraftOut
  from ..models.fantasy_standing_out import FantasyStandingOut
  from ..models.fantasy_team_out import FantasyTeamOut
  from ..models.matchup_out import MatchupOut





T = TypeVar("T", bound="LeagueOut")



@_attrs_define
class LeagueOut:
    """ 
        Attributes:
            champion_team_id (int | None):
            draft (DraftOut):
            id (int):
            matchups (list[MatchupOut]):
            metric (str):
            name (str):
            pick_seconds (int):
            playoff_teams (int):
            roster_size (int):
            season_start (datetime.date):
            standings (list[FantasyStandingOut]):
            teams (list[FantasyTeamOut]):
            weeks (int):
     """

    champion_team_id: int | None
    draft: DraftOut
    id: int
    matchups: list[MatchupOut]
    metric: str
    name: str
    pick_seconds: int
    playoff_teams: int
    roster_size: int
    season_start: datetime.date
    standings: list[FantasyStandingOut]
    teams: list[FantasyTeamOut]
    weeks: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.draft_out import DraftOut # noqa: PLC0415
        from ..models.fantasy_standing_out import FantasyStandingOut # noqa: PLC0415
        from ..models.fantasy_team_out import FantasyTeamOut # noqa: PLC0415
        from ..models.matchup_out import MatchupOut # noqa: PLC0415
        champion_team_id: int | None
        champion_team_id = self.champion_team_id

        draft = self.draft.to_dict()

        id = self.id

        matchups = []
        for matchups_item_data in self.matchups:
            matchups_item = matchups_item_data.to_dict()
            matchups.append(matchups_item)



        metric = self.metric

        name = self.name

        pick_seconds = self.pick_seconds

        playoff_teams = self.playoff_teams

        roster_size = self.roster_size

        season_start = self.season_start.isoformat()

        standings = []
        for standings_item_data in self.standings:
            standings_item = standings_item_data.to_dict()
            standings.append(standings_item)



        teams = []
        for teams_item_data in self.teams:
            teams_item = teams_item_data.to_dict()
            teams.append(teams_item)



        weeks = self.weeks


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "champion_team_id": champion_team_id,
            "draft": draft,
            "id": id,
            "matchups": matchups,
            "metric": metric,
            "name": name,
            "pick_seconds": pick_seconds,
            "playoff_teams": playoff_teams,
            "roster_size": roster_size,
            "season_start": season_start,
            "standings": standings,
            "teams": teams,
            "weeks": weeks,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.draft_out import DraftOut # noqa: PLC0415
        from ..models.fantasy_standing_out import FantasyStandingOut # noqa: PLC0415
        from ..models.fantasy_team_out import FantasyTeamOut # noqa: PLC0415
        from ..models.matchup_out import MatchupOut # noqa: PLC0415
        d = dict(src_dict)
        def _parse_champion_team_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        champion_team_id = _parse_champion_team_id(d.pop("champion_team_id"))


        draft = DraftOut.from_dict(d.pop("draft"))




        id = d.pop("id")

        matchups = []
        _matchups = d.pop("matchups")
        for matchups_item_data in (_matchups):
            matchups_item = MatchupOut.from_dict(matchups_item_data)



            matchups.append(matchups_item)


        metric = d.pop("metric")

        name = d.pop("name")

        pick_seconds = d.pop("pick_seconds")

        playoff_teams = d.pop("playoff_teams")

        roster_size = d.pop("roster_size")

        season_start = datetime.date.fromisoformat(d.pop("season_start"))




        standings = []
        _standings = d.pop("standings")
        for standings_item_data in (_standings):
            standings_item = FantasyStandingOut.from_dict(standings_item_data)



            standings.append(standings_item)


        teams = []
        _teams = d.pop("teams")
        for teams_item_data in (_teams):
            teams_item = FantasyTeamOut.from_dict(teams_item_data)



            teams.append(teams_item)


        weeks = d.pop("weeks")

        league_out = cls(
            champion_team_id=champion_team_id,
            draft=draft,
            id=id,
            matchups=matchups,
            metric=metric,
            name=name,
            pick_seconds=pick_seconds,
            playoff_teams=playoff_teams,
            roster_size=roster_size,
            season_start=season_start,
            standings=standings,
            teams=teams,
            weeks=weeks,
        )


        league_out.additional_properties = d
        return league_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
