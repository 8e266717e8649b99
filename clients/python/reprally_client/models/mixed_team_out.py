from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.mixed_team_out_reps_per_arm import MixedTeamOutRepsPerArm





T = TypeVar("T", bound="MixedTeamOut")



@_attrs_define
class MixedTeamOut:
    """ 
        Attributes:
            reps_per_arm (MixedTeamOutRepsPerArm):
            team_id (int):
     """

    reps_per_arm: MixedTeamOutRepsPerArm
    team_id: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.mixed_team_out_reps_per_arm import MixedTeamOutRepsPerArm # noqa: PLC0415
        reps_per_arm = self.reps_per_arm.to_dict()

        team_id = self.team_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "reps_per_arm": reps_per_arm,
            "team_id": team_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.mixed_team_out_reps_per_arm import MixedTeamOutRepsPerArm # noqa: PLC0415
        d = dict(src_dict)
        reps_per_arm = MixedTeamOutRepsPerArm.from_dict(d.pop("reps_per_arm"))




        team_id = d.pop("team_id")

        mixed_team_out = cls(
            reps_per_arm=reps_per_arm,
            team_id=team_id,
        )


        mixed_team_out.additional_properties = d
        return mixed_team_out

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
