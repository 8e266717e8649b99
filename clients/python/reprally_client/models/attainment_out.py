from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.metric_attainment_out import MetricAttainmentOut





T = TypeVar("T", bound="AttainmentOut")



@_attrs_define
class AttainmentOut:
    """ 
        Attributes:
            metrics (list[MetricAttainmentOut]):
            reps (int):
            reps_with_wins (int):
            wins (int):
            wins_share (float | None):
     """

    metrics: list[MetricAttainmentOut]
    reps: int
    reps_with_wins: int
    wins: int
    wins_share: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.metric_attainment_out import MetricAttainmentOut # noqa: PLC0415
        metrics = []
        for metrics_item_data in self.metrics:
            metrics_item = metrics_item_data.to_dict()
            metrics.append(metrics_item)



        reps = self.reps

        reps_with_wins = self.reps_with_wins

        wins = self.wins

        wins_share: float | None
        wins_share = self.wins_share


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "metrics": metrics,
            "reps": reps,
            "reps_with_wins": reps_with_wins,
            "wins": wins,
            "wins_share": wins_share,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.metric_attainment_out import MetricAttainmentOut # noqa: PLC0415
        d = dict(src_dict)
        metrics = []
        _metrics = d.pop("metrics")
        for metrics_item_data in (_metrics):
            metrics_item = MetricAttainmentOut.from_dict(metrics_item_data)



            metrics.append(metrics_item)


        reps = d.pop("reps")

        reps_with_wins = d.pop("reps_with_wins")

        wins = d.pop("wins")

        def _parse_wins_share(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        wins_share = _parse_wins_share(d.pop("wins_share"))


        attainment_out = cls(
            metrics=metrics,
            reps=reps,
            reps_with_wins=reps_with_wins,
            wins=wins,
            wins_share=wins_share,
        )


        attainment_out.additional_properties = d
        return attainment_out

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
