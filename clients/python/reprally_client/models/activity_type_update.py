from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.activity_type_update_self_report_type_0 import ActivityTypeUpdateSelfReportType0
from ..models.activity_type_update_self_report_type_0 import check_activity_type_update_self_report_type_0
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="ActivityTypeUpdate")



@_attrs_define
class ActivityTypeUpdate:
    """ 
        Attributes:
            active (bool | Unset):
            daily_cap (int | None | Unset):
            label (str | Unset):
            points (int | Unset):
            self_report (ActivityTypeUpdateSelfReportType0 | Unset):
            self_report_weight (float | None | Unset):
            self_reportable (bool | Unset):
            value_points (float | None | Unset):
     """

    active: bool | Unset = UNSET
    daily_cap: int | None | Unset = UNSET
    label: str | Unset = UNSET
    points: int | Unset = UNSET
    self_report: ActivityTypeUpdateSelfReportType0 | Unset = UNSET
    self_report_weight: float | None | Unset = UNSET
    self_reportable: bool | Unset = UNSET
    value_points: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        active: bool | Unset
        if isinstance(self.active, Unset):
            active = UNSET
        else:
            active = self.active

        daily_cap: int | None | Unset
        if isinstance(self.daily_cap, Unset):
            daily_cap = UNSET
        else:
            daily_cap = self.daily_cap

        label: str | Unset
        if isinstance(self.label, Unset):
            label = UNSET
        else:
            label = self.label

        points: int | Unset
        if isinstance(self.points, Unset):
            points = UNSET
        else:
            points = self.points

        self_report: str | Unset
        if isinstance(self.self_report, Unset):
            self_report = UNSET
        else:
            self_report = self.self_report


        self_report_weight: float | None | Unset
        if isinstance(self.self_report_weight, Unset):
            self_report_weight = UNSET
        else:
            self_report_weight = self.self_report_weight

        self_reportable: bool | Unset
        if isinstance(self.self_reportable, Unset):
            self_reportable = UNSET
        else:
            self_reportable = self.self_reportable

        value_points: float | None | Unset
        if isinstance(self.value_points, Unset):
            value_points = UNSET
        else:
            value_points = self.value_points


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if active is not UNSET:
            field_dict["active"] = active
        if daily_cap is not UNSET:
            field_dict["daily_cap"] = daily_cap
        if label is not UNSET:
            field_dict["label"] = label
        if points is not UNSET:
            field_dict["points"] = points
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
        def _parse_active(data: object) -> bool | Unset:
            if isinstance(data, Unset):
                return data
            return cast(bool | Unset, data)

        active = _parse_active(d.pop("active", UNSET))


        def _parse_daily_cap(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        daily_cap = _parse_daily_cap(d.pop("daily_cap", UNSET))


        def _parse_label(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        label = _parse_label(d.pop("label", UNSET))


        def _parse_points(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        points = _parse_points(d.pop("points", UNSET))


        def _parse_self_report(data: object) -> ActivityTypeUpdateSelfReportType0 | Unset:
            if isinstance(data, Unset):
                return data
            if not isinstance(data, str):
                raise TypeError()
            self_report_type_0 = check_activity_type_update_self_report_type_0(data)



            return self_report_type_0

        self_report = _parse_self_report(d.pop("self_report", UNSET))


        def _parse_self_report_weight(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        self_report_weight = _parse_self_report_weight(d.pop("self_report_weight", UNSET))


        def _parse_self_reportable(data: object) -> bool | Unset:
            if isinstance(data, Unset):
                return data
            return cast(bool | Unset, data)

        self_reportable = _parse_self_reportable(d.pop("self_reportable", UNSET))


        def _parse_value_points(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        value_points = _parse_value_points(d.pop("value_points", UNSET))


        activity_type_update = cls(
            active=active,
            daily_cap=daily_cap,
            label=label,
            points=points,
            self_report=self_report,
            self_report_weight=self_report_weight,
            self_reportable=self_reportable,
            value_points=value_points,
        )


        activity_type_update.additional_properties = d
        return activity_type_update

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
