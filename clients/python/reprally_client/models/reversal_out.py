from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="ReversalOut")



@_attrs_define
class ReversalOut:
    """ 
        Attributes:
            activity_id (int):
            boards_updated (bool):
            points_reversed (int):
            reversal_entry_id (int):
            user_id (int):
     """

    activity_id: int
    boards_updated: bool
    points_reversed: int
    reversal_entry_id: int
    user_id: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        activity_id = self.activity_id

        boards_updated = self.boards_updated

        points_reversed = self.points_reversed

        reversal_entry_id = self.reversal_entry_id

        user_id = self.user_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "activity_id": activity_id,
            "boards_updated": boards_updated,
            "points_reversed": points_reversed,
            "reversal_entry_id": reversal_entry_id,
            "user_id": user_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        activity_id = d.pop("activity_id")

        boards_updated = d.pop("boards_updated")

        points_reversed = d.pop("points_reversed")

        reversal_entry_id = d.pop("reversal_entry_id")

        user_id = d.pop("user_id")

        reversal_out = cls(
            activity_id=activity_id,
            boards_updated=boards_updated,
            points_reversed=points_reversed,
            reversal_entry_id=reversal_entry_id,
            user_id=user_id,
        )


        reversal_out.additional_properties = d
        return reversal_out

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
