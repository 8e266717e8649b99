from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="AllowanceOut")



@_attrs_define
class AllowanceOut:
    """ 
        Attributes:
            allowance (int):
            max_points (int):
            month (str):
            remaining (int):
            used (int):
     """

    allowance: int
    max_points: int
    month: str
    remaining: int
    used: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        allowance = self.allowance

        max_points = self.max_points

        month = self.month

        remaining = self.remaining

        used = self.used


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "allowance": allowance,
            "max_points": max_points,
            "month": month,
            "remaining": remaining,
            "used": used,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        allowance = d.pop("allowance")

        max_points = d.pop("max_points")

        month = d.pop("month")

        remaining = d.pop("remaining")

        used = d.pop("used")

        allowance_out = cls(
            allowance=allowance,
            max_points=max_points,
            month=month,
            remaining=remaining,
            used=used,
        )


        allowance_out.additional_properties = d
        return allowance_out

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
