from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="MissionOut")



@_attrs_define
class MissionOut:
    """ 
        Attributes:
            bonus_points (int):
            completed (bool):
            completed_at (datetime.datetime | None):
            id (int):
            label (str):
            metric (str):
            progress (int):
            slot (int):
            target (int):
            type_ (str):
     """

    bonus_points: int
    completed: bool
    completed_at: datetime.datetime | None
    id: int
    label: str
    metric: str
    progress: int
    slot: int
    target: int
    type_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        bonus_points = self.bonus_points

        completed = self.completed

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        id = self.id

        label = self.label

        metric = self.metric

        progress = self.progress

        slot = self.slot

        target = self.target

        type_ = self.type_


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "bonus_points": bonus_points,
            "completed": completed,
            "completed_at": completed_at,
            "id": id,
            "label": label,
            "metric": metric,
            "progress": progress,
            "slot": slot,
            "target": target,
            "type": type_,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        bonus_points = d.pop("bonus_points")

        completed = d.pop("completed")

        def _parse_completed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)



                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        completed_at = _parse_completed_at(d.pop("completed_at"))


        id = d.pop("id")

        label = d.pop("label")

        metric = d.pop("metric")

        progress = d.pop("progress")

        slot = d.pop("slot")

        target = d.pop("target")

        type_ = d.pop("type")

        mission_out = cls(
            bonus_points=bonus_points,
            completed=completed,
            completed_at=completed_at,
            id=id,
            label=label,
            metric=metric,
            progress=progress,
            slot=slot,
            target=target,
            type_=type_,
        )


        mission_out.additional_properties = d
        return mission_out

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
