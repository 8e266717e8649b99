from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="ActivityTypeOut")



@_attrs_define
class ActivityTypeOut:
    """ 
        Attributes:
            active (bool):
            daily_cap (int | None):
            id (int):
            key (str):
            label (str):
            points (int):
            rule_version_id (int | None):
            self_reportable (bool):
            value_points (float | None):
            version (int):
            self_report (str | Unset):  Default: 'full'.
            self_report_weight (float | None | Unset):
     """

    active: bool
    daily_cap: int | None
    id: int
    key: str
    label: str
    points: int
    rule_version_id: int | None
    self_reportable: bool
    value_points: float | None
    version: int
    self_report: str | Unset = 'full'
    self_report_weight: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        active = self.active

        daily_cap: int | None
        daily_cap = self.daily_cap

        id = self.id

        key = self.key

        label = self.label

        points = self.points

        rule_version_id: int | None
        rule_version_id = self.rule_version_id

        self_reportable = self.self_reportable

        value_points: float | None
        value_points = self.value_points

        version = self.version

        self_report = self.self_report

        self_report_weight: float | None | Unset
        if isinstance(self.self_report_weight, Unset):
            self_report_weight = UNSET
        else:
            self_report_weight = self.self_report_weight


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "active": active,
            "daily_cap": daily_cap,
            "id": id,
            "key": key,
            "label": label,
            "points": points,
            "rule_version_id": rule_version_id,
            "self_reportable": self_reportable,
            "value_points": value_points,
            "version": version,
        })
        if self_report is not UNSET:
            field_dict["self_report"] = self_report
        if self_report_weight is not UNSET:
            field_dict["self_report_weight"] = self_report_weight

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        active = d.pop("active")

        def _parse_daily_cap(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        daily_cap = _parse_daily_cap(d.pop("daily_cap"))


        id = d.pop("id")

        key = d.pop("key")

        label = d.pop("label")

        points = d.pop("points")

        def _parse_rule_version_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rule_version_id = _parse_rule_version_id(d.pop("rule_version_id"))


        self_reportable = d.pop("self_reportable")

        def _parse_value_points(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        value_points = _parse_value_points(d.pop("value_points"))


        version = d.pop("version")

        self_report = d.pop("self_report", UNSET)

        def _parse_self_report_weight(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        self_report_weight = _parse_self_report_weight(d.pop("self_report_weight", UNSET))


        activity_type_out = cls(
            active=active,
            daily_cap=daily_cap,
            id=id,
            key=key,
            label=label,
            points=points,
            rule_version_id=rule_version_id,
            self_reportable=self_reportable,
            value_points=value_points,
            version=version,
            self_report=self_report,
            self_report_weight=self_report_weight,
        )


        activity_type_out.additional_properties = d
        return activity_type_out

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
