from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="StreakSettingsUpdate")



@_attrs_define
class StreakSettingsUpdate:
    """ 
        Attributes:
            all_done_bonus (int | Unset):
            at_risk_hour (int | Unset):
            combo_from (int | Unset):
            combo_pct (int | Unset):
            enabled (bool | Unset):
            freeze_every (int | Unset):
            grace_hours (int | Unset):
            holidays (list[str] | Unset):
            max_freezes (int | Unset):
            min_units (int | Unset):
            mission_start_hour (int | Unset):
            missions_per_day (int | Unset):
            qualifying_types (list[str] | Unset):
            workdays (list[int] | Unset):
     """

    all_done_bonus: int | Unset = UNSET
    at_risk_hour: int | Unset = UNSET
    combo_from: int | Unset = UNSET
    combo_pct: int | Unset = UNSET
    enabled: bool | Unset = UNSET
    freeze_every: int | Unset = UNSET
    grace_hours: int | Unset = UNSET
    holidays: list[str] | Unset = UNSET
    max_freezes: int | Unset = UNSET
    min_units: int | Unset = UNSET
    mission_start_hour: int | Unset = UNSET
    missions_per_day: int | Unset = UNSET
    qualifying_types: list[str] | Unset = UNSET
    workdays: list[int] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        all_done_bonus: int | Unset
        if isinstance(self.all_done_bonus, Unset):
            all_done_bonus = UNSET
        else:
            all_done_bonus = self.all_done_bonus

        at_risk_hour: int | Unset
        if isinstance(self.at_risk_hour, Unset):
            at_risk_hour = UNSET
        else:
            at_risk_hour = self.at_risk_hour

        combo_from: int | Unset
        if isinstance(self.combo_from, Unset):
            combo_from = UNSET
        else:
            combo_from = self.combo_from

        combo_pct: int | Unset
        if isinstance(self.combo_pct, Unset):
            combo_pct = UNSET
        else:
            combo_pct = self.combo_pct

        enabled: bool | Unset
        if isinstance(self.enabled, Unset):
            enabled = UNSET
        else:
            enabled = self.enabled

        freeze_every: int | Unset
        if isinstance(self.freeze_every, Unset):
            freeze_every = UNSET
        else:
            freeze_every = self.freeze_every

        grace_hours: int | Unset
        if isinstance(self.grace_hours, Unset):
            grace_hours = UNSET
        else:
            grace_hours = self.grace_hours

        holidays: list[str] | Unset
        if isinstance(self.holidays, Unset):
            holidays = UNSET
        else:
            holidays = self.holidays




        max_freezes: int | Unset
        if isinstance(self.max_freezes, Unset):
            max_freezes = UNSET
        else:
            max_freezes = self.max_freezes

        min_units: int | Unset
        if isinstance(self.min_units, Unset):
            min_units = UNSET
        else:
            min_units = self.min_units

        mission_start_hour: int | Unset
        if isinstance(self.mission_start_hour, Unset):
            mission_start_hour = UNSET
        else:
            mission_start_hour = self.mission_start_hour

        missions_per_day: int | Unset
        if isinstance(self.missions_per_day, Unset):
            missions_per_day = UNSET
        else:
            missions_per_day = self.missions_per_day

        qualifying_types: list[str] | Unset
        if isinstance(self.qualifying_types, Unset):
            qualifying_types = UNSET
        else:
            qualifying_types = self.qualifying_types




        workdays: list[int] | Unset
        if isinstance(self.workdays, Unset):
            workdays = UNSET
        else:
            workdays = self.workdays





        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if all_done_bonus is not UNSET:
            field_dict["all_done_bonus"] = all_done_bonus
        if at_risk_hour is not UNSET:
            field_dict["at_risk_hour"] = at_risk_hour
        if combo_from is not UNSET:
            field_dict["combo_from"] = combo_from
        if combo_pct is not UNSET:
            field_dict["combo_pct"] = combo_pct
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if freeze_every is not UNSET:
            field_dict["freeze_every"] = freeze_every
        if grace_hours is not UNSET:
            field_dict["grace_hours"] = grace_hours
        if holidays is not UNSET:
            field_dict["holidays"] = holidays
        if max_freezes is not UNSET:
            field_dict["max_freezes"] = max_freezes
        if min_units is not UNSET:
            field_dict["min_units"] = min_units
        if mission_start_hour is not UNSET:
            field_dict["mission_start_hour"] = mission_start_hour
        if missions_per_day is not UNSET:
            field_dict["missions_per_day"] = missions_per_day
        if qualifying_types is not UNSET:
            field_dict["qualifying_types"] = qualifying_types
        if workdays is not UNSET:
            field_dict["workdays"] = workdays

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_all_done_bonus(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        all_done_bonus = _parse_all_done_bonus(d.pop("all_done_bonus", UNSET))


        def _parse_at_risk_hour(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        at_risk_hour = _parse_at_risk_hour(d.pop("at_risk_hour", UNSET))


        def _parse_combo_from(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        combo_from = _parse_combo_from(d.pop("combo_from", UNSET))


        def _parse_combo_pct(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        combo_pct = _parse_combo_pct(d.pop("combo_pct", UNSET))


        def _parse_enabled(data: object) -> bool | Unset:
            if isinstance(data, Unset):
                return data
            return cast(bool | Unset, data)

        enabled = _parse_enabled(d.pop("enabled", UNSET))


        def _parse_freeze_every(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        freeze_every = _parse_freeze_every(d.pop("freeze_every", UNSET))


        def _parse_grace_hours(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        grace_hours = _parse_grace_hours(d.pop("grace_hours", UNSET))


        def _parse_holidays(data: object) -> list[str] | Unset:
            if isinstance(data, Unset):
                return data
            if not isinstance(data, list):
                raise TypeError()
            holidays_type_0 = cast(list[str], data)

            return holidays_type_0

        holidays = _parse_holidays(d.pop("holidays", UNSET))


        def _parse_max_freezes(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        max_freezes = _parse_max_freezes(d.pop("max_freezes", UNSET))


        def _parse_min_units(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        min_units = _parse_min_units(d.pop("min_units", UNSET))


        def _parse_mission_start_hour(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        mission_start_hour = _parse_mission_start_hour(d.pop("mission_start_hour", UNSET))


        def _parse_missions_per_day(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        missions_per_day = _parse_missions_per_day(d.pop("missions_per_day", UNSET))


        def _parse_qualifying_types(data: object) -> list[str] | Unset:
            if isinstance(data, Unset):
                return data
            if not isinstance(data, list):
                raise TypeError()
            qualifying_types_type_0 = cast(list[str], data)

            return qualifying_types_type_0

        qualifying_types = _parse_qualifying_types(d.pop("qualifying_types", UNSET))


        def _parse_workdays(data: object) -> list[int] | Unset:
            if isinstance(data, Unset):
                return data
            if not isinstance(data, list):
                raise TypeError()
            workdays_type_0 = cast(list[int], data)

            return workdays_type_0

        workdays = _parse_workdays(d.pop("workdays", UNSET))


        streak_settings_update = cls(
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


        streak_settings_update.additional_properties = d
        return streak_settings_update

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
