from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.weights_in_activity_xp import WeightsInActivityXp
  from ..models.weights_in_bonus_xp import WeightsInBonusXp





T = TypeVar("T", bound="WeightsIn")



@_attrs_define
class WeightsIn:
    """ 
        Attributes:
            activity_xp (WeightsInActivityXp | Unset):
            bonus_xp (WeightsInBonusXp | Unset):
            per_point (int | Unset):  Default: 1.
     """

    activity_xp: WeightsInActivityXp | Unset = UNSET
    bonus_xp: WeightsInBonusXp | Unset = UNSET
    per_point: int | Unset = 1
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.weights_in_activity_xp import WeightsInActivityXp # noqa: PLC0415
        from ..models.weights_in_bonus_xp import WeightsInBonusXp # noqa: PLC0415
        activity_xp: dict[str, Any] | Unset = UNSET
        if not isinstance(self.activity_xp, Unset):
            activity_xp = self.activity_xp.to_dict()

        bonus_xp: dict[str, Any] | Unset = UNSET
        if not isinstance(self.bonus_xp, Unset):
            bonus_xp = self.bonus_xp.to_dict()

        per_point = self.per_point


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if activity_xp is not UNSET:
            field_dict["activity_xp"] = activity_xp
        if bonus_xp is not UNSET:
            field_dict["bonus_xp"] = bonus_xp
        if per_point is not UNSET:
            field_dict["per_point"] = per_point

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.weights_in_activity_xp import WeightsInActivityXp # noqa: PLC0415
        from ..models.weights_in_bonus_xp import WeightsInBonusXp # noqa: PLC0415
        d = dict(src_dict)
        _activity_xp = d.pop("activity_xp", UNSET)
        activity_xp: WeightsInActivityXp | Unset
        if isinstance(_activity_xp,  Unset):
            activity_xp = UNSET
        else:
            activity_xp = WeightsInActivityXp.from_dict(_activity_xp)




        _bonus_xp = d.pop("bonus_xp", UNSET)
        bonus_xp: WeightsInBonusXp | Unset
        if isinstance(_bonus_xp,  Unset):
            bonus_xp = UNSET
        else:
            bonus_xp = WeightsInBonusXp.from_dict(_bonus_xp)




        per_point = d.pop("per_point", UNSET)

        weights_in = cls(
            activity_xp=activity_xp,
            bonus_xp=bonus_xp,
            per_point=per_point,
        )


        weights_in.additional_properties = d
        return weights_in

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
