from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset







T = TypeVar("T", bound="SettingsOut")



@_attrs_define
class SettingsOut:
    """ 
        Attributes:
            baseline_days (int):
            day_close_hour (int):
            digest_hour (int):
            easier_missions_days (int):
            easier_missions_pct (int):
            inactive_days (int):
            low_activity_days (int):
            low_activity_pct (int):
            min_baseline (float):
            reach_stretch_pct (int):
            streak_min (int):
     """

    baseline_days: int
    day_close_hour: int
    digest_hour: int
    easier_missions_days: int
    easier_missions_pct: int
    inactive_days: int
    low_activity_days: int
    low_activity_pct: int
    min_baseline: float
    reach_stretch_pct: int
    streak_min: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        baseline_days = self.baseline_days

        day_close_hour = self.day_close_hour

        digest_hour = self.digest_hour

        easier_missions_days = self.easier_missions_days

        easier_missions_pct = self.easier_missions_pct

        inactive_days = self.inactive_days

        low_activity_days = self.low_activity_days

        low_activity_pct = self.low_activity_pct

        min_baseline = self.min_baseline

        reach_stretch_pct = self.reach_stretch_pct

        streak_min = self.streak_min


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "baseline_days": baseline_days,
            "day_close_hour": day_close_hour,
            "digest_hour": digest_hour,
            "easier_missions_days": easier_missions_days,
            "easier_missions_pct": easier_missions_pct,
            "inactive_days": inactive_days,
            "low_activity_days": low_activity_days,
            "low_activity_pct": low_activity_pct,
            "min_baseline": min_baseline,
            "reach_stretch_pct": reach_stretch_pct,
            "streak_min": streak_min,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        baseline_days = d.pop("baseline_days")

        day_close_hour = d.pop("day_close_hour")

        digest_hour = d.pop("digest_hour")

        easier_missions_days = d.pop("easier_missions_days")

        easier_missions_pct = d.pop("easier_missions_pct")

        inactive_days = d.pop("inactive_days")

        low_activity_days = d.pop("low_activity_days")

        low_activity_pct = d.pop("low_activity_pct")

        min_baseline = d.pop("min_baseline")

        reach_stretch_pct = d.pop("reach_stretch_pct")

        streak_min = d.pop("streak_min")

        settings_out = cls(
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


        settings_out.additional_properties = d
        return settings_out

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
