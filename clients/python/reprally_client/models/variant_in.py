from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.program_in import ProgramIn





T = TypeVar("T", bound="VariantIn")



@_attrs_define
class VariantIn:
    """ 
        Attributes:
            name (str):
            program (ProgramIn):
     """

    name: str
    program: ProgramIn
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.program_in import ProgramIn # noqa: PLC0415
        name = self.name

        program = self.program.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "name": name,
            "program": program,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.program_in import ProgramIn # noqa: PLC0415
        d = dict(src_dict)
        name = d.pop("name")

        program = ProgramIn.from_dict(d.pop("program"))




        variant_in = cls(
            name=name,
            program=program,
        )


        variant_in.additional_properties = d
        return variant_in

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
