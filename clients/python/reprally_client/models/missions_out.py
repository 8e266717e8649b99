from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.mission_out import MissionOut





T = TypeVar("T", bound="MissionsOut")



@_attrs_define
class MissionsOut:
    """ 
        Attributes:
            all_done (bool):
            all_done_bonus (int):
            completed (int):
            day (datetime.date | None):
            missions (list[MissionOut]):
            working_day (bool):
     """

    all_done: bool
    all_done_bonus: int
    completed: int
    day: datetime.date | None
    missions: list[MissionOut]
    working_day: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.mission_out import MissionOut # noqa: PLC0415
        all_done = self.all_done

        all_done_bonus = self.all_done_bonus

        completed = self.completed

        day: None | str
        if isinstance(self.day, datetime.date):
            day = self.day.isoformat()
        else:
            day = self.day

        missions = []
        for missions_item_data in self.missions:
            missions_item = missions_item_data.to_dict()
            missions.append(missions_item)



        working_day = self.working_day


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "all_done": all_done,
            "all_done_bonus": all_done_bonus,
            "completed": completed,
            "day": day,
            "missions": missions,
            "working_day": working_day,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.mission_out import MissionOut # noqa: PLC0415
        d = dict(src_dict)
        all_done = d.pop("all_done")

        all_done_bonus = d.pop("all_done_bonus")

        completed = d.pop("completed")

        def _parse_day(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                day_type_0 = datetime.date.fromisoformat(data)



                return day_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        day = _parse_day(d.pop("day"))


        missions = []
        _missions = d.pop("missions")
        for missions_item_data in (_missions):
            missions_item = MissionOut.from_dict(missions_item_data)



            missions.append(missions_item)


        working_day = d.pop("working_day")

        missions_out = cls(
            all_done=all_done,
            all_done_bonus=all_done_bonus,
            completed=completed,
            day=day,
            missions=missions,
            working_day=working_day,
        )


        missions_out.additional_properties = d
        return missions_out

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
