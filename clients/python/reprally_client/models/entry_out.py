from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="EntryOut")



@_attrs_define
class EntryOut:
    """ 
        Attributes:
            display_name (None | str):
            rank (int | None):
            score (int | None):
            team_id (int | None):
            user_id (int):
            attainment (float | None | Unset):
            baseline (float | None | Unset):
            improvement (float | None | Unset):
            target (int | None | Unset):
            tier (str | Unset):
     """

    display_name: None | str
    rank: int | None
    score: int | None
    team_id: int | None
    user_id: int
    attainment: float | None | Unset = UNSET
    baseline: float | None | Unset = UNSET
    improvement: float | None | Unset = UNSET
    target: int | None | Unset = UNSET
    tier: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        display_name: None | str
        display_name = self.display_name

        rank: int | None
        rank = self.rank

        score: int | None
        score = self.score

        team_id: int | None
        team_id = self.team_id

        user_id = self.user_id

        attainment: float | None | Unset
        if isinstance(self.attainment, Unset):
            attainment = UNSET
        else:
            attainment = self.attainment

        baseline: float | None | Unset
        if isinstance(self.baseline, Unset):
            baseline = UNSET
        else:
            baseline = self.baseline

        improvement: float | None | Unset
        if isinstance(self.improvement, Unset):
            improvement = UNSET
        else:
            improvement = self.improvement

        target: int | None | Unset
        if isinstance(self.target, Unset):
            target = UNSET
        else:
            target = self.target

        tier: str | Unset
        if isinstance(self.tier, Unset):
            tier = UNSET
        else:
            tier = self.tier


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "display_name": display_name,
            "rank": rank,
            "score": score,
            "team_id": team_id,
            "user_id": user_id,
        })
        if attainment is not UNSET:
            field_dict["attainment"] = attainment
        if baseline is not UNSET:
            field_dict["baseline"] = baseline
        if improvement is not UNSET:
            field_dict["improvement"] = improvement
        if target is not UNSET:
            field_dict["target"] = target
        if tier is not UNSET:
            field_dict["tier"] = tier

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_display_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        display_name = _parse_display_name(d.pop("display_name"))


        def _parse_rank(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rank = _parse_rank(d.pop("rank"))


        def _parse_score(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        score = _parse_score(d.pop("score"))


        def _parse_team_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        team_id = _parse_team_id(d.pop("team_id"))


        user_id = d.pop("user_id")

        def _parse_attainment(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        attainment = _parse_attainment(d.pop("attainment", UNSET))


        def _parse_baseline(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        baseline = _parse_baseline(d.pop("baseline", UNSET))


        def _parse_improvement(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        improvement = _parse_improvement(d.pop("improvement", UNSET))


        def _parse_target(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        target = _parse_target(d.pop("target", UNSET))


        def _parse_tier(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        tier = _parse_tier(d.pop("tier", UNSET))


        entry_out = cls(
            display_name=display_name,
            rank=rank,
            score=score,
            team_id=team_id,
            user_id=user_id,
            attainment=attainment,
            baseline=baseline,
            improvement=improvement,
            target=target,
            tier=tier,
        )


        entry_out.additional_properties = d
        return entry_out

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
