from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="RewardOut")



@_attrs_define
class RewardOut:
    """ 
        Attributes:
            active (bool):
            cost (int):
            created_at (datetime.datetime):
            description (str):
            id (int):
            name (str):
            stock (int | None):
            updated_at (datetime.datetime):
     """

    active: bool
    cost: int
    created_at: datetime.datetime
    description: str
    id: int
    name: str
    stock: int | None
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        active = self.active

        cost = self.cost

        created_at = self.created_at.isoformat()

        description = self.description

        id = self.id

        name = self.name

        stock: int | None
        stock = self.stock

        updated_at = self.updated_at.isoformat()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "active": active,
            "cost": cost,
            "created_at": created_at,
            "description": description,
            "id": id,
            "name": name,
            "stock": stock,
            "updated_at": updated_at,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        active = d.pop("active")

        cost = d.pop("cost")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        description = d.pop("description")

        id = d.pop("id")

        name = d.pop("name")

        def _parse_stock(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        stock = _parse_stock(d.pop("stock"))


        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        reward_out = cls(
            active=active,
            cost=cost,
            created_at=created_at,
            description=description,
            id=id,
            name=name,
            stock=stock,
            updated_at=updated_at,
        )


        reward_out.additional_properties = d
        return reward_out

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
