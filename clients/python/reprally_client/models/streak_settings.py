from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="StreakSettings")



@_attrs_define
class StreakSettings:
    """ 
        Attributes:
            all_done_bonus (int):
            at_risk_hour (int):
            combo_from (int):
            combo_pct (int):
            enabled (bool):
            freeze_every (int):
            grace_hours (int):
            holidays (list[str]):
            max_freezes (int):
            min_units (int):
            mission_start_hour (int):
            missions_per_day (int):
            qualifying_types (list[str]):
            workdays (list[int]):
     """

    all_done_bonus: int
    at_risk_hour: int
    combo_from: int
    combo_pct: int
    enabled: bool
    freeze_every: int
    grace_hours: int
    holidays: list[str]
    max_freezes: int
    min_units: int
    mission_start_hour: int
    missions_per_day: int
    qualifying_types: list[str]
    workdays: list[int]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        all_done_bonus = self.all_done_bonus

        at_risk_hour = self.at_risk_hour

        combo_from = self.combo_from

        combo_pct = self.combo_pct

        enabled = self.enabled

        freeze_every = self.freeze_every

        grace_hours = self.grace_hours

        holidays = self.holidays



        max_freezes = self.max_freezes

        min_units = self.min_units

        mission_start_hour = self.mission_start_hour

        missions_per_day = self.missions_per_day

        qualifying_types = self.qualifying_types



        workdays = self.workdays




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "all_done_bonus": all_done_bonus,
            "at_risk_hour": at_risk_hour,
            "combo_from": combo_from,
            "combo_pct": combo_pct,
            "enabled": enabled,
            "freeze_every": freeze_every,
            "grace_hours": grace_hours,
            "holidays": holidays,
            "max_freezes": max_freezes,
            "min_units": min_units,
            "mission_start_hour": mission_start_hour,
            "missions_per_day": missions_per_day,
            "qualifying_types": qualifying_types,
            "workdays": workdays,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        all_done_bonus = d.pop("all_done_bonus")

        at_risk_hour = d.pop("at_risk_hour")

        combo_from = d.pop("combo_from")

        combo_pct = d.pop("combo_pct")

        enabled = d.pop("enabled")

        freeze_every = d.pop("freeze_every")

        grace_hours = d.pop("grace_hours")

        holidays = cast(list[str], d.pop("holidays"))


        max_freezes = d.pop("max_freezes")

        min_units = d.pop("min_units")

        mission_start_hour = d.pop("mission_start_hour")

        missions_per_day = d.pop("missions_per_day")

        qualifying_types = cast(list[str], d.pop("qualifying_types"))


        workdays = cast(list[int], d.pop("workdays"))


        streak_settings = cls(
            all_done_bonus=all_done_bonus,
            at_risk_hour=at_risk_hour,
            combo_from=combo_from,
            combo_pct=combo_pct,
            enabled=enabled,
            freeze_every=freeze_every,
            grace_hours=grace_hours,
            holidays=holidays,
            max_freezes=max_freezes,
            min_units=min_units,
            mission_start_hour=mission_start_hour,
            missions_per_day=missions_per_day,
            qualifying_types=qualifying_types,
            workdays=workdays,
        )


        streak_settings.additional_properties = d
        return streak_settings

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
