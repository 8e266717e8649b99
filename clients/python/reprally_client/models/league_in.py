from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.team_in import TeamIn





T = TypeVar("T", bound="LeagueIn")



@_attrs_define
class LeagueIn:
    """ 
        Attributes:
            metric (str):
            name (str):
            season_start (datetime.date):
            teams (list[TeamIn]):
            pick_seconds (int | Unset):  Default: 60.
            playoff_teams (int | Unset):  Default: 4.
            roster_size (int | Unset):  Default: 3.
            team_id (int | None | Unset):
            weeks (int | Unset):  Default: 6.
     """

    metric: str
    name: str
    season_start: datetime.date
    teams: list[TeamIn]
    pick_seconds: int | Unset = 60
    playoff_teams: int | Unset = 4
    roster_size: int | Unset = 3
    team_id: int | None | Unset = UNSET
    weeks: int | Unset = 6
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.team_in import TeamIn # noqa: PLC0415
        metric = self.metric

        name = self.name

        season_start = self.season_start.isoformat()

        teams = []
        for teams_item_data in self.teams:
            teams_item = teams_item_data.to_dict()
            teams.append(teams_item)



        pick_seconds = self.pick_seconds

        playoff_teams = self.playoff_teams

        roster_size = self.roster_size

        team_id: int | None | Unset
        if isinstance(self.team_id, Unset):
            team_id = UNSET
        else:
            team_id = self.team_id

        weeks = self.weeks


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "metric": metric,
            "name": name,
            "season_start": season_start,
            "teams": teams,
        })
        if pick_seconds is not UNSET:
            field_dict["pick_seconds"] = pick_seconds
        if playoff_teams is not UNSET:
            field_dict["playoff_teams"] = playoff_teams
        if roster_size is not UNSET:
            field_dict["roster_size"] = roster_size
        if team_id is not UNSET:
            field_dict["team_id"] = team_id
        if weeks is not UNSET:
            field_dict["weeks"] = weeks

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.team_in import TeamIn # noqa: PLC0415
        d = dict(src_dict)
        metric = d.pop("metric")

        name = d.pop("name")

        season_start = datetime.date.fromisoformat(d.pop("season_start"))




        teams = []
        _teams = d.pop("teams")
        for teams_item_data in (_teams):
            teams_item = TeamIn.from_dict(teams_item_data)



            teams.append(teams_item)


        pick_seconds = d.pop("pick_seconds", UNSET)

        playoff_teams = d.pop("playoff_teams", UNSET)

        roster_size = d.pop("roster_size", UNSET)

        def _parse_team_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        team_id = _parse_team_id(d.pop("team_id", UNSET))


        weeks = d.pop("weeks", UNSET)

        league_in = cls(
            metric=metric,
            name=name,
            season_start=season_start,
            teams=teams,
            pick_seconds=pick_seconds,
            playoff_teams=playoff_teams,
            roster_size=roster_size,
            team_id=team_id,
            weeks=weeks,
        )


        league_in.additional_properties = d
        return league_in

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
