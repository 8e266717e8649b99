from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.badge_in_rule import BadgeInRule
from ..models.badge_in_rule import check_badge_in_rule
from ..models.badge_in_tier import BadgeInTier
from ..models.badge_in_tier import check_badge_in_tier
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.badge_in_params import BadgeInParams





T = TypeVar("T", bound="BadgeIn")



@_attrs_define
class BadgeIn:
    """ 
        Attributes:
            key (str):
            name (str):
            rule (BadgeInRule):
            description (str | Unset):  Default: ''.
            params (BadgeInParams | Unset):
            points (int | Unset):  Default: 0.
            repeatable (bool | Unset):  Default: False.
            tier (BadgeInTier | Unset):  Default: 'bronze'.
     """

    key: str
    name: str
    rule: BadgeInRule
    description: str | Unset = ''
    params: BadgeInParams | Unset = UNSET
    points: int | Unset = 0
    repeatable: bool | Unset = False
    tier: BadgeInTier | Unset = 'bronze'
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.badge_in_params import BadgeInParams # noqa: PLC0415
        key = self.key

        name = self.name

        rule: str = self.rule

        description = self.description

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        points = self.points

        repeatable = self.repeatable

        tier: str | Unset = UNSET
        if not isinstance(self.tier, Unset):
            tier = self.tier



        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "key": key,
            "name": name,
            "rule": rule,
        })
        if description is not UNSET:
            field_dict["description"] = description
        if params is not UNSET:
            field_dict["params"] = params
        if points is not UNSET:
            field_dict["points"] = points
        if repeatable is not UNSET:
            field_dict["repeatable"] = repeatable
        if tier is not UNSET:
            field_dict["tier"] = tier

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.badge_in_params import BadgeInParams # noqa: PLC0415
        d = dict(src_dict)
        key = d.pop("key")

        name = d.pop("name")

        rule = check_badge_in_rule(d.pop("rule"))




        description = d.pop("description", UNSET)

        _params = d.pop("params", UNSET)
        params: BadgeInParams | Unset
        if isinstance(_params,  Unset):
            params = UNSET
        else:
            params = BadgeInParams.from_dict(_params)




        points = d.pop("points", UNSET)

        repeatable = d.pop("repeatable", UNSET)

        _tier = d.pop("tier", UNSET)
        tier: BadgeInTier | Unset
        if isinstance(_tier,  Unset):
            tier = UNSET
        else:
            tier = check_badge_in_tier(_tier)




        badge_in = cls(
            key=key,
            name=name,
            rule=rule,
            description=description,
            params=params,
            points=points,
            repeatable=repeatable,
            tier=tier,
        )


        badge_in.additional_properties = d
        return badge_in

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
