from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="TemplateUpdate")



@_attrs_define
class TemplateUpdate:
    """ 
        Attributes:
            active (bool | Unset):
            bonus_points (int | Unset):
            label (str | Unset):
            max_target (int | Unset):
            min_target (int | Unset):
            nudge_pct (int | Unset):
            pinned (bool | Unset):
     """

    active: bool | Unset = UNSET
    bonus_points: int | Unset = UNSET
    label: str | Unset = UNSET
    max_target: int | Unset = UNSET
    min_target: int | Unset = UNSET
    nudge_pct: int | Unset = UNSET
    pinned: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        active: bool | Unset
        if isinstance(self.active, Unset):
            active = UNSET
        else:
            active = self.active

        bonus_points: int | Unset
        if isinstance(self.bonus_points, Unset):
            bonus_points = UNSET
        else:
            bonus_points = self.bonus_points

        label: str | Unset
        if isinstance(self.label, Unset):
            label = UNSET
        else:
            label = self.label

        max_target: int | Unset
        if isinstance(self.max_target, Unset):
            max_target = UNSET
        else:
            max_target = self.max_target

        min_target: int | Unset
        if isinstance(self.min_target, Unset):
            min_target = UNSET
        else:
            min_target = self.min_target

        nudge_pct: int | Unset
        if isinstance(self.nudge_pct, Unset):
            nudge_pct = UNSET
        else:
            nudge_pct = self.nudge_pct

        pinned: bool | Unset
        if isinstance(self.pinned, Unset):
            pinned = UNSET
        else:
            pinned = self.pinned


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if active is not UNSET:
            field_dict["active"] = active
        if bonus_points is not UNSET:
            field_dict["bonus_points"] = bonus_points
        if label is not UNSET:
            field_dict["label"] = label
        if max_target is not UNSET:
            field_dict["max_target"] = max_target
        if min_target is not UNSET:
            field_dict["min_target"] = min_target
        if nudge_pct is not UNSET:
            field_dict["nudge_pct"] = nudge_pct
        if pinned is not UNSET:
            field_dict["pinned"] = pinned

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_active(data: object) -> bool | Unset:
            if isinstance(data, Unset):
                return data
            return cast(bool | Unset, data)

        active = _parse_active(d.pop("active", UNSET))


        def _parse_bonus_points(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        bonus_points = _parse_bonus_points(d.pop("bonus_points", UNSET))


        def _parse_label(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        label = _parse_label(d.pop("label", UNSET))


        def _parse_max_target(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        max_target = _parse_max_target(d.pop("max_target", UNSET))


        def _parse_min_target(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        min_target = _parse_min_target(d.pop("min_target", UNSET))


        def _parse_nudge_pct(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        nudge_pct = _parse_nudge_pct(d.pop("nudge_pct", UNSET))


        def _parse_pinned(data: object) -> bool | Unset:
            if isinstance(data, Unset):
                return data
            return cast(bool | Unset, data)

        pinned = _parse_pinned(d.pop("pinned", UNSET))


        template_update = cls(
            active=active,
            bonus_points=bonus_points,
            label=label,
            max_target=max_target,
            min_target=min_target,
            nudge_pct=nudge_pct,
            pinned=pinned,
        )


        template_update.additional_properties = d
        return template_update

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
