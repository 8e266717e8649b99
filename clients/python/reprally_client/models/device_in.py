from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.device_in_platform import check_device_in_platform
from ..models.device_in_platform import DeviceInPlatform
from typing import cast






T = TypeVar("T", bound="DeviceIn")



@_attrs_define
class DeviceIn:
    """ 
        Attributes:
            platform (DeviceInPlatform):
            token (str):
     """

    platform: DeviceInPlatform
    token: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        platform: str = self.platform

        token = self.token


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "platform": platform,
            "token": token,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        platform = check_device_in_platform(d.pop("platform"))




        token = d.pop("token")

        device_in = cls(
            platform=platform,
            token=token,
        )


        device_in.additional_properties = d
        return device_in

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
