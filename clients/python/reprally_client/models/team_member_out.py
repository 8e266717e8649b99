from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="TeamMemberOut")



@_attrs_define
class TeamMemberOut:
    """ 
        Attributes:
            at_risk (bool):
            best (int):
            completion_rate (float | None):
            current (int):
            display_name (str):
            freezes (int):
            missions (int):
            missions_completed (int):
            team_id (int | None):
            today_done (bool):
            user_id (int):
     """

    at_risk: bool
    best: int
    completion_rate: float | None
    current: int
    display_name: str
    freezes: int
    missions: int
    missions_completed: int
    team_id: int | None
    today_done: bool
    user_id: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        at_risk = self.at_risk

        best = self.best

        completion_rate: float | None
        completion_rate = self.completion_rate

        current = self.current

        display_name = self.display_name

        freezes = self.freezes

        missions = self.missions

        missions_completed = self.missions_completed

        team_id: int | None
        team_id = self.team_id

        today_done = self.today_done

        user_id = self.user_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "at_risk": at_risk,
            "best": best,
            "completion_rate": completion_rate,
            "current": current,
            "display_name": display_name,
            "freezes": freezes,
            "missions": missions,
            "missions_completed": missions_completed,
            "team_id": team_id,
            "today_done": today_done,
            "user_id": user_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        at_risk = d.pop("at_risk")

        best = d.pop("best")

        def _parse_completion_rate(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        completion_rate = _parse_completion_rate(d.pop("completion_rate"))


        current = d.pop("current")

        display_name = d.pop("display_name")

        freezes = d.pop("freezes")

        missions = d.pop("missions")

        missions_completed = d.pop("missions_completed")

        def _parse_team_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        team_id = _parse_team_id(d.pop("team_id"))


        today_done = d.pop("today_done")

        user_id = d.pop("user_id")

        team_member_out = cls(
            at_risk=at_risk,
            best=best,
            completion_rate=completion_rate,
            current=current,
            display_name=display_name,
            freezes=freezes,
            missions=missions,
            missions_completed=missions_completed,
            team_id=team_id,
            today_done=today_done,
            user_id=user_id,
        )


        team_member_out.additional_properties = d
        return team_member_out

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
