from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="WeekOut")



@_attrs_define
class WeekOut:
    """ 
        Attributes:
            active_reps (int):
            dau (float | None):
            first_day (datetime.date):
            median_ratio (float | None):
            week (str):
     """

    active_reps: int
    dau: float | None
    first_day: datetime.date
    median_ratio: float | None
    week: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        active_reps = self.active_reps

        dau: float | None
        dau = self.dau

        first_day = self.first_day.isoformat()

        median_ratio: float | None
        median_ratio = self.median_ratio

        week = self.week


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "active_reps": active_reps,
            "dau": dau,
            "first_day": first_day,
            "median_ratio": median_ratio,
            "week": week,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        active_reps = d.pop("active_reps")

        def _parse_dau(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        dau = _parse_dau(d.pop("dau"))


        first_day = datetime.date.fromisoformat(d.pop("first_day"))




        def _parse_median_ratio(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        median_ratio = _parse_median_ratio(d.pop("median_ratio"))


        week = d.pop("week")

        week_out = cls(
            active_reps=active_reps,
            dau=dau,
            first_day=first_day,
            median_ratio=median_ratio,
            week=week,
        )


        week_out.additional_properties = d
        return week_out

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
