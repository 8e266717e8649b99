from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.activity_type_create_self_report import ActivityTypeCreateSelfReport
from ..models.activity_type_create_self_report import check_activity_type_create_self_report
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="ActivityTypeCreate")



@_attrs_define
class ActivityTypeCreate:
    """ 
        Attributes:
            key (str):
            label (str):
            points (int):
            daily_cap (int | None | Unset):
            self_report (ActivityTypeCreateSelfReport | Unset):  Default: 'full'.
            self_report_weight (float | None | Unset):
            self_reportable (bool | Unset):  Default: True.
            value_points (float | None | Unset):
     """

    key: str
    label: str
    points: int
    daily_cap: int | None | Unset = UNSET
    self_report: ActivityTypeCreateSelfReport | Unset = 'full'
    self_report_weight: float | None | Unset = UNSET
    self_reportable: bool | Unset = True
    value_points: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        key = self.key

        label = self.label

        points = self.points

        daily_cap: int | None | Unset
        if isinstance(self.daily_cap, Unset):
            daily_cap = UNSET
        else:
            daily_cap = self.daily_cap

        self_report: str | Unset = UNSET
        if not isinstance(self.self_report, Unset):
            self_report = self.self_report


        self_report_weight: float | None | Unset
        if isinstance(self.self_report_weight, Unset):
            self_report_weight = UNSET
        else:
            self_report_weight = self.self_report_weight

        self_reportable = self.self_reportable

        value_points: float | None | Unset
        if isinstance(self.value_points, Unset):
            value_points = UNSET
        else:
            value_points = self.value_points


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "key": key,
            "label": label,
            "points": points,
        })
        if daily_cap is not UNSET:
            field_dict["daily_cap"] = daily_cap
        if self_report is not UNSET:
            field_dict["self_report"] = self_report
        if self_report_weight is not UNSET:
            field_dict["self_report_weight"] = self_report_weight
        if self_reportable is not UNSET:
            field_dict["self_reportable"] = self_reportable
        if value_points is not UNSET:
            field_dict["value_points"] = value_points

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        key = d.pop("key")

        label = d.pop("label")

        points = d.pop("points")

        def _parse_daily_cap(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        daily_cap = _parse_daily_cap(d.pop("daily_cap", UNSET))


        _self_report = d.pop("self_report", UNSET)
        self_report: ActivityTypeCreateSelfReport | Unset
        if isinstance(_self_report,  Unset):
            self_report = UNSET
        else:
            self_report = check_activity_type_create_self_report(_self_report)




        def _parse_self_report_weight(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        self_report_weight = _parse_self_report_weight(d.pop("self_report_weight", UNSET))


        self_reportable = d.pop("self_reportable", UNSET)

        def _parse_value_points(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        value_points = _parse_value_points(d.pop("value_points", UNSET))


        activity_type_create = cls(
            key=key,
            label=label,
            points=points,
            daily_cap=daily_cap,
            self_report=self_report,
            self_report_weight=self_report_weight,
            self_reportable=self_reportable,
            value_points=value_points,
        )


        activity_type_create.additional_properties = d
        return activity_type_create

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
