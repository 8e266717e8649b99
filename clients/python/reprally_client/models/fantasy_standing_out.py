from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="FantasyStandingOut")



@_attrs_define
class FantasyStandingOut:
    """ 
        Attributes:
            losses (int):
            points_against (int):
            points_for (int):
            team_id (int):
            ties (int):
            wins (int):
     """

    losses: int
    points_against: int
    points_for: int
    team_id: int
    ties: int
    wins: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        losses = self.losses

        points_against = self.points_against

        points_for = self.points_for

        team_id = self.team_id

        ties = self.ties

        wins = self.wins


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "losses": losses,
            "points_against": points_against,
            "points_for": points_for,
            "team_id": team_id,
            "ties": ties,
            "wins": wins,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        losses = d.pop("losses")

        points_against = d.pop("points_against")

        points_for = d.pop("points_for")

        team_id = d.pop("team_id")

        ties = d.pop("ties")

        wins = d.pop("wins")

        fantasy_standing_out = cls(
            losses=losses,
            points_against=points_against,
            points_for=points_for,
            team_id=team_id,
            ties=ties,
            wins=wins,
        )


        fantasy_standing_out.additional_properties = d
        return fantasy_standing_out

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
