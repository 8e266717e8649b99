from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="RepEngagementOut")



@_attrs_define
class RepEngagementOut:
    """ 
        Attributes:
            activity (int):
            baseline_per_day (float | None):
            display_name (str):
            per_working_day (float | None):
            ratio (float | None):
            user_id (int):
     """

    activity: int
    baseline_per_day: float | None
    display_name: str
    per_working_day: float | None
    ratio: float | None
    user_id: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        activity = self.activity

        baseline_per_day: float | None
        baseline_per_day = self.baseline_per_day

        display_name = self.display_name

        per_working_day: float | None
        per_working_day = self.per_working_day

        ratio: float | None
        ratio = self.ratio

        user_id = self.user_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "activity": activity,
            "baseline_per_day": baseline_per_day,
            "display_name": display_name,
            "per_working_day": per_working_day,
            "ratio": ratio,
            "user_id": user_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        activity = d.pop("activity")

        def _parse_baseline_per_day(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        baseline_per_day = _parse_baseline_per_day(d.pop("baseline_per_day"))


        display_name = d.pop("display_name")

        def _parse_per_working_day(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        per_working_day = _parse_per_working_day(d.pop("per_working_day"))


        def _parse_ratio(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        ratio = _parse_ratio(d.pop("ratio"))


        user_id = d.pop("user_id")

        rep_engagement_out = cls(
            activity=activity,
            baseline_per_day=baseline_per_day,
            display_name=display_name,
            per_working_day=per_working_day,
            ratio=ratio,
            user_id=user_id,
        )


        rep_engagement_out.additional_properties = d
        return rep_engagement_out

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
