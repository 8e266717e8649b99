from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="MyLevelOut")



@_attrs_define
class MyLevelOut:
    """ 
        Attributes:
            level (int):
            level_xp (int):
            next_level_xp (int | None):
            tier (str):
            xp (int):
            xp_to_next (int | None):
     """

    level: int
    level_xp: int
    next_level_xp: int | None
    tier: str
    xp: int
    xp_to_next: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        level = self.level

        level_xp = self.level_xp

        next_level_xp: int | None
        next_level_xp = self.next_level_xp

        tier = self.tier

        xp = self.xp

        xp_to_next: int | None
        xp_to_next = self.xp_to_next


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "level": level,
            "level_xp": level_xp,
            "next_level_xp": next_level_xp,
            "tier": tier,
            "xp": xp,
            "xp_to_next": xp_to_next,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        level = d.pop("level")

        level_xp = d.pop("level_xp")

        def _parse_next_level_xp(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        next_level_xp = _parse_next_level_xp(d.pop("next_level_xp"))


        tier = d.pop("tier")

        xp = d.pop("xp")

        def _parse_xp_to_next(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        xp_to_next = _parse_xp_to_next(d.pop("xp_to_next"))


        my_level_out = cls(
            level=level,
            level_xp=level_xp,
            next_level_xp=next_level_xp,
            tier=tier,
            xp=xp,
            xp_to_next=xp_to_next,
        )


        my_level_out.additional_properties = d
        return my_level_out

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
