from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.map_rule_object import check_map_rule_object
from ..models.map_rule_object import MapRuleObject
from ..models.map_rule_on import check_map_rule_on
from ..models.map_rule_on import MapRuleOn
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="MapRule")



@_attrs_define
class MapRule:
    """ 
        Attributes:
            activity_type (str):
            object_ (MapRuleObject):
            on (MapRuleOn | Unset):  Default: 'created'.
            quantity_field (None | str | Unset):
            value_field (None | str | Unset):
     """

    activity_type: str
    object_: MapRuleObject
    on: MapRuleOn | Unset = 'created'
    quantity_field: None | str | Unset = UNSET
    value_field: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        activity_type = self.activity_type

        object_: str = self.object_

        on: str | Unset = UNSET
        if not isinstance(self.on, Unset):
            on = self.on


        quantity_field: None | str | Unset
        if isinstance(self.quantity_field, Unset):
            quantity_field = UNSET
        else:
            quantity_field = self.quantity_field

        value_field: None | str | Unset
        if isinstance(self.value_field, Unset):
            value_field = UNSET
        else:
            value_field = self.value_field


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "activity_type": activity_type,
            "object": object_,
        })
        if on is not UNSET:
            field_dict["on"] = on
        if quantity_field is not UNSET:
            field_dict["quantity_field"] = quantity_field
        if value_field is not UNSET:
            field_dict["value_field"] = value_field

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        activity_type = d.pop("activity_type")

        object_ = check_map_rule_object(d.pop("object"))




        _on = d.pop("on", UNSET)
        on: MapRuleOn | Unset
        if isinstance(_on,  Unset):
            on = UNSET
        else:
            on = check_map_rule_on(_on)




        def _parse_quantity_field(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        quantity_field = _parse_quantity_field(d.pop("quantity_field", UNSET))


        def _parse_value_field(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        value_field = _parse_value_field(d.pop("value_field", UNSET))


        map_rule = cls(
            activity_type=activity_type,
            object_=object_,
            on=on,
            quantity_field=quantity_field,
            value_field=value_field,
        )


        map_rule.additional_properties = d
        return map_rule

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
