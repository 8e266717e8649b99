from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="SettingsIn")



@_attrs_define
class SettingsIn:
    """ 
        Attributes:
            baseline_days (int | Unset):
            day_close_hour (int | Unset):
            digest_hour (int | Unset):
            easier_missions_days (int | Unset):
            easier_missions_pct (int | Unset):
            inactive_days (int | Unset):
            low_activity_days (int | Unset):
            low_activity_pct (int | Unset):
            min_baseline (float | Unset):
            reach_stretch_pct (int | Unset):
            streak_min (int | Unset):
     """

    baseline_days: int | Unset = UNSET
    day_close_hour: int | Unset = UNSET
    digest_hour: int | Unset = UNSET
    easier_missions_days: int | Unset = UNSET
    easier_missions_pct: int | Unset = UNSET
    inactive_days: int | Unset = UNSET
    low_activity_days: int | Unset = UNSET
    low_activity_pct: int | Unset = UNSET
    min_baseline: float | Unset = UNSET
    reach_stretch_pct: int | Unset = UNSET
    streak_min: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        baseline_days: int | Unset
        if isinstance(self.baseline_days, Unset):
            baseline_days = UNSET
        else:
            baseline_days = self.baseline_days

        day_close_hour: int | Unset
        if isinstance(self.day_close_hour, Unset):
            day_close_hour = UNSET
        else:
            day_close_hour = self.day_close_hour

        digest_hour: int | Unset
        if isinstance(self.digest_hour, Unset):
            digest_hour = UNSET
        else:
            digest_hour = self.digest_hour

        easier_missions_days: int | Unset
        if isinstance(self.easier_missions_days, Unset):
            easier_missions_days = UNSET
        else:
            easier_missions_days = self.easier_missions_days

        easier_missions_pct: int | Unset
        if isinstance(self.easier_missions_pct, Unset):
            easier_missions_pct = UNSET
        else:
            easier_missions_pct = self.easier_missions_pct

        inactive_days: int | Unset
        if isinstance(self.inactive_days, Unset):
            inactive_days = UNSET
        else:
            inactive_days = self.inactive_days

        low_activity_days: int | Unset
        if isinstance(self.low_activity_days, Unset):
            low_activity_days = UNSET
        else:
            low_activity_days = self.low_activity_days

        low_activity_pct: int | Unset
        if isinstance(self.low_activity_pct, Unset):
            low_activity_pct = UNSET
        else:
            low_activity_pct = self.low_activity_pct

        min_baseline: float | Unset
        if isinstance(self.min_baseline, Unset):
            min_baseline = UNSET
        else:
            min_baseline = self.min_baseline

        reach_stretch_pct: int | Unset
        if isinstance(self.reach_stretch_pct, Unset):
            reach_stretch_pct = UNSET
        else:
            reach_stretch_pct = self.reach_stretch_pct

        streak_min: int | Unset
        if isinstance(self.streak_min, Unset):
            streak_min = UNSET
        else:
            streak_min = self.streak_min


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if baseline_days is not UNSET:
            field_dict["baseline_days"] = baseline_days
        if day_close_hour is not UNSET:
            field_dict["day_close_hour"] = day_close_hour
        if digest_hour is not UNSET:
            field_dict["digest_hour"] = digest_hour
        if easier_missions_days is not UNSET:
            field_dict["easier_missions_days"] = easier_missions_days
        if easier_missions_pct is not UNSET:
            field_dict["easier_missions_pct"] = easier_missions_pct
        if inactive_days is not UNSET:
            field_dict["inactive_days"] = inactive_days
        if low_activity_days is not UNSET:
            field_dict["low_activity_days"] = low_activity_days
        if low_activity_pct is not UNSET:
            field_dict["low_activity_pct"] = low_activity_pct
        if min_baseline is not UNSET:
            field_dict["min_baseline"] = min_baseline
        if reach_stretch_pct is not UNSET:
            field_dict["reach_stretch_pct"] = reach_stretch_pct
        if streak_min is not UNSET:
            field_dict["streak_min"] = streak_min

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_baseline_days(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        baseline_days = _parse_baseline_days(d.pop("baseline_days", UNSET))


        def _parse_day_close_hour(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        day_close_hour = _parse_day_close_hour(d.pop("day_close_hour", UNSET))


        def _parse_digest_hour(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        digest_hour = _parse_digest_hour(d.pop("digest_hour", UNSET))


        def _parse_easier_missions_days(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        easier_missions_days = _parse_easier_missions_days(d.pop("easier_missions_days", UNSET))


        def _parse_easier_missions_pct(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        easier_missions_pct = _parse_easier_missions_pct(d.pop("easier_missions_pct", UNSET))


        def _parse_inactive_days(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        inactive_days = _parse_inactive_days(d.pop("inactive_days", UNSET))


        def _parse_low_activity_days(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        low_activity_days = _parse_low_activity_days(d.pop("low_activity_days", UNSET))


        def _parse_low_activity_pct(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        low_activity_pct = _parse_low_activity_pct(d.pop("low_activity_pct", UNSET))


        def _parse_min_baseline(data: object) -> float | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | Unset, data)

        min_baseline = _parse_min_baseline(d.pop("min_baseline", UNSET))


        def _parse_reach_stretch_pct(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        reach_stretch_pct = _parse_reach_stretch_pct(d.pop("reach_stretch_pct", UNSET))


        def _parse_streak_min(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        streak_min = _parse_streak_min(d.pop("streak_min", UNSET))


        settings_in = cls(
            baseline_days=baseline_days,
            day_close_hour=day_close_hour,
            digest_hour=digest_hour,
            easier_missions_days=easier_missions_days,
            easier_missions_pct=easier_missions_pct,
            inactive_days=inactive_days,
            low_activity_days=low_activity_days,
            low_activity_pct=low_activity_pct,
            min_baseline=min_baseline,
            reach_stretch_pct=reach_stretch_pct,
            streak_min=streak_min,
        )


        settings_in.additional_properties = d
        return settings_in

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
