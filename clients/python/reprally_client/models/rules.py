from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.map_rule import MapRule
  from ..models.rules_types import RulesTypes





T = TypeVar("T", bound="Rules")



@_attrs_define
class Rules:
    """ 
        Attributes:
            map_ (list[MapRule] | Unset):
            types (RulesTypes | Unset):
            won_stages (list[str] | Unset):
     """

    map_: list[MapRule] | Unset = UNSET
    types: RulesTypes | Unset = UNSET
    won_stages: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.map_rule import MapRule # noqa: PLC0415
        from ..models.rules_types import RulesTypes # noqa: PLC0415
        map_: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.map_, Unset):
            map_ = []
            for map_item_data in self.map_:
                map_item = map_item_data.to_dict()
                map_.append(map_item)



        types: dict[str, Any] | Unset = UNSET
        if not isinstance(self.types, Unset):
            types = self.types.to_dict()

        won_stages: list[str] | Unset = UNSET
        if not isinstance(self.won_stages, Unset):
            won_stages = self.won_stages




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if map_ is not UNSET:
            field_dict["map"] = map_
        if types is not UNSET:
            field_dict["types"] = types
        if won_stages is not UNSET:
            field_dict["won_stages"] = won_stages

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.map_rule import MapRule # noqa: PLC0415
        from ..models.rules_types import RulesTypes # noqa: PLC0415
        d = dict(src_dict)
        _map_ = d.pop("map", UNSET)
        map_: list[MapRule] | Unset = UNSET
        if _map_ is not UNSET:
            map_ = []
            for map_item_data in _map_:
                map_item = MapRule.from_dict(map_item_data)



                map_.append(map_item)


        _types = d.pop("types", UNSET)
        types: RulesTypes | Unset
        if isinstance(_types,  Unset):
            types = UNSET
        else:
            types = RulesTypes.from_dict(_types)




        won_stages = cast(list[str], d.pop("won_stages", UNSET))


        rules = cls(
            map_=map_,
            types=types,
            won_stages=won_stages,
        )


        rules.additional_properties = d
        return rules

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
