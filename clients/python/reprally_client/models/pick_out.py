from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="PickOut")



@_attrs_define
class PickOut:
    """ 
        Attributes:
            auto (bool):
            display_name (None | str):
            pick_no (int):
            picked_at (datetime.datetime):
            round_ (int):
            team_id (int):
            user_id (int):
     """

    auto: bool
    display_name: None | str
    pick_no: int
    picked_at: datetime.datetime
    round_: int
    team_id: int
    user_id: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        auto = self.auto

        display_name: None | str
        display_name = self.display_name

        pick_no = self.pick_no

        picked_at = self.picked_at.isoformat()

        round_ = self.round_

        team_id = self.team_id

        user_id = self.user_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "auto": auto,
            "display_name": display_name,
            "pick_no": pick_no,
            "picked_at": picked_at,
            "round": round_,
            "team_id": team_id,
            "user_id": user_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        auto = d.pop("auto")

        def _parse_display_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        display_name = _parse_display_name(d.pop("display_name"))


        pick_no = d.pop("pick_no")

        picked_at = datetime.datetime.fromisoformat(d.pop("picked_at"))




        round_ = d.pop("round")

        team_id = d.pop("team_id")

        user_id = d.pop("user_id")

        pick_out = cls(
            auto=auto,
            display_name=display_name,
            pick_no=pick_no,
            picked_at=picked_at,
            round_=round_,
            team_id=team_id,
            user_id=user_id,
        )


        pick_out.additional_properties = d
        return pick_out

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
