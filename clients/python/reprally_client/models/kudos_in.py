from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="KudosIn")



@_attrs_define
class KudosIn:
    """ 
        Attributes:
            message (str):
            to_user_id (int):
            points (int | Unset):  Default: 0.
            value_tag (None | str | Unset):
     """

    message: str
    to_user_id: int
    points: int | Unset = 0
    value_tag: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        message = self.message

        to_user_id = self.to_user_id

        points = self.points

        value_tag: None | str | Unset
        if isinstance(self.value_tag, Unset):
            value_tag = UNSET
        else:
            value_tag = self.value_tag


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "message": message,
            "to_user_id": to_user_id,
        })
        if points is not UNSET:
            field_dict["points"] = points
        if value_tag is not UNSET:
            field_dict["value_tag"] = value_tag

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        message = d.pop("message")

        to_user_id = d.pop("to_user_id")

        points = d.pop("points", UNSET)

        def _parse_value_tag(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        value_tag = _parse_value_tag(d.pop("value_tag", UNSET))


        kudos_in = cls(
            message=message,
            to_user_id=to_user_id,
            points=points,
            value_tag=value_tag,
        )


        kudos_in.additional_properties = d
        return kudos_in

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
