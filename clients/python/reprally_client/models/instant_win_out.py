from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="InstantWinOut")



@_attrs_define
class InstantWinOut:
    """ 
        Attributes:
            active (bool):
            activity_type (None | str):
            budget (int):
            created_at (datetime.datetime):
            granted (int):
            id (int):
            name (str):
            prize_name (None | str):
            prize_points (int):
            probability (float):
            remaining (int):
     """

    active: bool
    activity_type: None | str
    budget: int
    created_at: datetime.datetime
    granted: int
    id: int
    name: str
    prize_name: None | str
    prize_points: int
    probability: float
    remaining: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        active = self.active

        activity_type: None | str
        activity_type = self.activity_type

        budget = self.budget

        created_at = self.created_at.isoformat()

        granted = self.granted

        id = self.id

        name = self.name

        prize_name: None | str
        prize_name = self.prize_name

        prize_points = self.prize_points

        probability = self.probability

        remaining = self.remaining


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "active": active,
            "activity_type": activity_type,
            "budget": budget,
            "created_at": created_at,
            "granted": granted,
            "id": id,
            "name": name,
            "prize_name": prize_name,
            "prize_points": prize_points,
            "probability": probability,
            "remaining": remaining,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        active = d.pop("active")

        def _parse_activity_type(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        activity_type = _parse_activity_type(d.pop("activity_type"))


        budget = d.pop("budget")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        granted = d.pop("granted")

        id = d.pop("id")

        name = d.pop("name")

        def _parse_prize_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        prize_name = _parse_prize_name(d.pop("prize_name"))


        prize_points = d.pop("prize_points")

        probability = d.pop("probability")

        remaining = d.pop("remaining")

        instant_win_out = cls(
            active=active,
            activity_type=activity_type,
            budget=budget,
            created_at=created_at,
            granted=granted,
            id=id,
            name=name,
            prize_name=prize_name,
            prize_points=prize_points,
            probability=probability,
            remaining=remaining,
        )


        instant_win_out.additional_properties = d
        return instant_win_out

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
