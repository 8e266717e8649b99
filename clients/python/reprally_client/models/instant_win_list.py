from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.instant_win_out import InstantWinOut





T = TypeVar("T", bound="InstantWinList")



@_attrs_define
class InstantWinList:
    """ 
        Attributes:
            programs (list[InstantWinOut]):
     """

    programs: list[InstantWinOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.instant_win_out import InstantWinOut # noqa: PLC0415
        programs = []
        for programs_item_data in self.programs:
            programs_item = programs_item_data.to_dict()
            programs.append(programs_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "programs": programs,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.instant_win_out import InstantWinOut # noqa: PLC0415
        d = dict(src_dict)
        programs = []
        _programs = d.pop("programs")
        for programs_item_data in (_programs):
            programs_item = InstantWinOut.from_dict(programs_item_data)



            programs.append(programs_item)


        instant_win_list = cls(
            programs=programs,
        )


        instant_win_list.additional_properties = d
        return instant_win_list

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
