from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="KudosSettingsOut")



@_attrs_define
class KudosSettingsOut:
    """ 
        Attributes:
            max_points (int):
            monthly_allowance (int):
            per_day (int):
            per_hour (int):
            per_pair_day (int):
            reactions (list[str]):
            values (list[str]):
     """

    max_points: int
    monthly_allowance: int
    per_day: int
    per_hour: int
    per_pair_day: int
    reactions: list[str]
    values: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        max_points = self.max_points

        monthly_allowance = self.monthly_allowance

        per_day = self.per_day

        per_hour = self.per_hour

        per_pair_day = self.per_pair_day

        reactions = self.reactions



        values = self.values




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "max_points": max_points,
            "monthly_allowance": monthly_allowance,
            "per_day": per_day,
            "per_hour": per_hour,
            "per_pair_day": per_pair_day,
            "reactions": reactions,
            "values": values,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        max_points = d.pop("max_points")

        monthly_allowance = d.pop("monthly_allowance")

        per_day = d.pop("per_day")

        per_hour = d.pop("per_hour")

        per_pair_day = d.pop("per_pair_day")

        reactions = cast(list[str], d.pop("reactions"))


        values = cast(list[str], d.pop("values"))


        kudos_settings_out = cls(
            max_points=max_points,
            monthly_allowance=monthly_allowance,
            per_day=per_day,
            per_hour=per_hour,
            per_pair_day=per_pair_day,
            reactions=reactions,
            values=values,
        )


        kudos_settings_out.additional_properties = d
        return kudos_settings_out

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
