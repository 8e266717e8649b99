from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="InstantWinIn")



@_attrs_define
class InstantWinIn:
    """ 
        Attributes:
            budget (int):
            name (str):
            probability (float):
            activity_type (None | str | Unset):
            prize_name (None | str | Unset):
            prize_points (int | Unset):  Default: 0.
     """

    budget: int
    name: str
    probability: float
    activity_type: None | str | Unset = UNSET
    prize_name: None | str | Unset = UNSET
    prize_points: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        budget = self.budget

        name = self.name

        probability = self.probability

        activity_type: None | str | Unset
        if isinstance(self.activity_type, Unset):
            activity_type = UNSET
        else:
            activity_type = self.activity_type

        prize_name: None | str | Unset
        if isinstance(self.prize_name, Unset):
            prize_name = UNSET
        else:
            prize_name = self.prize_name

        prize_points = self.prize_points


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "budget": budget,
            "name": name,
            "probability": probability,
        })
        if activity_type is not UNSET:
            field_dict["activity_type"] = activity_type
        if prize_name is not UNSET:
            field_dict["prize_name"] = prize_name
        if prize_points is not UNSET:
            field_dict["prize_points"] = prize_points

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        budget = d.pop("budget")

        name = d.pop("name")

        probability = d.pop("probability")

        def _parse_activity_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        activity_type = _parse_activity_type(d.pop("activity_type", UNSET))


        def _parse_prize_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        prize_name = _parse_prize_name(d.pop("prize_name", UNSET))


        prize_points = d.pop("prize_points", UNSET)

        instant_win_in = cls(
            budget=budget,
            name=name,
            probability=probability,
            activity_type=activity_type,
            prize_name=prize_name,
            prize_points=prize_points,
        )


        instant_win_in.additional_properties = d
        return instant_win_in

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
