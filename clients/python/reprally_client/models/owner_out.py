from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="OwnerOut")



@_attrs_define
class OwnerOut:
    """ 
        Attributes:
            crm_owner_id (str):
            email (None | str):
            user_id (int | None):
            requeued (int | Unset):  Default: 0.
     """

    crm_owner_id: str
    email: None | str
    user_id: int | None
    requeued: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        crm_owner_id = self.crm_owner_id

        email: None | str
        email = self.email

        user_id: int | None
        user_id = self.user_id

        requeued = self.requeued


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "crm_owner_id": crm_owner_id,
            "email": email,
            "user_id": user_id,
        })
        if requeued is not UNSET:
            field_dict["requeued"] = requeued

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        crm_owner_id = d.pop("crm_owner_id")

        def _parse_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        email = _parse_email(d.pop("email"))


        def _parse_user_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        user_id = _parse_user_id(d.pop("user_id"))


        requeued = d.pop("requeued", UNSET)

        owner_out = cls(
            crm_owner_id=crm_owner_id,
            email=email,
            user_id=user_id,
            requeued=requeued,
        )


        owner_out.additional_properties = d
        return owner_out

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
