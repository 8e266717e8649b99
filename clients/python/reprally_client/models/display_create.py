from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="DisplayCreate")



@_attrs_define
class DisplayCreate:
    """ 
        Attributes:
            name (str):
            boards (list[str] | None | Unset):
            rotate_seconds (int | Unset):  Default: 20.
     """

    name: str
    boards: list[str] | None | Unset = UNSET
    rotate_seconds: int | Unset = 20
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        name = self.name

        boards: list[str] | None | Unset
        if isinstance(self.boards, Unset):
            boards = UNSET
        elif isinstance(self.boards, list):
            boards = self.boards


        else:
            boards = self.boards

        rotate_seconds = self.rotate_seconds


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "name": name,
        })
        if boards is not UNSET:
            field_dict["boards"] = boards
        if rotate_seconds is not UNSET:
            field_dict["rotate_seconds"] = rotate_seconds

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        def _parse_boards(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                boards_type_0 = cast(list[str], data)

                return boards_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        boards = _parse_boards(d.pop("boards", UNSET))


        rotate_seconds = d.pop("rotate_seconds", UNSET)

        display_create = cls(
            name=name,
            boards=boards,
            rotate_seconds=rotate_seconds,
        )


        display_create.additional_properties = d
        return display_create

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
