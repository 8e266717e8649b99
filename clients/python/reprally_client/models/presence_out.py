from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="PresenceOut")



@_attrs_define
class PresenceOut:
    """ 
        Attributes:
            admins (int):
            displays (int):
            managers (int):
            reps (int):
     """

    admins: int
    displays: int
    managers: int
    reps: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        admins = self.admins

        displays = self.displays

        managers = self.managers

        reps = self.reps


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "admins": admins,
            "displays": displays,
            "managers": managers,
            "reps": reps,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        admins = d.pop("admins")

        displays = d.pop("displays")

        managers = d.pop("managers")

        reps = d.pop("reps")

        presence_out = cls(
            admins=admins,
            displays=displays,
            managers=managers,
            reps=reps,
        )


        presence_out.additional_properties = d
        return presence_out

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
