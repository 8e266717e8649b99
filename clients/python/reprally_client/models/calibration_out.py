from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="CalibrationOut")



@_attrs_define
class CalibrationOut:
    """ 
        Attributes:
            first_day (datetime.date):
            last_day (datetime.date):
            pct (int):
            user_id (int):
     """

    first_day: datetime.date
    last_day: datetime.date
    pct: int
    user_id: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        first_day = self.first_day.isoformat()

        last_day = self.last_day.isoformat()

        pct = self.pct

        user_id = self.user_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "first_day": first_day,
            "last_day": last_day,
            "pct": pct,
            "user_id": user_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        first_day = datetime.date.fromisoformat(d.pop("first_day"))




        last_day = datetime.date.fromisoformat(d.pop("last_day"))




        pct = d.pop("pct")

        user_id = d.pop("user_id")

        calibration_out = cls(
            first_day=first_day,
            last_day=last_day,
            pct=pct,
            user_id=user_id,
        )


        calibration_out.additional_properties = d
        return calibration_out

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
