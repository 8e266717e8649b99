from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="CurveOut")



@_attrs_define
class CurveOut:
    """ 
        Attributes:
            base (int):
            exponent (float):
            levels (list[int]):
            max_level (int):
            thresholds (list[int]):
     """

    base: int
    exponent: float
    levels: list[int]
    max_level: int
    thresholds: list[int]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        base = self.base

        exponent = self.exponent

        levels = self.levels



        max_level = self.max_level

        thresholds = self.thresholds




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "base": base,
            "exponent": exponent,
            "levels": levels,
            "max_level": max_level,
            "thresholds": thresholds,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        base = d.pop("base")

        exponent = d.pop("exponent")

        levels = cast(list[int], d.pop("levels"))


        max_level = d.pop("max_level")

        thresholds = cast(list[int], d.pop("thresholds"))


        curve_out = cls(
            base=base,
            exponent=exponent,
            levels=levels,
            max_level=max_level,
            thresholds=thresholds,
        )


        curve_out.additional_properties = d
        return curve_out

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
