from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.pace_out import PaceOut
  from ..models.span_out import SpanOut





T = TypeVar("T", bound="MyTargetOut")



@_attrs_define
class MyTargetOut:
    """ 
        Attributes:
            actual (int):
            attainment (float):
            metric (str):
            metric_kind (str):
            on_pace (bool):
            pace (PaceOut):
            period (SpanOut):
            target (int):
            version (int):
     """

    actual: int
    attainment: float
    metric: str
    metric_kind: str
    on_pace: bool
    pace: PaceOut
    period: SpanOut
    target: int
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.pace_out import PaceOut # noqa: PLC0415
        from ..models.span_out import SpanOut # noqa: PLC0415
        actual = self.actual

        attainment = self.attainment

        metric = self.metric

        metric_kind = self.metric_kind

        on_pace = self.on_pace

        pace = self.pace.to_dict()

        period = self.period.to_dict()

        target = self.target

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "actual": actual,
            "attainment": attainment,
            "metric": metric,
            "metric_kind": metric_kind,
            "on_pace": on_pace,
            "pace": pace,
            "period": period,
            "target": target,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pace_out import PaceOut # noqa: PLC0415
        from ..models.span_out import SpanOut # noqa: PLC0415
        d = dict(src_dict)
        actual = d.pop("actual")

        attainment = d.pop("attainment")

        metric = d.pop("metric")

        metric_kind = d.pop("metric_kind")

        on_pace = d.pop("on_pace")

        pace = PaceOut.from_dict(d.pop("pace"))




        period = SpanOut.from_dict(d.pop("period"))




        target = d.pop("target")

        version = d.pop("version")

        my_target_out = cls(
            actual=actual,
            attainment=attainment,
            metric=metric,
            metric_kind=metric_kind,
            on_pace=on_pace,
            pace=pace,
            period=period,
            target=target,
            version=version,
        )


        my_target_out.additional_properties = d
        return my_target_out

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
