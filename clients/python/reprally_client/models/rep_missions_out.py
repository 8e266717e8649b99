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





T = TypeVar("T", bound="RepMissionsOut")



@_attrs_define
class RepMissionsOut:
    """ 
        Attributes:
            completed (int):
            day (datetime.date):
            display_name (str):
            eased_from (datetime.date | None):
            eased_pct (int | None):
            eased_until (datetime.date | None):
            missions (list[MissionOut]):
            team_id (int | None):
            user_id (int):
     """

    completed: int
    day: datetime.date
    display_name: str
    eased_from: datetime.date | None
    eased_pct: int | None
    eased_until: datetime.date | None
    missions: list[MissionOut]
    team_id: int | None
    user_id: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.mission_out import MissionOut # noqa: PLC0415
        completed = self.completed

        day = self.day.isoformat()

        display_name = self.display_name

        eased_from: None | str
        if isinstance(self.eased_from, datetime.date):
            eased_from = self.eased_from.isoformat()
        else:
            eased_from = self.eased_from

        eased_pct: int | None
        eased_pct = self.eased_pct

        eased_until: None | str
        if isinstance(self.eased_until, datetime.date):
            eased_until = self.eased_until.isoformat()
        else:
            eased_until = self.eased_until

        missions = []
        for missions_item_data in self.missions:
            missions_item = missions_item_data.to_dict()
            missions.append(missions_item)



        team_id: int | None
        team_id = self.team_id

        user_id = self.user_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "completed": completed,
            "day": day,
            "display_name": display_name,
            "eased_from": eased_from,
            "eased_pct": eased_pct,
            "eased_until": eased_until,
            "missions": missions,
            "team_id": team_id,
            "user_id": user_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.mission_out import MissionOut # noqa: PLC0415
        d = dict(src_dict)
        completed = d.pop("completed")

        day = datetime.date.fromisoformat(d.pop("day"))




        display_name = d.pop("display_name")

        def _parse_eased_from(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                eased_from_type_0 = datetime.date.fromisoformat(data)



                return eased_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        eased_from = _parse_eased_from(d.pop("eased_from"))


        def _parse_eased_pct(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        eased_pct = _parse_eased_pct(d.pop("eased_pct"))


        def _parse_eased_until(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                eased_until_type_0 = datetime.date.fromisoformat(data)



                return eased_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        eased_until = _parse_eased_until(d.pop("eased_until"))


        missions = []
        _missions = d.pop("missions")
        for missions_item_data in (_missions):
            missions_item = MissionOut.from_dict(missions_item_data)



            missions.append(missions_item)


        def _parse_team_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        team_id = _parse_team_id(d.pop("team_id"))


        user_id = d.pop("user_id")

        rep_missions_out = cls(
            completed=completed,
            day=day,
            display_name=display_name,
            eased_from=eased_from,
            eased_pct=eased_pct,
            eased_until=eased_until,
            missions=missions,
            team_id=team_id,
            user_id=user_id,
        )


        rep_missions_out.additional_properties = d
        return rep_missions_out

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
