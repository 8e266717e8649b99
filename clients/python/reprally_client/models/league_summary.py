from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="LeagueSummary")



@_attrs_define
class LeagueSummary:
    """ 
        Attributes:
            id (int):
            metric (str):
            name (str):
            season_start (datetime.date):
            state (str):
            weeks (int):
     """

    id: int
    metric: str
    name: str
    season_start: datetime.date
    state: str
    weeks: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        id = self.id

        metric = self.metric

        name = self.name

        season_start = self.season_start.isoformat()

        state = self.state

        weeks = self.weeks


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "metric": metric,
            "name": name,
            "season_start": season_start,
            "state": state,
            "weeks": weeks,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        metric = d.pop("metric")

        name = d.pop("name")

        season_start = datetime.date.fromisoformat(d.pop("season_start"))




        state = d.pop("state")

        weeks = d.pop("weeks")

        league_summary = cls(
            id=id,
            metric=metric,
            name=name,
            season_start=season_start,
            state=state,
            weeks=weeks,
        )


        league_summary.additional_properties = d
        return league_summary

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
