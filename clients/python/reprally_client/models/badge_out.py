from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.badge_out_params import BadgeOutParams





T = TypeVar("T", bound="BadgeOut")



@_attrs_define
class BadgeOut:
    """ 
        Attributes:
            active (bool):
            description (str):
            id (int):
            key (str):
            name (str):
            params (BadgeOutParams):
            points (int):
            repeatable (bool):
            rule (str):
            tier (str):
     """

    active: bool
    description: str
    id: int
    key: str
    name: str
    params: BadgeOutParams
    points: int
    repeatable: bool
    rule: str
    tier: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.badge_out_params import BadgeOutParams # noqa: PLC0415
        active = self.active

        description = self.description

        id = self.id

        key = self.key

        name = self.name

        params = self.params.to_dict()

        points = self.points

        repeatable = self.repeatable

        rule = self.rule

        tier = self.tier


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "active": active,
            "description": description,
            "id": id,
            "key": key,
            "name": name,
            "params": params,
            "points": points,
            "repeatable": repeatable,
            "rule": rule,
            "tier": tier,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.badge_out_params import BadgeOutParams # noqa: PLC0415
        d = dict(src_dict)
        active = d.pop("active")

        description = d.pop("description")

        id = d.pop("id")

        key = d.pop("key")

        name = d.pop("name")

        params = BadgeOutParams.from_dict(d.pop("params"))




        points = d.pop("points")

        repeatable = d.pop("repeatable")

        rule = d.pop("rule")

        tier = d.pop("tier")

        badge_out = cls(
            active=active,
            description=description,
            id=id,
            key=key,
            name=name,
            params=params,
            points=points,
            repeatable=repeatable,
            rule=rule,
            tier=tier,
        )


        badge_out.additional_properties = d
        return badge_out

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
