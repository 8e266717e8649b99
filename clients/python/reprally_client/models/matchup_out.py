from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="MatchupOut")



@_attrs_define
class MatchupOut:
    """ 
        Attributes:
            away_score (int | None):
            away_team_id (int | None):
            home_score (int | None):
            home_team_id (int):
            playoff (bool):
            week (int):
            winner_team_id (int | None):
     """

    away_score: int | None
    away_team_id: int | None
    home_score: int | None
    home_team_id: int
    playoff: bool
    week: int
    winner_team_id: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        away_score: int | None
        away_score = self.away_score

        away_team_id: int | None
        away_team_id = self.away_team_id

        home_score: int | None
        home_score = self.home_score

        home_team_id = self.home_team_id

        playoff = self.playoff

        week = self.week

        winner_team_id: int | None
        winner_team_id = self.winner_team_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "away_score": away_score,
            "away_team_id": away_team_id,
            "home_score": home_score,
            "home_team_id": home_team_id,
            "playoff": playoff,
            "week": week,
            "winner_team_id": winner_team_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_away_score(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        away_score = _parse_away_score(d.pop("away_score"))


        def _parse_away_team_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        away_team_id = _parse_away_team_id(d.pop("away_team_id"))


        def _parse_home_score(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        home_score = _parse_home_score(d.pop("home_score"))


        home_team_id = d.pop("home_team_id")

        playoff = d.pop("playoff")

        week = d.pop("week")

        def _parse_winner_team_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        winner_team_id = _parse_winner_team_id(d.pop("winner_team_id"))


        matchup_out = cls(
            away_score=away_score,
            away_team_id=away_team_id,
            home_score=home_score,
            home_team_id=home_team_id,
            playoff=playoff,
            week=week,
            winner_team_id=winner_team_id,
        )


        matchup_out.additional_properties = d
        return matchup_out

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
