from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.standings_out_state import check_standings_out_state
from ..models.standings_out_state import StandingsOutState
from typing import cast

if TYPE_CHECKING:
  from ..models.standing_out import StandingOut





T = TypeVar("T", bound="StandingsOut")



@_attrs_define
class StandingsOut:
    """ 
        Attributes:
            contest_id (int):
            final (bool):
            live (bool):
            standings (list[StandingOut]):
            state (StandingsOutState):
     """

    contest_id: int
    final: bool
    live: bool
    standings: list[StandingOut]
    state: StandingsOutState
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.standing_out import StandingOut # noqa: PLC0415
        contest_id = self.contest_id

        final = self.final

        live = self.live

        standings = []
        for standings_item_data in self.standings:
            standings_item = standings_item_data.to_dict()
            standings.append(standings_item)



        state: str = self.state


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "contest_id": contest_id,
            "final": final,
            "live": live,
            "standings": standings,
            "state": state,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.standing_out import StandingOut # noqa: PLC0415
        d = dict(src_dict)
        contest_id = d.pop("contest_id")

        final = d.pop("final")

        live = d.pop("live")

        standings = []
        _standings = d.pop("standings")
        for standings_item_data in (_standings):
            standings_item = StandingOut.from_dict(standings_item_data)



            standings.append(standings_item)


        state = check_standings_out_state(d.pop("state"))




        standings_out = cls(
            contest_id=contest_id,
            final=final,
            live=live,
            standings=standings,
            state=state,
        )


        standings_out.additional_properties = d
        return standings_out

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
