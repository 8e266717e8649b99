from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="VersionOut")



@_attrs_define
class VersionOut:
    """ 
        Attributes:
            set_at (datetime.datetime):
            set_by_user_id (int | None):
            starts_on (datetime.date):
            user_id (int):
            value (int | None):
            version (int):
     """

    set_at: datetime.datetime
    set_by_user_id: int | None
    starts_on: datetime.date
    user_id: int
    value: int | None
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        set_at = self.set_at.isoformat()

        set_by_user_id: int | None
        set_by_user_id = self.set_by_user_id

        starts_on = self.starts_on.isoformat()

        user_id = self.user_id

        value: int | None
        value = self.value

        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "set_at": set_at,
            "set_by_user_id": set_by_user_id,
            "starts_on": starts_on,
            "user_id": user_id,
            "value": value,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        set_at = datetime.datetime.fromisoformat(d.pop("set_at"))




        def _parse_set_by_user_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        set_by_user_id = _parse_set_by_user_id(d.pop("set_by_user_id"))


        starts_on = datetime.date.fromisoformat(d.pop("starts_on"))




        user_id = d.pop("user_id")

        def _parse_value(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        value = _parse_value(d.pop("value"))


        version = d.pop("version")

        version_out = cls(
            set_at=set_at,
            set_by_user_id=set_by_user_id,
            starts_on=starts_on,
            user_id=user_id,
            value=value,
            version=version,
        )


        version_out.additional_properties = d
        return version_out

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
