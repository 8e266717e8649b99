from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="DisplayOut")



@_attrs_define
class DisplayOut:
    """ 
        Attributes:
            boards (list[str]):
            code_expires_at (datetime.datetime | None):
            created_at (datetime.datetime):
            id (int):
            name (str):
            paired_at (datetime.datetime | None):
            pairing_code (None | str):
            revoked_at (datetime.datetime | None):
            rotate_seconds (int):
     """

    boards: list[str]
    code_expires_at: datetime.datetime | None
    created_at: datetime.datetime
    id: int
    name: str
    paired_at: datetime.datetime | None
    pairing_code: None | str
    revoked_at: datetime.datetime | None
    rotate_seconds: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        boards = self.boards



        code_expires_at: None | str
        if isinstance(self.code_expires_at, datetime.datetime):
            code_expires_at = self.code_expires_at.isoformat()
        else:
            code_expires_at = self.code_expires_at

        created_at = self.created_at.isoformat()

        id = self.id

        name = self.name

        paired_at: None | str
        if isinstance(self.paired_at, datetime.datetime):
            paired_at = self.paired_at.isoformat()
        else:
            paired_at = self.paired_at

        pairing_code: None | str
        pairing_code = self.pairing_code

        revoked_at: None | str
        if isinstance(self.revoked_at, datetime.datetime):
            revoked_at = self.revoked_at.isoformat()
        else:
            revoked_at = self.revoked_at

        rotate_seconds = self.rotate_seconds


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "boards": boards,
            "code_expires_at": code_expires_at,
            "created_at": created_at,
            "id": id,
            "name": name,
            "paired_at": paired_at,
            "pairing_code": pairing_code,
            "revoked_at": revoked_at,
            "rotate_seconds": rotate_seconds,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        boards = cast(list[str], d.pop("boards"))


        def _parse_code_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                code_expires_at_type_0 = datetime.datetime.fromisoformat(data)



                return code_expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        code_expires_at = _parse_code_expires_at(d.pop("code_expires_at"))


        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        id = d.pop("id")

        name = d.pop("name")

        def _parse_paired_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                paired_at_type_0 = datetime.datetime.fromisoformat(data)



                return paired_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        paired_at = _parse_paired_at(d.pop("paired_at"))


        def _parse_pairing_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        pairing_code = _parse_pairing_code(d.pop("pairing_code"))


        def _parse_revoked_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                revoked_at_type_0 = datetime.datetime.fromisoformat(data)



                return revoked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        revoked_at = _parse_revoked_at(d.pop("revoked_at"))


        rotate_seconds = d.pop("rotate_seconds")

        display_out = cls(
            boards=boards,
            code_expires_at=code_expires_at,
            created_at=created_at,
            id=id,
            name=name,
            paired_at=paired_at,
            pairing_code=pairing_code,
            revoked_at=revoked_at,
            rotate_seconds=rotate_seconds,
        )


        display_out.additional_properties = d
        return display_out

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
