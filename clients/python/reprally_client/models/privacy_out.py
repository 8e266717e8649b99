from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.mode_out import ModeOut
  from ..models.scoped_mode_out import ScopedModeOut





T = TypeVar("T", bound="PrivacyOut")



@_attrs_define
class PrivacyOut:
    """ 
        Attributes:
            boards (list[ScopedModeOut]):
            displays (list[ScopedModeOut]):
            hidden_from_tv (int):
            org (ModeOut):
            teams (list[ScopedModeOut]):
     """

    boards: list[ScopedModeOut]
    displays: list[ScopedModeOut]
    hidden_from_tv: int
    org: ModeOut
    teams: list[ScopedModeOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.mode_out import ModeOut # noqa: PLC0415
        from ..models.scoped_mode_out import ScopedModeOut # noqa: PLC0415
        boards = []
        for boards_item_data in self.boards:
            boards_item = boards_item_data.to_dict()
            boards.append(boards_item)



        displays = []
        for displays_item_data in self.displays:
            displays_item = displays_item_data.to_dict()
            displays.append(displays_item)



        hidden_from_tv = self.hidden_from_tv

        org = self.org.to_dict()

        teams = []
        for teams_item_data in self.teams:
            teams_item = teams_item_data.to_dict()
            teams.append(teams_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "boards": boards,
            "displays": displays,
            "hidden_from_tv": hidden_from_tv,
            "org": org,
            "teams": teams,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.mode_out import ModeOut # noqa: PLC0415
        from ..models.scoped_mode_out import ScopedModeOut # noqa: PLC0415
        d = dict(src_dict)
        boards = []
        _boards = d.pop("boards")
        for boards_item_data in (_boards):
            boards_item = ScopedModeOut.from_dict(boards_item_data)



            boards.append(boards_item)


        displays = []
        _displays = d.pop("displays")
        for displays_item_data in (_displays):
            displays_item = ScopedModeOut.from_dict(displays_item_data)



            displays.append(displays_item)


        hidden_from_tv = d.pop("hidden_from_tv")

        org = ModeOut.from_dict(d.pop("org"))




        teams = []
        _teams = d.pop("teams")
        for teams_item_data in (_teams):
            teams_item = ScopedModeOut.from_dict(teams_item_data)



            teams.append(teams_item)


        privacy_out = cls(
            boards=boards,
            displays=displays,
            hidden_from_tv=hidden_from_tv,
            org=org,
            teams=teams,
        )


        privacy_out.additional_properties = d
        return privacy_out

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
