from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.contest_out import ContestOut





T = TypeVar("T", bound="ContestList")



@_attrs_define
class ContestList:
    """ 
        Attributes:
            contests (list[ContestOut]):
            total (int):
     """

    contests: list[ContestOut]
    total: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.contest_out import ContestOut # noqa: PLC0415
        contests = []
        for contests_item_data in self.contests:
            contests_item = contests_item_data.to_dict()
            contests.append(contests_item)



        total = self.total


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "contests": contests,
            "total": total,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contest_out import ContestOut # noqa: PLC0415
        d = dict(src_dict)
        contests = []
        _contests = d.pop("contests")
        for contests_item_data in (_contests):
            contests_item = ContestOut.from_dict(contests_item_data)



            contests.append(contests_item)


        total = d.pop("total")

        contest_list = cls(
            contests=contests,
            total=total,
        )


        contest_list.additional_properties = d
        return contest_list

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
