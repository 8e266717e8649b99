from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.arm_out_program import ArmOutProgram





T = TypeVar("T", bound="ArmOut")



@_attrs_define
class ArmOut:
    """ 
        Attributes:
            name (str):
            program (ArmOutProgram):
            share (float):
     """

    name: str
    program: ArmOutProgram
    share: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.arm_out_program import ArmOutProgram # noqa: PLC0415
        name = self.name

        program = self.program.to_dict()

        share = self.share


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "name": name,
            "program": program,
            "share": share,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.arm_out_program import ArmOutProgram # noqa: PLC0415
        d = dict(src_dict)
        name = d.pop("name")

        program = ArmOutProgram.from_dict(d.pop("program"))




        share = d.pop("share")

        arm_out = cls(
            name=name,
            program=program,
            share=share,
        )


        arm_out.additional_properties = d
        return arm_out

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
