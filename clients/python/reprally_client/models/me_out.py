from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.my_target_out import MyTargetOut
  from ..models.org_out import OrgOut
  from ..models.rank_out import RankOut
  from ..models.user_out import UserOut





T = TypeVar("T", bound="MeOut")



@_attrs_define
class MeOut:
    """ 
        Attributes:
            org (OrgOut):
            points_balance (int):
            rank_this_week (None | RankOut):
            rank_today (None | RankOut):
            user (UserOut):
            level (int | Unset):  Default: 1.
            targets (list[MyTargetOut] | Unset):
            xp (int | Unset):  Default: 0.
            xp_to_next (int | None | Unset):
     """

    org: OrgOut
    points_balance: int
    rank_this_week: None | RankOut
    rank_today: None | RankOut
    user: UserOut
    level: int | Unset = 1
    targets: list[MyTargetOut] | Unset = UNSET
    xp: int | Unset = 0
    xp_to_next: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.my_target_out import MyTargetOut # noqa: PLC0415
        from ..models.org_out import OrgOut # noqa: PLC0415
        from ..models.rank_out import RankOut # noqa: PLC0415
        from ..models.user_out import UserOut # noqa: PLC0415
        org = self.org.to_dict()

        points_balance = self.points_balance

        rank_this_week: dict[str, Any] | None
        if isinstance(self.rank_this_week, RankOut):
            rank_this_week = self.rank_this_week.to_dict()
        else:
            rank_this_week = self.rank_this_week

        rank_today: dict[str, Any] | None
        if isinstance(self.rank_today, RankOut):
            rank_today = self.rank_today.to_dict()
        else:
            rank_today = self.rank_today

        user = self.user.to_dict()

        level = self.level

        targets: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.targets, Unset):
            targets = []
            for targets_item_data in self.targets:
                targets_item = targets_item_data.to_dict()
                targets.append(targets_item)



        xp = self.xp

        xp_to_next: int | None | Unset
        if isinstance(self.xp_to_next, Unset):
            xp_to_next = UNSET
        else:
            xp_to_next = self.xp_to_next


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "org": org,
            "points_balance": points_balance,
            "rank_this_week": rank_this_week,
            "rank_today": rank_today,
            "user": user,
        })
        if level is not UNSET:
            field_dict["level"] = level
        if targets is not UNSET:
            field_dict["targets"] = targets
        if xp is not UNSET:
            field_dict["xp"] = xp
        if xp_to_next is not UNSET:
            field_dict["xp_to_next"] = xp_to_next

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.my_target_out import MyTargetOut # noqa: PLC0415
        from ..models.org_out import OrgOut # noqa: PLC0415
        from ..models.rank_out import RankOut # noqa: PLC0415
        from ..models.user_out import UserOut # noqa: PLC0415
        d = dict(src_dict)
        org = OrgOut.from_dict(d.pop("org"))




        points_balance = d.pop("points_balance")

        def _parse_rank_this_week(data: object) -> None | RankOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rank_this_week_type_0 = RankOut.from_dict(data)



                return rank_this_week_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RankOut, data)

        rank_this_week = _parse_rank_this_week(d.pop("rank_this_week"))


        def _parse_rank_today(data: object) -> None | RankOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rank_today_type_0 = RankOut.from_dict(data)



                return rank_today_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RankOut, data)

        rank_today = _parse_rank_today(d.pop("rank_today"))


        user = UserOut.from_dict(d.pop("user"))




        level = d.pop("level", UNSET)

        _targets = d.pop("targets", UNSET)
        targets: list[MyTargetOut] | Unset = UNSET
        if _targets is not UNSET:
            targets = []
            for targets_item_data in _targets:
                targets_item = MyTargetOut.from_dict(targets_item_data)



                targets.append(targets_item)


        xp = d.pop("xp", UNSET)

        def _parse_xp_to_next(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        xp_to_next = _parse_xp_to_next(d.pop("xp_to_next", UNSET))


        me_out = cls(
            org=org,
            points_balance=points_balance,
            rank_this_week=rank_this_week,
            rank_today=rank_today,
            user=user,
            level=level,
            targets=targets,
            xp=xp,
            xp_to_next=xp_to_next,
        )


        me_out.additional_properties = d
        return me_out

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
