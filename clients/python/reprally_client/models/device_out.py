from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="DeviceOut")



@_attrs_define
class DeviceOut:
    """ 
        Attributes:
            created_at (datetime.datetime):
            last_seen_at (datetime.datetime):
            platform (str):
            token (str):
     """

    created_at: datetime.datetime
    last_seen_at: datetime.datetime
    platform: str
    token: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        last_seen_at = self.last_seen_at.isoformat()

        platform = self.platform

        token = self.token


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "created_at": created_at,
            "last_seen_at": last_seen_at,
            "platform": platform,
            "token": token,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        last_seen_at = datetime.datetime.fromisoformat(d.pop("last_seen_at"))




        platform = d.pop("platform")

        token = d.pop("token")

        device_out = cls(
            created_at=created_at,
            last_seen_at=last_seen_at,
            platform=platform,
            token=token,
        )


        device_out.additional_properties = d
        return device_out

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
