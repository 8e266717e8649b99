from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.counted_out import CountedOut
  from ..models.prize_out import PrizeOut





T = TypeVar("T", bound="ResultOut")



@_attrs_define
class ResultOut:
    """ 
        Attributes:
            baseline (int):
            computation (str):
            counted (list[CountedOut]):
            display_name (None | str):
            group (None | str):
            group_score (float | None):
            place (int | None):
            prizes (list[PrizeOut]):
            score (float):
            team_id (int | None):
            tie_break (None | str):
            total (int):
            user_id (int):
            won (bool):
     """

    baseline: int
    computation: str
    counted: list[CountedOut]
    display_name: None | str
    group: None | str
    group_score: float | None
    place: int | None
    prizes: list[PrizeOut]
    score: float
    team_id: int | None
    tie_break: None | str
    total: int
    user_id: int
    won: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.counted_out import CountedOut # noqa: PLC0415
        from ..models.prize_out import PrizeOut # noqa: PLC0415
        baseline = self.baseline

        computation = self.computation

        counted = []
        for counted_item_data in self.counted:
            counted_item = counted_item_data.to_dict()
            counted.append(counted_item)



        display_name: None | str
        display_name = self.display_name

        group: None | str
        group = self.group

        group_score: float | None
        group_score = self.group_score

        place: int | None
        place = self.place

        prizes = []
        for prizes_item_data in self.prizes:
            prizes_item = prizes_item_data.to_dict()
            prizes.append(prizes_item)



        score = self.score

        team_id: int | None
        team_id = self.team_id

        tie_break: None | str
        tie_break = self.tie_break

        total = self.total

        user_id = self.user_id

        won = self.won


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "baseline": baseline,
            "computation": computation,
            "counted": counted,
            "display_name": display_name,
            "group": group,
            "group_score": group_score,
            "place": place,
            "prizes": prizes,
            "score": score,
            "team_id": team_id,
            "tie_break": tie_break,
            "total": total,
            "user_id": user_id,
            "won": won,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.counted_out import CountedOut # noqa: PLC0415
        from ..models.prize_out import PrizeOut # noqa: PLC0415
        d = dict(src_dict)
        baseline = d.pop("baseline")

        computation = d.pop("computation")

        counted = []
        _counted = d.pop("counted")
        for counted_item_data in (_counted):
            counted_item = CountedOut.from_dict(counted_item_data)



            counted.append(counted_item)


        def _parse_display_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        display_name = _parse_display_name(d.pop("display_name"))


        def _parse_group(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        group = _parse_group(d.pop("group"))


        def _parse_group_score(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        group_score = _parse_group_score(d.pop("group_score"))


        def _parse_place(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        place = _parse_place(d.pop("place"))


        prizes = []
        _prizes = d.pop("prizes")
        for prizes_item_data in (_prizes):
            prizes_item = PrizeOut.from_dict(prizes_item_data)



            prizes.append(prizes_item)


        score = d.pop("score")

        def _parse_team_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        team_id = _parse_team_id(d.pop("team_id"))


        def _parse_tie_break(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tie_break = _parse_tie_break(d.pop("tie_break"))


        total = d.pop("total")

        user_id = d.pop("user_id")

        won = d.pop("won")

        result_out = cls(
            baseline=baseline,
            computation=computation,
            counted=counted,
            display_name=display_name,
            group=group,
            group_score=group_score,
            place=place,
            prizes=prizes,
            score=score,
            team_id=team_id,
            tie_break=tie_break,
            total=total,
            user_id=user_id,
            won=won,
        )


        result_out.additional_properties = d
        return result_out

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
