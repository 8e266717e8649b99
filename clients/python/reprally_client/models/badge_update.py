from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.badge_update_tier_type_0 import BadgeUpdateTierType0
from ..models.badge_update_tier_type_0 import check_badge_update_tier_type_0
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.badge_update_params_type_0 import BadgeUpdateParamsType0





T = TypeVar("T", bound="BadgeUpdate")



@_attrs_define
class BadgeUpdate:
    """ 
        Attributes:
            active (bool | Unset):
            description (str | Unset):
            name (str | Unset):
            params (BadgeUpdateParamsType0 | Unset):
            points (int | Unset):
            repeatable (bool | Unset):
            tier (BadgeUpdateTierType0 | Unset):
     """

    active: bool | Unset = UNSET
    description: str | Unset = UNSET
    name: str | Unset = UNSET
    params: BadgeUpdateParamsType0 | Unset = UNSET
    points: int | Unset = UNSET
    repeatable: bool | Unset = UNSET
    tier: BadgeUpdateTierType0 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.badge_update_params_type_0 import BadgeUpdateParamsType0 # noqa: PLC0415
        active: bool | Unset
        if isinstance(self.active, Unset):
            active = UNSET
        else:
            active = self.active

        description: str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        name: str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        params: dict[str, Any] | Unset
        if isinstance(self.params, Unset):
            params = UNSET
        else:
            params = self.params.to_dict()


        points: int | Unset
        if isinstance(self.points, Unset):
            points = UNSET
        else:
            points = self.points

        repeatable: bool | Unset
        if isinstance(self.repeatable, Unset):
            repeatable = UNSET
        else:
            repeatable = self.repeatable

        tier: str | Unset
        if isinstance(self.tier, Unset):
            tier = UNSET
        else:
            tier = self.tier



        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if active is not UNSET:
            field_dict["active"] = active
        if description is not UNSET:
            field_dict["description"] = description
        if name is not UNSET:
            field_dict["name"] = name
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
        from ..models.badge_update_params_type_0 import BadgeUpdateParamsType0 # noqa: PLC0415
        d = dict(src_dict)
        def _parse_active(data: object) -> bool | Unset:
            if isinstance(data, Unset):
                return data
            return cast(bool | Unset, data)

        active = _parse_active(d.pop("active", UNSET))


        def _parse_description(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))


        def _parse_name(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))


        def _parse_params(data: object) -> BadgeUpdateParamsType0 | Unset:
            if isinstance(data, Unset):
                return data
            if not isinstance(data, dict):
                raise TypeError()
            params_type_0 = BadgeUpdateParamsType0.from_dict(data)



            return params_type_0

        params = _parse_params(d.pop("params", UNSET))


        def _parse_points(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        points = _parse_points(d.pop("points", UNSET))


        def _parse_repeatable(data: object) -> bool | Unset:
            if isinstance(data, Unset):
                return data
            return cast(bool | Unset, data)

        repeatable = _parse_repeatable(d.pop("repeatable", UNSET))


        def _parse_tier(data: object) -> BadgeUpdateTierType0 | Unset:
            if isinstance(data, Unset):
                return data
            if not isinstance(data, str):
                raise TypeError()
            tier_type_0 = check_badge_update_tier_type_0(data)



            return tier_type_0

        tier = _parse_tier(d.pop("tier", UNSET))


        badge_update = cls(
            active=active,
            description=description,
            name=name,
            params=params,
            points=points,
            repeatable=repeatable,
            tier=tier,
        )


        badge_update.additional_properties = d
        return badge_update

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
