from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.org_out import OrgOut
  from ..models.user_out import UserOut





T = TypeVar("T", bound="OrgCreated")



@_attrs_define
class OrgCreated:
    """ 
        Attributes:
            access_token (str):
            org (OrgOut):
            refresh_token (str):
            user (UserOut):
            token_type (str | Unset):  Default: 'bearer'.
     """

    access_token: str
    org: OrgOut
    refresh_token: str
    user: UserOut
    token_type: str | Unset = 'bearer'
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.org_out import OrgOut # noqa: PLC0415
        from ..models.user_out import UserOut # noqa: PLC0415
        access_token = self.access_token

        org = self.org.to_dict()

        refresh_token = self.refresh_token

        user = self.user.to_dict()

        token_type = self.token_type


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "access_token": access_token,
            "org": org,
            "refresh_token": refresh_token,
            "user": user,
        })
        if token_type is not UNSET:
            field_dict["token_type"] = token_type

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.org_out import OrgOut # noqa: PLC0415
        from ..models.user_out import UserOut # noqa: PLC0415
        d = dict(src_dict)
        access_token = d.pop("access_token")

        org = OrgOut.from_dict(d.pop("org"))




        refresh_token = d.pop("refresh_token")

        user = UserOut.from_dict(d.pop("user"))




        token_type = d.pop("token_type", UNSET)

        org_created = cls(
            access_token=access_token,
            org=org,
            refresh_token=refresh_token,
            user=user,
            token_type=token_type,
        )


        org_created.additional_properties = d
        return org_created

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
