from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.experiment_in_metric import check_experiment_in_metric
from ..models.experiment_in_metric import ExperimentInMetric
from ..models.experiment_in_unit import check_experiment_in_unit
from ..models.experiment_in_unit import ExperimentInUnit
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.program_in import ProgramIn
  from ..models.variant_in import VariantIn





T = TypeVar("T", bound="ExperimentIn")



@_attrs_define
class ExperimentIn:
    """ 
        Attributes:
            end (datetime.date):
            holdout_share (float):
            metric (ExperimentInMetric):
            name (str):
            start (datetime.date):
            unit (ExperimentInUnit):
            variants (list[VariantIn]):
            baseline (None | ProgramIn | Unset):
            min_days (int | Unset):  Default: 14.
            seed (int | None | Unset):
     """

    end: datetime.date
    holdout_share: float
    metric: ExperimentInMetric
    name: str
    start: datetime.date
    unit: ExperimentInUnit
    variants: list[VariantIn]
    baseline: None | ProgramIn | Unset = UNSET
    min_days: int | Unset = 14
    seed: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.program_in import ProgramIn # noqa: PLC0415
        from ..models.variant_in import VariantIn # noqa: PLC0415
        end = self.end.isoformat()

        holdout_share = self.holdout_share

        metric: str = self.metric

        name = self.name

        start = self.start.isoformat()

        unit: str = self.unit

        variants = []
        for variants_item_data in self.variants:
            variants_item = variants_item_data.to_dict()
            variants.append(variants_item)



        baseline: dict[str, Any] | None | Unset
        if isinstance(self.baseline, Unset):
            baseline = UNSET
        elif isinstance(self.baseline, ProgramIn):
            baseline = self.baseline.to_dict()
        else:
            baseline = self.baseline

        min_days = self.min_days

        seed: int | None | Unset
        if isinstance(self.seed, Unset):
            seed = UNSET
        else:
            seed = self.seed


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "end": end,
            "holdout_share": holdout_share,
            "metric": metric,
            "name": name,
            "start": start,
            "unit": unit,
            "variants": variants,
        })
        if baseline is not UNSET:
            field_dict["baseline"] = baseline
        if min_days is not UNSET:
            field_dict["min_days"] = min_days
        if seed is not UNSET:
            field_dict["seed"] = seed

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.program_in import ProgramIn # noqa: PLC0415
        from ..models.variant_in import VariantIn # noqa: PLC0415
        d = dict(src_dict)
        end = datetime.date.fromisoformat(d.pop("end"))




        holdout_share = d.pop("holdout_share")

        metric = check_experiment_in_metric(d.pop("metric"))




        name = d.pop("name")

        start = datetime.date.fromisoformat(d.pop("start"))




        unit = check_experiment_in_unit(d.pop("unit"))




        variants = []
        _variants = d.pop("variants")
        for variants_item_data in (_variants):
            variants_item = VariantIn.from_dict(variants_item_data)



            variants.append(variants_item)


        def _parse_baseline(data: object) -> None | ProgramIn | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                baseline_type_0 = ProgramIn.from_dict(data)



                return baseline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProgramIn | Unset, data)

        baseline = _parse_baseline(d.pop("baseline", UNSET))


        min_days = d.pop("min_days", UNSET)

        def _parse_seed(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        seed = _parse_seed(d.pop("seed", UNSET))


        experiment_in = cls(
            end=end,
            holdout_share=holdout_share,
            metric=metric,
            name=name,
            start=start,
            unit=unit,
            variants=variants,
            baseline=baseline,
            min_days=min_days,
            seed=seed,
        )


        experiment_in.additional_properties = d
        return experiment_in

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
