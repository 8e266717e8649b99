from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="StreakOut")



@_attrs_define
class StreakOut:
    """ 
        Attributes:
            at_risk (bool):
            best (int):
            combo_active (bool):
            combo_from (int):
            combo_pct (int):
            current (int):
            freezes (int):
            freezes_used (int):
            last_day (datetime.date | None):
            today_done (bool):
            today_working (bool):
            user_id (int):
     """

    at_risk: bool
    best: int
    combo_active: bool
    combo_from: int
    combo_pct: int
    current: int
    freezes: int
    freezes_used: int
    last_day: datetime.date | None
    today_done: bool
    today_working: bool
    user_id: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        at_risk = self.at_risk

        best = self.best

        combo_active = self.combo_active

        combo_from = self.combo_from

        combo_pct = self.combo_pct

        current = self.current

        freezes = self.freezes

        freezes_used = self.freezes_used

        last_day: None | str
        if isinstance(self.last_day, datetime.date):
            last_day = self.last_day.isoformat()
        else:
            last_day = self.last_day

        today_done = self.today_done

        today_working = self.today_working

        user_id = self.user_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "at_risk": at_risk,
            "best": best,
            "combo_active": combo_active,
            "combo_from": combo_from,
            "combo_pct": combo_pct,
            "current": current,
            "freezes": freezes,
            "freezes_used": freezes_used,
            "last_day": last_day,
            "today_done": today_done,
            "today_working": today_working,
            "user_id": user_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        at_risk = d.pop("at_risk")

        best = d.pop("best")

        combo_active = d.pop("combo_active")

        combo_from = d.pop("combo_from")

        combo_pct = d.pop("combo_pct")

        current = d.pop("current")

        freezes = d.pop("freezes")

        freezes_used = d.pop("freezes_used")

        def _parse_last_day(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_day_type_0 = datetime.date.fromisoformat(data)



                return last_day_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        last_day = _parse_last_day(d.pop("last_day"))


        today_done = d.pop("today_done")

        today_working = d.pop("today_working")

        user_id = d.pop("user_id")

        streak_out = cls(
            at_risk=at_risk,
            best=best,
            combo_active=combo_active,
            combo_from=combo_from,
            combo_pct=combo_pct,
            current=current,
            freezes=freezes,
            freezes_used=freezes_used,
            last_day=last_day,
            today_done=today_done,
            today_working=today_working,
            user_id=user_id,
        )


        streak_out.additional_properties = d
        return streak_out

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
