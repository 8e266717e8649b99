from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="SpanOut")



@_attrs_define
class SpanOut:
    """ 
        Attributes:
            end (datetime.datetime):
            first_day (datetime.date):
            id (str):
            kind (str):
            last_day (datetime.date):
            start (datetime.datetime):
     """

    end: datetime.datetime
    first_day: datetime.date
    id: str
    kind: str
    last_day: datetime.date
    start: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        end = self.end.isoformat()

        first_day = self.first_day.isoformat()

        id = self.id

        kind = self.kind

        last_day = self.last_day.isoformat()

        start = self.start.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "end": end,
            "first_day": first_day,
            "id": id,
            "kind": kind,
            "last_day": last_day,
            "start": start,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        end = datetime.datetime.fromisoformat(d.pop("end"))




        first_day = datetime.date.fromisoformat(d.pop("first_day"))




        id = d.pop("id")

        kind = d.pop("kind")

        last_day = datetime.date.fromisoformat(d.pop("last_day"))




        start = datetime.datetime.fromisoformat(d.pop("start"))




        span_out = cls(
            end=end,
            first_day=first_day,
            id=id,
            kind=kind,
            last_day=last_day,
            start=start,
        )


        span_out.additional_properties = d
        return span_out

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
