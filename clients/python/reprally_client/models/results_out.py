from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.results_out_state import check_results_out_state
from ..models.results_out_state import ResultsOutState
from typing import cast

if TYPE_CHECKING:
  from ..models.result_out import ResultOut





T = TypeVar("T", bound="ResultsOut")



@_attrs_define
class ResultsOut:
    """ 
        Attributes:
            contest_id (int):
            final (bool):
            results (list[ResultOut]):
            rules_version (int):
            state (ResultsOutState):
            tie_breakers (list[str]):
     """

    contest_id: int
    final: bool
    results: list[ResultOut]
    rules_version: int
    state: ResultsOutState
    tie_breakers: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.result_out import ResultOut # noqa: PLC0415
        contest_id = self.contest_id

        final = self.final

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)



        rules_version = self.rules_version

        state: str = self.state

        tie_breakers = self.tie_breakers




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "contest_id": contest_id,
            "final": final,
            "results": results,
            "rules_version": rules_version,
            "state": state,
            "tie_breakers": tie_breakers,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.result_out import ResultOut # noqa: PLC0415
        d = dict(src_dict)
        contest_id = d.pop("contest_id")

        final = d.pop("final")

        results = []
        _results = d.pop("results")
        for results_item_data in (_results):
            results_item = ResultOut.from_dict(results_item_data)



            results.append(results_item)


        rules_version = d.pop("rules_version")

        state = check_results_out_state(d.pop("state"))




        tie_breakers = cast(list[str], d.pop("tie_breakers"))


        results_out = cls(
            contest_id=contest_id,
            final=final,
            results=results,
            rules_version=rules_version,
            state=state,
            tie_breakers=tie_breakers,
        )


        results_out.additional_properties = d
        return results_out

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
