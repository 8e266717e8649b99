from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.user_out import UserOut





T = TypeVar("T", bound="TokensOut")



@_attrs_define
class TokensOut:
    """ 
        Attributes:
            access_token (str):
            refresh_token (str):
            user (UserOut):
            expires_in (int | Unset):  Default: 0.
            token_type (str | Unset):  Default: 'bearer'.
     """

    access_token: str
    refresh_token: str
    user: UserOut
    expires_in: int | Unset = 0
    token_type: str | Unset = 'bearer'
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.user_out import UserOut # noqa: PLC0415
        access_token = self.access_token

        refresh_token = self.refresh_token

        user = self.user.to_dict()

        expires_in = self.expires_in

        token_type = self.token_type


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "access_token": access_token,
            "refresh_token": refresh_token,
            "user": user,
        })
        if expires_in is not UNSET:
            field_dict["expires_in"] = expires_in
        if token_type is not UNSET:
            field_dict["token_type"] = token_type

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.user_out import UserOut # noqa: PLC0415
        d = dict(src_dict)
        access_token = d.pop("access_token")

        refresh_token = d.pop("refresh_token")

        user = UserOut.from_dict(d.pop("user"))




        expires_in = d.pop("expires_in", UNSET)

        token_type = d.pop("token_type", UNSET)

        tokens_out = cls(
            access_token=access_token,
            refresh_token=refresh_token,
            user=user,
            expires_in=expires_in,
            token_type=token_type,
        )


        tokens_out.additional_properties = d
        return tokens_out

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
