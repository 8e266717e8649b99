from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="AssignmentOut")



@_attrs_define
class AssignmentOut:
    """ 
        Attributes:
            arm (str):
            pre_value (float):
            stratum (int):
            team_id (int | None):
            unit_id (int):
            user_id (int):
     """

    arm: str
    pre_value: float
    stratum: int
    team_id: int | None
    unit_id: int
    user_id: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        arm = self.arm

        pre_value = self.pre_value

        stratum = self.stratum

        team_id: int | None
        team_id = self.team_id

        unit_id = self.unit_id

        user_id = self.user_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "arm": arm,
            "pre_value": pre_value,
            "stratum": stratum,
            "team_id": team_id,
            "unit_id": unit_id,
            "user_id": user_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        arm = d.pop("arm")

        pre_value = d.pop("pre_value")

        stratum = d.pop("stratum")

        def _parse_team_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        team_id = _parse_team_id(d.pop("team_id"))


        unit_id = d.pop("unit_id")

        user_id = d.pop("user_id")

        assignment_out = cls(
            arm=arm,
            pre_value=pre_value,
            stratum=stratum,
            team_id=team_id,
            unit_id=unit_id,
            user_id=user_id,
        )


        assignment_out.additional_properties = d
        return assignment_out

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
