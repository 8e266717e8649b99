from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="KudosSettingsUpdate")



@_attrs_define
class KudosSettingsUpdate:
    """ 
        Attributes:
            max_points (int | Unset):
            monthly_allowance (int | Unset):
            per_day (int | Unset):
            per_hour (int | Unset):
            per_pair_day (int | Unset):
            values (list[str] | Unset):
     """

    max_points: int | Unset = UNSET
    monthly_allowance: int | Unset = UNSET
    per_day: int | Unset = UNSET
    per_hour: int | Unset = UNSET
    per_pair_day: int | Unset = UNSET
    values: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        max_points: int | Unset
        if isinstance(self.max_points, Unset):
            max_points = UNSET
        else:
            max_points = self.max_points

        monthly_allowance: int | Unset
        if isinstance(self.monthly_allowance, Unset):
            monthly_allowance = UNSET
        else:
            monthly_allowance = self.monthly_allowance

        per_day: int | Unset
        if isinstance(self.per_day, Unset):
            per_day = UNSET
        else:
            per_day = self.per_day

        per_hour: int | Unset
        if isinstance(self.per_hour, Unset):
            per_hour = UNSET
        else:
            per_hour = self.per_hour

        per_pair_day: int | Unset
        if isinstance(self.per_pair_day, Unset):
            per_pair_day = UNSET
        else:
            per_pair_day = self.per_pair_day

        values: list[str] | Unset
        if isinstance(self.values, Unset):
            values = UNSET
        else:
            values = self.values





        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if max_points is not UNSET:
            field_dict["max_points"] = max_points
        if monthly_allowance is not UNSET:
            field_dict["monthly_allowance"] = monthly_allowance
        if per_day is not UNSET:
            field_dict["per_day"] = per_day
        if per_hour is not UNSET:
            field_dict["per_hour"] = per_hour
        if per_pair_day is not UNSET:
            field_dict["per_pair_day"] = per_pair_day
        if values is not UNSET:
            field_dict["values"] = values

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_max_points(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        max_points = _parse_max_points(d.pop("max_points", UNSET))


        def _parse_monthly_allowance(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        monthly_allowance = _parse_monthly_allowance(d.pop("monthly_allowance", UNSET))


        def _parse_per_day(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        per_day = _parse_per_day(d.pop("per_day", UNSET))


        def _parse_per_hour(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        per_hour = _parse_per_hour(d.pop("per_hour", UNSET))


        def _parse_per_pair_day(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        per_pair_day = _parse_per_pair_day(d.pop("per_pair_day", UNSET))


        def _parse_values(data: object) -> list[str] | Unset:
            if isinstance(data, Unset):
                return data
            if not isinstance(data, list):
                raise TypeError()
            values_type_0 = cast(list[str], data)

            return values_type_0

        values = _parse_values(d.pop("values", UNSET))


        kudos_settings_update = cls(
            max_points=max_points,
            monthly_allowance=monthly_allowance,
            per_day=per_day,
            per_hour=per_hour,
            per_pair_day=per_pair_day,
            values=values,
        )


        kudos_settings_update.additional_properties = d
        return kudos_settings_update

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
