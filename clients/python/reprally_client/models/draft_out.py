from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.pick_out import PickOut





T = TypeVar("T", bound="DraftOut")



@_attrs_define
class DraftOut:
    """ 
        Attributes:
            available (list[int]):
            deadline (datetime.datetime | None):
            on_clock_team_id (int | None):
            pick_no (int):
            picks (list[PickOut]):
            picks_total (int):
            state (str):
     """

    available: list[int]
    deadline: datetime.datetime | None
    on_clock_team_id: int | None
    pick_no: int
    picks: list[PickOut]
    picks_total: int
    state: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.pick_out import PickOut # noqa: PLC0415
        available = self.available



        deadline: None | str
        if isinstance(self.deadline, datetime.datetime):
            deadline = self.deadline.isoformat()
        else:
            deadline = self.deadline

        on_clock_team_id: int | None
        on_clock_team_id = self.on_clock_team_id

        pick_no = self.pick_no

        picks = []
        for picks_item_data in self.picks:
            picks_item = picks_item_data.to_dict()
            picks.append(picks_item)



        picks_total = self.picks_total

        state = self.state


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "available": available,
            "deadline": deadline,
            "on_clock_team_id": on_clock_team_id,
            "pick_no": pick_no,
            "picks": picks,
            "picks_total": picks_total,
            "state": state,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pick_out import PickOut # noqa: PLC0415
        d = dict(src_dict)
        available = cast(list[int], d.pop("available"))


        def _parse_deadline(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deadline_type_0 = datetime.datetime.fromisoformat(data)



                return deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        deadline = _parse_deadline(d.pop("deadline"))


        def _parse_on_clock_team_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        on_clock_team_id = _parse_on_clock_team_id(d.pop("on_clock_team_id"))


        pick_no = d.pop("pick_no")

        picks = []
        _picks = d.pop("picks")
        for picks_item_data in (_picks):
            picks_item = PickOut.from_dict(picks_item_data)



            picks.append(picks_item)


        picks_total = d.pop("picks_total")

        state = d.pop("state")

        draft_out = cls(
            available=available,
            deadline=deadline,
            on_clock_team_id=on_clock_team_id,
            pick_no=pick_no,
            picks=picks,
            picks_total=picks_total,
            state=state,
        )


        draft_out.additional_properties = d
        return draft_out

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
