from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="MetricAttainmentOut")



@_attrs_define
class MetricAttainmentOut:
    """ 
        Attributes:
            median (float | None):
            metric (str):
            metric_kind (str):
            on_pace (int):
            on_pace_share (float | None):
            p10 (float | None):
            p25 (float | None):
            p75 (float | None):
            p90 (float | None):
            reps_with_target (int):
            spread (float | None):
     """

    median: float | None
    metric: str
    metric_kind: str
    on_pace: int
    on_pace_share: float | None
    p10: float | None
    p25: float | None
    p75: float | None
    p90: float | None
    reps_with_target: int
    spread: float | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        median: float | None
        median = self.median

        metric = self.metric

        metric_kind = self.metric_kind

        on_pace = self.on_pace

        on_pace_share: float | None
        on_pace_share = self.on_pace_share

        p10: float | None
        p10 = self.p10

        p25: float | None
        p25 = self.p25

        p75: float | None
        p75 = self.p75

        p90: float | None
        p90 = self.p90

        reps_with_target = self.reps_with_target

        spread: float | None
        spread = self.spread


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "median": median,
            "metric": metric,
            "metric_kind": metric_kind,
            "on_pace": on_pace,
            "on_pace_share": on_pace_share,
            "p10": p10,
            "p25": p25,
            "p75": p75,
            "p90": p90,
            "reps_with_target": reps_with_target,
            "spread": spread,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_median(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        median = _parse_median(d.pop("median"))


        metric = d.pop("metric")

        metric_kind = d.pop("metric_kind")

        on_pace = d.pop("on_pace")

        def _parse_on_pace_share(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        on_pace_share = _parse_on_pace_share(d.pop("on_pace_share"))


        def _parse_p10(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        p10 = _parse_p10(d.pop("p10"))


        def _parse_p25(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        p25 = _parse_p25(d.pop("p25"))


        def _parse_p75(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        p75 = _parse_p75(d.pop("p75"))


        def _parse_p90(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        p90 = _parse_p90(d.pop("p90"))


        reps_with_target = d.pop("reps_with_target")

        def _parse_spread(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        spread = _parse_spread(d.pop("spread"))


        metric_attainment_out = cls(
            median=median,
            metric=metric,
            metric_kind=metric_kind,
            on_pace=on_pace,
            on_pace_share=on_pace_share,
            p10=p10,
            p25=p25,
            p75=p75,
            p90=p90,
            reps_with_target=reps_with_target,
            spread=spread,
        )


        metric_attainment_out.additional_properties = d
        return metric_attainment_out

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
