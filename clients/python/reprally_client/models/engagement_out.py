from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.day_count_out import DayCountOut
  from ..models.rep_engagement_out import RepEngagementOut
  from ..models.week_out import WeekOut





T = TypeVar("T", bound="EngagementOut")



@_attrs_define
class EngagementOut:
    """ 
        Attributes:
            active_today (int | None):
            dau (float | None):
            dau_wau (float | None):
            days (list[DayCountOut]):
            per_rep (list[RepEngagementOut]):
            reps (int):
            wau (int):
            weekly (list[WeekOut]):
     """

    active_today: int | None
    dau: float | None
    dau_wau: float | None
    days: list[DayCountOut]
    per_rep: list[RepEngagementOut]
    reps: int
    wau: int
    weekly: list[WeekOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.day_count_out import DayCountOut # noqa: PLC0415
        from ..models.rep_engagement_out import RepEngagementOut # noqa: PLC0415
        from ..models.week_out import WeekOut # noqa: PLC0415
        active_today: int | None
        active_today = self.active_today

        dau: float | None
        dau = self.dau

        dau_wau: float | None
        dau_wau = self.dau_wau

        days = []
        for days_item_data in self.days:
            days_item = days_item_data.to_dict()
            days.append(days_item)



        per_rep = []
        for per_rep_item_data in self.per_rep:
            per_rep_item = per_rep_item_data.to_dict()
            per_rep.append(per_rep_item)



        reps = self.reps

        wau = self.wau

        weekly = []
        for weekly_item_data in self.weekly:
            weekly_item = weekly_item_data.to_dict()
            weekly.append(weekly_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "active_today": active_today,
            "dau": dau,
            "dau_wau": dau_wau,
            "days": days,
            "per_rep": per_rep,
            "reps": reps,
            "wau": wau,
            "weekly": weekly,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.day_count_out import DayCountOut # noqa: PLC0415
        from ..models.rep_engagement_out import RepEngagementOut # noqa: PLC0415
        from ..models.week_out import WeekOut # noqa: PLC0415
        d = dict(src_dict)
        def _parse_active_today(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        active_today = _parse_active_today(d.pop("active_today"))


        def _parse_dau(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        dau = _parse_dau(d.pop("dau"))


        def _parse_dau_wau(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        dau_wau = _parse_dau_wau(d.pop("dau_wau"))


        days = []
        _days = d.pop("days")
        for days_item_data in (_days):
            days_item = DayCountOut.from_dict(days_item_data)



            days.append(days_item)


        per_rep = []
        _per_rep = d.pop("per_rep")
        for per_rep_item_data in (_per_rep):
            per_rep_item = RepEngagementOut.from_dict(per_rep_item_data)



            per_rep.append(per_rep_item)


        reps = d.pop("reps")

        wau = d.pop("wau")

        weekly = []
        _weekly = d.pop("weekly")
        for weekly_item_data in (_weekly):
            weekly_item = WeekOut.from_dict(weekly_item_data)



            weekly.append(weekly_item)


        engagement_out = cls(
            active_today=active_today,
            dau=dau,
            dau_wau=dau_wau,
            days=days,
            per_rep=per_rep,
            reps=reps,
            wau=wau,
            weekly=weekly,
        )


        engagement_out.additional_properties = d
        return engagement_out

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
