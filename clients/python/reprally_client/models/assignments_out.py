from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.assignment_out import AssignmentOut
  from ..models.assignments_out_counts import AssignmentsOutCounts





T = TypeVar("T", bound="AssignmentsOut")



@_attrs_define
class AssignmentsOut:
    """ 
        Attributes:
            counts (AssignmentsOutCounts):
            experiment_id (int):
            items (list[AssignmentOut]):
            seed (int):
     """

    counts: AssignmentsOutCounts
    experiment_id: int
    items: list[AssignmentOut]
    seed: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.assignment_out import AssignmentOut # noqa: PLC0415
        from ..models.assignments_out_counts import AssignmentsOutCounts # noqa: PLC0415
        counts = self.counts.to_dict()

        experiment_id = self.experiment_id

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)



        seed = self.seed


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "counts": counts,
            "experiment_id": experiment_id,
            "items": items,
            "seed": seed,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.assignment_out import AssignmentOut # noqa: PLC0415
        from ..models.assignments_out_counts import AssignmentsOutCounts # noqa: PLC0415
        d = dict(src_dict)
        counts = AssignmentsOutCounts.from_dict(d.pop("counts"))




        experiment_id = d.pop("experiment_id")

        items = []
        _items = d.pop("items")
        for items_item_data in (_items):
            items_item = AssignmentOut.from_dict(items_item_data)



            items.append(items_item)


        seed = d.pop("seed")

        assignments_out = cls(
            counts=counts,
            experiment_id=experiment_id,
            items=items,
            seed=seed,
        )


        assignments_out.additional_properties = d
        return assignments_out

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
