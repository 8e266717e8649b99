from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.version_out import VersionOut





T = TypeVar("T", bound="TargetsSetOut")



@_attrs_define
class TargetsSetOut:
    """ 
        Attributes:
            metric (str):
            period (str):
            start (datetime.date):
            versions (list[VersionOut]):
     """

    metric: str
    period: str
    start: datetime.date
    versions: list[VersionOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.version_out import VersionOut # noqa: PLC0415
        metric = self.metric

        period = self.period

        start = self.start.isoformat()

        versions = []
        for versions_item_data in self.versions:
            versions_item = versions_item_data.to_dict()
            versions.append(versions_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "metric": metric,
            "period": period,
            "start": start,
            "versions": versions,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.version_out import VersionOut # noqa: PLC0415
        d = dict(src_dict)
        metric = d.pop("metric")

        period = d.pop("period")

        start = datetime.date.fromisoformat(d.pop("start"))




        versions = []
        _versions = d.pop("versions")
        for versions_item_data in (_versions):
            versions_item = VersionOut.from_dict(versions_item_data)



            versions.append(versions_item)


        targets_set_out = cls(
            metric=metric,
            period=period,
            start=start,
            versions=versions,
        )


        targets_set_out.additional_properties = d
        return targets_set_out

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
