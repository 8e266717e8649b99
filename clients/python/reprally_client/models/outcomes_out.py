from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="OutcomesOut")



@_attrs_define
class OutcomesOut:
    """ 
        Attributes:
            action (str):
            improved (int):
            mean_ratio (float | None):
            measured (int):
            taken (int):
     """

    action: str
    improved: int
    mean_ratio: float | None
    measured: int
    taken: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        action = self.action

        improved = self.improved

        mean_ratio: float | None
        mean_ratio = self.mean_ratio

        measured = self.measured

        taken = self.taken


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "action": action,
            "improved": improved,
            "mean_ratio": mean_ratio,
            "measured": measured,
            "taken": taken,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = d.pop("action")

        improved = d.pop("improved")

        def _parse_mean_ratio(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        mean_ratio = _parse_mean_ratio(d.pop("mean_ratio"))


        measured = d.pop("measured")

        taken = d.pop("taken")

        outcomes_out = cls(
            action=action,
            improved=improved,
            mean_ratio=mean_ratio,
            measured=measured,
            taken=taken,
        )


        outcomes_out.additional_properties = d
        return outcomes_out

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
