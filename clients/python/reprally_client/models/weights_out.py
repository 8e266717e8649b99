from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.weights_out_activity_xp import WeightsOutActivityXp
  from ..models.weights_out_bonus_xp import WeightsOutBonusXp





T = TypeVar("T", bound="WeightsOut")



@_attrs_define
class WeightsOut:
    """ 
        Attributes:
            activity_xp (WeightsOutActivityXp):
            bonus_xp (WeightsOutBonusXp):
            per_point (int):
     """

    activity_xp: WeightsOutActivityXp
    bonus_xp: WeightsOutBonusXp
    per_point: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.weights_out_activity_xp import WeightsOutActivityXp # noqa: PLC0415
        from ..models.weights_out_bonus_xp import WeightsOutBonusXp # noqa: PLC0415
        activity_xp = self.activity_xp.to_dict()

        bonus_xp = self.bonus_xp.to_dict()

        per_point = self.per_point


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "activity_xp": activity_xp,
            "bonus_xp": bonus_xp,
            "per_point": per_point,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.weights_out_activity_xp import WeightsOutActivityXp # noqa: PLC0415
        from ..models.weights_out_bonus_xp import WeightsOutBonusXp # noqa: PLC0415
        d = dict(src_dict)
        activity_xp = WeightsOutActivityXp.from_dict(d.pop("activity_xp"))




        bonus_xp = WeightsOutBonusXp.from_dict(d.pop("bonus_xp"))




        per_point = d.pop("per_point")

        weights_out = cls(
            activity_xp=activity_xp,
            bonus_xp=bonus_xp,
            per_point=per_point,
        )


        weights_out.additional_properties = d
        return weights_out

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
