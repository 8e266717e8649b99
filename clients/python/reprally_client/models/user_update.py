from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.user_update_role_type_0 import check_user_update_role_type_0
from ..models.user_update_role_type_0 import UserUpdateRoleType0
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="UserUpdate")



@_attrs_define
class UserUpdate:
    """ 
        Attributes:
            active (bool | Unset):
            display_name (str | Unset):
            job_role (None | str | Unset):
            password (str | Unset): at least 10 characters, not your email, not easy to guess
            region (None | str | Unset):
            role (Unset | UserUpdateRoleType0):
            shift (None | str | Unset):
            team_id (int | None | Unset):
            timezone (None | str | Unset):
     """

    active: bool | Unset = UNSET
    display_name: str | Unset = UNSET
    job_role: None | str | Unset = UNSET
    password: str | Unset = UNSET
    region: None | str | Unset = UNSET
    role: Unset | UserUpdateRoleType0 = UNSET
    shift: None | str | Unset = UNSET
    team_id: int | None | Unset = UNSET
    timezone: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        active: bool | Unset
        if isinstance(self.active, Unset):
            active = UNSET
        else:
            active = self.active

        display_name: str | Unset
        if isinstance(self.display_name, Unset):
            display_name = UNSET
        else:
            display_name = self.display_name

        job_role: None | str | Unset
        if isinstance(self.job_role, Unset):
            job_role = UNSET
        else:
            job_role = self.job_role

        password: str | Unset
        if isinstance(self.password, Unset):
            password = UNSET
        else:
            password = self.password

        region: None | str | Unset
        if isinstance(self.region, Unset):
            region = UNSET
        else:
            region = self.region

        role: str | Unset
        if isinstance(self.role, Unset):
            role = UNSET
        else:
            role = self.role


        shift: None | str | Unset
        if isinstance(self.shift, Unset):
            shift = UNSET
        else:
            shift = self.shift

        team_id: int | None | Unset
        if isinstance(self.team_id, Unset):
            team_id = UNSET
        else:
            team_id = self.team_id

        timezone: None | str | Unset
        if isinstance(self.timezone, Unset):
            timezone = UNSET
        else:
            timezone = self.timezone


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if active is not UNSET:
            field_dict["active"] = active
        if display_name is not UNSET:
            field_dict["display_name"] = display_name
        if job_role is not UNSET:
            field_dict["job_role"] = job_role
        if password is not UNSET:
            field_dict["password"] = password
        if region is not UNSET:
            field_dict["region"] = region
        if role is not UNSET:
            field_dict["role"] = role
        if shift is not UNSET:
            field_dict["shift"] = shift
        if team_id is not UNSET:
            field_dict["team_id"] = team_id
        if timezone is not UNSET:
            field_dict["timezone"] = timezone

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_active(data: object) -> bool | Unset:
            if isinstance(data, Unset):
                return data
            return cast(bool | Unset, data)

        active = _parse_active(d.pop("active", UNSET))


        def _parse_display_name(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        display_name = _parse_display_name(d.pop("display_name", UNSET))


        def _parse_job_role(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        job_role = _parse_job_role(d.pop("job_role", UNSET))


        def _parse_password(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        password = _parse_password(d.pop("password", UNSET))


        def _parse_region(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        region = _parse_region(d.pop("region", UNSET))


        def _parse_role(data: object) -> Unset | UserUpdateRoleType0:
            if isinstance(data, Unset):
                return data
            if not isinstance(data, str):
                raise TypeError()
            role_type_0 = check_user_update_role_type_0(data)



            return role_type_0

        role = _parse_role(d.pop("role", UNSET))


        def _parse_shift(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        shift = _parse_shift(d.pop("shift", UNSET))


        def _parse_team_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        team_id = _parse_team_id(d.pop("team_id", UNSET))


        def _parse_timezone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        timezone = _parse_timezone(d.pop("timezone", UNSET))


        user_update = cls(
            active=active,
            display_name=display_name,
            job_role=job_role,
            password=password,
            region=region,
            role=role,
            shift=shift,
            team_id=team_id,
            timezone=timezone,
        )


        user_update.additional_properties = d
        return user_update

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
