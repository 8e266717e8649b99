from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.redemption_out import RedemptionOut





T = TypeVar("T", bound="RedemptionList")



@_attrs_define
class RedemptionList:
    """ 
        Attributes:
            next_before_id (int | None):
            redemptions (list[RedemptionOut]):
     """

    next_before_id: int | None
    redemptions: list[RedemptionOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.redemption_out import RedemptionOut # noqa: PLC0415
        next_before_id: int | None
        next_before_id = self.next_before_id

        redemptions = []
        for redemptions_item_data in self.redemptions:
            redemptions_item = redemptions_item_data.to_dict()
            redemptions.append(redemptions_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "next_before_id": next_before_id,
            "redemptions": redemptions,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.redemption_out import RedemptionOut # noqa: PLC0415
        d = dict(src_dict)
        def _parse_next_before_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        next_before_id = _parse_next_before_id(d.pop("next_before_id"))


        redemptions = []
        _redemptions = d.pop("redemptions")
        for redemptions_item_data in (_redemptions):
            redemptions_item = RedemptionOut.from_dict(redemptions_item_data)



            redemptions.append(redemptions_item)


        redemption_list = cls(
            next_before_id=next_before_id,
            redemptions=redemptions,
        )


        redemption_list.additional_properties = d
        return redemption_list

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
