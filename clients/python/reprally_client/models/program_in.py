from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset






T = TypeVar("T", bound="ProgramIn")



@_attrs_define
class ProgramIn:
    """ 
        Attributes:
            instant_wins (bool | Unset):  Default: True.
            missions (bool | Unset):  Default: True.
     """

    instant_wins: bool | Unset = True
    missions: bool | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        instant_wins = self.instant_wins

        missions = self.missions


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if instant_wins is not UNSET:
            field_dict["instant_wins"] = instant_wins
        if missions is not UNSET:
            field_dict["missions"] = missions

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        instant_wins = d.pop("instant_wins", UNSET)

        missions = d.pop("missions", UNSET)

        program_in = cls(
            instant_wins=instant_wins,
            missions=missions,
        )


        program_in.additional_properties = d
        return program_in

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
