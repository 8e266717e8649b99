from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.award_out import AwardOut





T = TypeVar("T", bound="ProfileOut")



@_attrs_define
class ProfileOut:
    """ 
        Attributes:
            badges (list[AwardOut]):
            display_name (str):
            missions_completed (int):
            streak_best (int):
            streak_current (int):
            team_id (int | None):
            user_id (int):
     """

    badges: list[AwardOut]
    display_name: str
    missions_completed: int
    streak_best: int
    streak_current: int
    team_id: int | None
    user_id: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.award_out import AwardOut # noqa: PLC0415
        badges = []
        for badges_item_data in self.badges:
            badges_item = badges_item_data.to_dict()
            badges.append(badges_item)



        display_name = self.display_name

        missions_completed = self.missions_completed

        streak_best = self.streak_best

        streak_current = self.streak_current

        team_id: int | None
        team_id = self.team_id

        user_id = self.user_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "badges": badges,
            "display_name": display_name,
            "missions_completed": missions_completed,
            "streak_best": streak_best,
            "streak_current": streak_current,
            "team_id": team_id,
            "user_id": user_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.award_out import AwardOut # noqa: PLC0415
        d = dict(src_dict)
        badges = []
        _badges = d.pop("badges")
        for badges_item_data in (_badges):
            badges_item = AwardOut.from_dict(badges_item_data)



            badges.append(badges_item)


        display_name = d.pop("display_name")

        missions_completed = d.pop("missions_completed")

        streak_best = d.pop("streak_best")

        streak_current = d.pop("streak_current")

        def _parse_team_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        team_id = _parse_team_id(d.pop("team_id"))


        user_id = d.pop("user_id")

        profile_out = cls(
            badges=badges,
            display_name=display_name,
            missions_completed=missions_completed,
            streak_best=streak_best,
            streak_current=streak_current,
            team_id=team_id,
            user_id=user_id,
        )


        profile_out.additional_properties = d
        return profile_out

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
