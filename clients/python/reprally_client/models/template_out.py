from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="TemplateOut")



@_attrs_define
class TemplateOut:
    """ 
        Attributes:
            active (bool):
            bonus_points (int):
            id (int):
            key (str):
            label (str):
            max_target (int):
            metric (str):
            min_target (int):
            nudge_pct (int):
            pinned (bool):
            team_id (int | None):
            type_ (str):
            user_id (int | None):
     """

    active: bool
    bonus_points: int
    id: int
    key: str
    label: str
    max_target: int
    metric: str
    min_target: int
    nudge_pct: int
    pinned: bool
    team_id: int | None
    type_: str
    user_id: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        active = self.active

        bonus_points = self.bonus_points

        id = self.id

        key = self.key

        label = self.label

        max_target = self.max_target

        metric = self.metric

        min_target = self.min_target

        nudge_pct = self.nudge_pct

        pinned = self.pinned

        team_id: int | None
        team_id = self.team_id

        type_ = self.type_

        user_id: int | None
        user_id = self.user_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "active": active,
            "bonus_points": bonus_points,
            "id": id,
            "key": key,
            "label": label,
            "max_target": max_target,
            "metric": metric,
            "min_target": min_target,
            "nudge_pct": nudge_pct,
            "pinned": pinned,
            "team_id": team_id,
            "type": type_,
            "user_id": user_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        active = d.pop("active")

        bonus_points = d.pop("bonus_points")

        id = d.pop("id")

        key = d.pop("key")

        label = d.pop("label")

        max_target = d.pop("max_target")

        metric = d.pop("metric")

        min_target = d.pop("min_target")

        nudge_pct = d.pop("nudge_pct")

        pinned = d.pop("pinned")

        def _parse_team_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        team_id = _parse_team_id(d.pop("team_id"))


        type_ = d.pop("type")

        def _parse_user_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        user_id = _parse_user_id(d.pop("user_id"))


        template_out = cls(
            active=active,
            bonus_points=bonus_points,
            id=id,
            key=key,
            label=label,
            max_target=max_target,
            metric=metric,
            min_target=min_target,
            nudge_pct=nudge_pct,
            pinned=pinned,
            team_id=team_id,
            type_=type_,
            user_id=user_id,
        )


        template_out.additional_properties = d
        return template_out

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
