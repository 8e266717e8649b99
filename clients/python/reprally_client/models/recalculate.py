from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.contest_update import ContestUpdate





T = TypeVar("T", bound="Recalculate")



@_attrs_define
class Recalculate:
    """ 
        Attributes:
            reason (str):
            changes (ContestUpdate | Unset):
     """

    reason: str
    changes: ContestUpdate | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.contest_update import ContestUpdate # noqa: PLC0415
        reason = self.reason

        changes: dict[str, Any] | Unset = UNSET
        if not isinstance(self.changes, Unset):
            changes = self.changes.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "reason": reason,
        })
        if changes is not UNSET:
            field_dict["changes"] = changes

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contest_update import ContestUpdate # noqa: PLC0415
        d = dict(src_dict)
        reason = d.pop("reason")

        _changes = d.pop("changes", UNSET)
        changes: ContestUpdate | Unset
        if isinstance(_changes,  Unset):
            changes = UNSET
        else:
            changes = ContestUpdate.from_dict(_changes)




        recalculate = cls(
            reason=reason,
            changes=changes,
        )


        recalculate.additional_properties = d
        return recalculate

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
