from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.reaction_out import ReactionOut





T = TypeVar("T", bound="ReactionsOut")



@_attrs_define
class ReactionsOut:
    """ 
        Attributes:
            id (int):
            reactions (list[ReactionOut]):
     """

    id: int
    reactions: list[ReactionOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.reaction_out import ReactionOut # noqa: PLC0415
        id = self.id

        reactions = []
        for reactions_item_data in self.reactions:
            reactions_item = reactions_item_data.to_dict()
            reactions.append(reactions_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "id": id,
            "reactions": reactions,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.reaction_out import ReactionOut # noqa: PLC0415
        d = dict(src_dict)
        id = d.pop("id")

        reactions = []
        _reactions = d.pop("reactions")
        for reactions_item_data in (_reactions):
            reactions_item = ReactionOut.from_dict(reactions_item_data)



            reactions.append(reactions_item)


        reactions_out = cls(
            id=id,
            reactions=reactions,
        )


        reactions_out.additional_properties = d
        return reactions_out

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
