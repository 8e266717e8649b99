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
  from ..models.target_entry_out import TargetEntryOut





T = TypeVar("T", bound="TargetsOut")



@_attrs_define
class TargetsOut:
    """ 
        Attributes:
            entries (list[TargetEntryOut]):
            metric (str):
            metric_kind (str):
            pace (PaceOut):
            period (SpanOut):
     """

    entries: list[TargetEntryOut]
    metric: str
    metric_kind: str
    pace: PaceOut
    period: SpanOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.pace_out import PaceOut # noqa: PLC0415
        from ..models.span_out import SpanOut # noqa: PLC0415
        from ..models.target_entry_out import TargetEntryOut # noqa: PLC0415
        entries = []
        for entries_item_data in self.entries:
            entries_item = entries_item_data.to_dict()
            entries.append(entries_item)



        metric = self.metric

        metric_kind = self.metric_kind

        pace = self.pace.to_dict()

        period = self.period.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "entries": entries,
            "metric": metric,
            "metric_kind": metric_kind,
            "pace": pace,
            "period": period,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pace_out import PaceOut # noqa: PLC0415
        from ..models.span_out import SpanOut # noqa: PLC0415
        from ..models.target_entry_out import TargetEntryOut # noqa: PLC0415
        d = dict(src_dict)
        entries = []
        _entries = d.pop("entries")
        for entries_item_data in (_entries):
            entries_item = TargetEntryOut.from_dict(entries_item_data)



            entries.append(entries_item)


        metric = d.pop("metric")

        metric_kind = d.pop("metric_kind")

        pace = PaceOut.from_dict(d.pop("pace"))




        period = SpanOut.from_dict(d.pop("period"))




        targets_out = cls(
            entries=entries,
            metric=metric,
            metric_kind=metric_kind,
            pace=pace,
            period=period,
        )


        targets_out.additional_properties = d
        return targets_out

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
