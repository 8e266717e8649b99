from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="DisplayUpdate")



@_attrs_define
class DisplayUpdate:
    """ 
        Attributes:
            boards (list[str] | Unset):
            name (str | Unset):
            rotate_seconds (int | Unset):
     """

    boards: list[str] | Unset = UNSET
    name: str | Unset = UNSET
    rotate_seconds: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        boards: list[str] | Unset
        if isinstance(self.boards, Unset):
            boards = UNSET
        else:
            boards = self.boards




        name: str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        rotate_seconds: int | Unset
        if isinstance(self.rotate_seconds, Unset):
            rotate_seconds = UNSET
        else:
            rotate_seconds = self.rotate_seconds


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if boards is not UNSET:
            field_dict["boards"] = boards
        if name is not UNSET:
            field_dict["name"] = name
        if rotate_seconds is not UNSET:
            field_dict["rotate_seconds"] = rotate_seconds

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_boards(data: object) -> list[str] | Unset:
            if isinstance(data, Unset):
                return data
            if not isinstance(data, list):
                raise TypeError()
            boards_type_0 = cast(list[str], data)

            return boards_type_0

        boards = _parse_boards(d.pop("boards", UNSET))


        def _parse_name(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))


        def _parse_rotate_seconds(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        rotate_seconds = _parse_rotate_seconds(d.pop("rotate_seconds", UNSET))


        display_update = cls(
            boards=boards,
            name=name,
            rotate_seconds=rotate_seconds,
        )


        display_update.additional_properties = d
        return display_update

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
