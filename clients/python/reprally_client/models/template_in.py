from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.template_in_metric import check_template_in_metric
from ..models.template_in_metric import TemplateInMetric
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="TemplateIn")



@_attrs_define
class TemplateIn:
    """ 
        Attributes:
            key (str):
            label (str):
            type_ (str):
            bonus_points (int | Unset):  Default: 10.
            max_target (int | Unset):  Default: 100.
            metric (TemplateInMetric | Unset):  Default: 'count'.
            min_target (int | Unset):  Default: 1.
            nudge_pct (int | Unset):  Default: 10.
            pinned (bool | Unset):  Default: False.
            team_id (int | None | Unset):
            user_id (int | None | Unset):
     """

    key: str
    label: str
    type_: str
    bonus_points: int | Unset = 10
    max_target: int | Unset = 100
    metric: TemplateInMetric | Unset = 'count'
    min_target: int | Unset = 1
    nudge_pct: int | Unset = 10
    pinned: bool | Unset = False
    team_id: int | None | Unset = UNSET
    user_id: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        key = self.key

        label = self.label

        type_ = self.type_

        bonus_points = self.bonus_points

        max_target = self.max_target

        metric: str | Unset = UNSET
        if not isinstance(self.metric, Unset):
            metric = self.metric


        min_target = self.min_target

        nudge_pct = self.nudge_pct

        pinned = self.pinned

        team_id: int | None | Unset
        if isinstance(self.team_id, Unset):
            team_id = UNSET
        else:
            team_id = self.team_id

        user_id: int | None | Unset
        if isinstance(self.user_id, Unset):
            user_id = UNSET
        else:
            user_id = self.user_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "key": key,
            "label": label,
            "type": type_,
        })
        if bonus_points is not UNSET:
            field_dict["bonus_points"] = bonus_points
        if max_target is not UNSET:
            field_dict["max_target"] = max_target
        if metric is not UNSET:
            field_dict["metric"] = metric
        if min_target is not UNSET:
            field_dict["min_target"] = min_target
        if nudge_pct is not UNSET:
            field_dict["nudge_pct"] = nudge_pct
        if pinned is not UNSET:
            field_dict["pinned"] = pinned
        if team_id is not UNSET:
            field_dict["team_id"] = team_id
        if user_id is not UNSET:
            field_dict["user_id"] = user_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        key = d.pop("key")

        label = d.pop("label")

        type_ = d.pop("type")

        bonus_points = d.pop("bonus_points", UNSET)

        max_target = d.pop("max_target", UNSET)

        _metric = d.pop("metric", UNSET)
        metric: TemplateInMetric | Unset
        if isinstance(_metric,  Unset):
            metric = UNSET
        else:
            metric = check_template_in_metric(_metric)




        min_target = d.pop("min_target", UNSET)

        nudge_pct = d.pop("nudge_pct", UNSET)

        pinned = d.pop("pinned", UNSET)

        def _parse_team_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        team_id = _parse_team_id(d.pop("team_id", UNSET))


        def _parse_user_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        user_id = _parse_user_id(d.pop("user_id", UNSET))


        template_in = cls(
            key=key,
            label=label,
            type_=type_,
            bonus_points=bonus_points,
            max_target=max_target,
            metric=metric,
            min_target=min_target,
            nudge_pct=nudge_pct,
            pinned=pinned,
            team_id=team_id,
            user_id=user_id,
        )


        template_in.additional_properties = d
        return template_in

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
