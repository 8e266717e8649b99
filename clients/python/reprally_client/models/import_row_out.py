from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.import_row_error import ImportRowError





T = TypeVar("T", bound="ImportRowOut")



@_attrs_define
class ImportRowOut:
    """ 
        Attributes:
            display_name (str):
            email (str):
            errors (list[ImportRowError]):
            line (int):
            role (str):
            team_id (int | None):
            password (None | str | Unset):
            user_id (int | None | Unset):
     """

    display_name: str
    email: str
    errors: list[ImportRowError]
    line: int
    role: str
    team_id: int | None
    password: None | str | Unset = UNSET
    user_id: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.import_row_error import ImportRowError # noqa: PLC0415
        display_name = self.display_name

        email = self.email

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)



        line = self.line

        role = self.role

        team_id: int | None
        team_id = self.team_id

        password: None | str | Unset
        if isinstance(self.password, Unset):
            password = UNSET
        else:
            password = self.password

        user_id: int | None | Unset
        if isinstance(self.user_id, Unset):
            user_id = UNSET
        else:
            user_id = self.user_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "display_name": display_name,
            "email": email,
            "errors": errors,
            "line": line,
            "role": role,
            "team_id": team_id,
        })
        if password is not UNSET:
            field_dict["password"] = password
        if user_id is not UNSET:
            field_dict["user_id"] = user_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.import_row_error import ImportRowError # noqa: PLC0415
        d = dict(src_dict)
        display_name = d.pop("display_name")

        email = d.pop("email")

        errors = []
        _errors = d.pop("errors")
        for errors_item_data in (_errors):
            errors_item = ImportRowError.from_dict(errors_item_data)



            errors.append(errors_item)


        line = d.pop("line")

        role = d.pop("role")

        def _parse_team_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        team_id = _parse_team_id(d.pop("team_id"))


        def _parse_password(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        password = _parse_password(d.pop("password", UNSET))


        def _parse_user_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        user_id = _parse_user_id(d.pop("user_id", UNSET))


        import_row_out = cls(
            display_name=display_name,
            email=email,
            errors=errors,
            line=line,
            role=role,
            team_id=team_id,
            password=password,
            user_id=user_id,
        )


        import_row_out.additional_properties = d
        return import_row_out

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
