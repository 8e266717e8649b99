from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.targets_in_period import check_targets_in_period
from ..models.targets_in_period import TargetsInPeriod
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.target_in import TargetIn





T = TypeVar("T", bound="TargetsIn")



@_attrs_define
class TargetsIn:
    """ 
        Attributes:
            metric (str):
            period (TargetsInPeriod):
            start (datetime.date):
            targets (list[TargetIn]):
     """

    metric: str
    period: TargetsInPeriod
    start: datetime.date
    targets: list[TargetIn]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.target_in import TargetIn # noqa: PLC0415
        metric = self.metric

        period: str = self.period

        start = self.start.isoformat()

        targets = []
        for targets_item_data in self.targets:
            targets_item = targets_item_data.to_dict()
            targets.append(targets_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "metric": metric,
            "period": period,
            "start": start,
            "targets": targets,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.target_in import TargetIn # noqa: PLC0415
        d = dict(src_dict)
        metric = d.pop("metric")

        period = check_targets_in_period(d.pop("period"))




        start = datetime.date.fromisoformat(d.pop("start"))




        targets = []
        _targets = d.pop("targets")
        for targets_item_data in (_targets):
            targets_item = TargetIn.from_dict(targets_item_data)



            targets.append(targets_item)


        targets_in = cls(
            metric=metric,
            period=period,
            start=start,
            targets=targets,
        )


        targets_in.additional_properties = d
        return targets_in

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
