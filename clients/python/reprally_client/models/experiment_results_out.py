from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.holdout_out import HoldoutOut
  from ..models.lift_out import LiftOut
  from ..models.mixed_team_out import MixedTeamOut





T = TypeVar("T", bound="ExperimentResultsOut")



@_attrs_define
class ExperimentResultsOut:
    """ 
        Attributes:
            confidence (float):
            elapsed_days (int):
            experiment_id (int):
            holdout (HoldoutOut):
            metric (str):
            min_days (int):
            mixed_teams (list[MixedTeamOut]):
            preliminary (bool):
            run_end (datetime.date):
            run_first (datetime.date):
            status (str):
            unit (str):
            variants (list[LiftOut]):
            warnings (list[str]):
     """

    confidence: float
    elapsed_days: int
    experiment_id: int
    holdout: HoldoutOut
    metric: str
    min_days: int
    mixed_teams: list[MixedTeamOut]
    preliminary: bool
    run_end: datetime.date
    run_first: datetime.date
    status: str
    unit: str
    variants: list[LiftOut]
    warnings: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.holdout_out import HoldoutOut # noqa: PLC0415
        from ..models.lift_out import LiftOut # noqa: PLC0415
        from ..models.mixed_team_out import MixedTeamOut # noqa: PLC0415
        confidence = self.confidence

        elapsed_days = self.elapsed_days

        experiment_id = self.experiment_id

        holdout = self.holdout.to_dict()

        metric = self.metric

        min_days = self.min_days

        mixed_teams = []
        for mixed_teams_item_data in self.mixed_teams:
            mixed_teams_item = mixed_teams_item_data.to_dict()
            mixed_teams.append(mixed_teams_item)



        preliminary = self.preliminary

        run_end = self.run_end.isoformat()

        run_first = self.run_first.isoformat()

        status = self.status

        unit = self.unit

        variants = []
        for variants_item_data in self.variants:
            variants_item = variants_item_data.to_dict()
            variants.append(variants_item)



        warnings = self.warnings




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "confidence": confidence,
            "elapsed_days": elapsed_days,
            "experiment_id": experiment_id,
            "holdout": holdout,
            "metric": metric,
            "min_days": min_days,
            "mixed_teams": mixed_teams,
            "preliminary": preliminary,
            "run_end": run_end,
            "run_first": run_first,
            "status": status,
            "unit": unit,
            "variants": variants,
            "warnings": warnings,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.holdout_out import HoldoutOut # noqa: PLC0415
        from ..models.lift_out import LiftOut # noqa: PLC0415
        from ..models.mixed_team_out import MixedTeamOut # noqa: PLC0415
        d = dict(src_dict)
        confidence = d.pop("confidence")

        elapsed_days = d.pop("elapsed_days")

        experiment_id = d.pop("experiment_id")

        holdout = HoldoutOut.from_dict(d.pop("holdout"))




        metric = d.pop("metric")

        min_days = d.pop("min_days")

        mixed_teams = []
        _mixed_teams = d.pop("mixed_teams")
        for mixed_teams_item_data in (_mixed_teams):
            mixed_teams_item = MixedTeamOut.from_dict(mixed_teams_item_data)



            mixed_teams.append(mixed_teams_item)


        preliminary = d.pop("preliminary")

        run_end = datetime.date.fromisoformat(d.pop("run_end"))




        run_first = datetime.date.fromisoformat(d.pop("run_first"))




        status = d.pop("status")

        unit = d.pop("unit")

        variants = []
        _variants = d.pop("variants")
        for variants_item_data in (_variants):
            variants_item = LiftOut.from_dict(variants_item_data)



            variants.append(variants_item)


        warnings = cast(list[str], d.pop("warnings"))


        experiment_results_out = cls(
            confidence=confidence,
            elapsed_days=elapsed_days,
            experiment_id=experiment_id,
            holdout=holdout,
            metric=metric,
            min_days=min_days,
            mixed_teams=mixed_teams,
            preliminary=preliminary,
            run_end=run_end,
            run_first=run_first,
            status=status,
            unit=unit,
            variants=variants,
            warnings=warnings,
        )


        experiment_results_out.additional_properties = d
        return experiment_results_out

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
