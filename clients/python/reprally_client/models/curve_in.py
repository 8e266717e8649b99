from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="CurveIn")



@_attrs_define
class CurveIn:
    """ 
        Attributes:
            base (int | Unset):  Default: 100.
            exponent (float | Unset):  Default: 1.5.
            max_level (int | Unset):  Default: 50.
            thresholds (list[int] | Unset):
     """

    base: int | Unset = 100
    exponent: float | Unset = 1.5
    max_level: int | Unset = 50
    thresholds: list[int] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        base = self.base

        exponent = self.exponent

        max_level = self.max_level

        thresholds: list[int] | Unset = UNSET
        if not isinstance(self.thresholds, Unset):
            thresholds = self.thresholds




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if base is not UNSET:
            field_dict["base"] = base
        if exponent is not UNSET:
            field_dict["exponent"] = exponent
        if max_level is not UNSET:
            field_dict["max_level"] = max_level
        if thresholds is not UNSET:
            field_dict["thresholds"] = thresholds

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        base = d.pop("base", UNSET)

        exponent = d.pop("exponent", UNSET)

        max_level = d.pop("max_level", UNSET)

        thresholds = cast(list[int], d.pop("thresholds", UNSET))


        curve_in = cls(
            base=base,
            exponent=exponent,
            max_level=max_level,
            thresholds=thresholds,
        )


        curve_in.additional_properties = d
        return curve_in

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
