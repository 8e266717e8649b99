from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="CountedOut")



@_attrs_define
class CountedOut:
    """ 
        Attributes:
            activity_id (int | None):
            amount (int):
            occurred_at (str):
            reversed_ (bool):
            type_ (None | str):
     """

    activity_id: int | None
    amount: int
    occurred_at: str
    reversed_: bool
    type_: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        activity_id: int | None
        activity_id = self.activity_id

        amount = self.amount

        occurred_at = self.occurred_at

        reversed_ = self.reversed_

        type_: None | str
        type_ = self.type_


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "activity_id": activity_id,
            "amount": amount,
            "occurred_at": occurred_at,
            "reversed": reversed_,
            "type": type_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_activity_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        activity_id = _parse_activity_id(d.pop("activity_id"))


        amount = d.pop("amount")

        occurred_at = d.pop("occurred_at")

        reversed_ = d.pop("reversed")

        def _parse_type_(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        type_ = _parse_type_(d.pop("type"))


        counted_out = cls(
            activity_id=activity_id,
            amount=amount,
            occurred_at=occurred_at,
            reversed_=reversed_,
            type_=type_,
        )


        counted_out.additional_properties = d
        return counted_out

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
