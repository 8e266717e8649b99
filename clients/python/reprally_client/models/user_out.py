from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.user_out_role import check_user_out_role
from ..models.user_out_role import UserOutRole
from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="UserOut")



@_attrs_define
class UserOut:
    """ 
        Attributes:
            active (bool):
            created_at (datetime.datetime):
            display_name (str):
            email (None | str):
            id (int):
            job_role (None | str):
            org_id (int):
            region (None | str):
            role (UserOutRole):
            shift (None | str):
            team_id (int | None):
            timezone (None | str):
            region_from_team (bool | Unset):  Default: True.
     """

    active: bool
    created_at: datetime.datetime
    display_name: str
    email: None | str
    id: int
    job_role: None | str
    org_id: int
    region: None | str
    role: UserOutRole
    shift: None | str
    team_id: int | None
    timezone: None | str
    region_from_team: bool | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        active = self.active

        created_at = self.created_at.isoformat()

        display_name = self.display_name

        email: None | str
        email = self.email

        id = self.id

        job_role: None | str
        job_role = self.job_role

        org_id = self.org_id

        region: None | str
        region = self.region

        role: str = self.role

        shift: None | str
        shift = self.shift

        team_id: int | None
        team_id = self.team_id

        timezone: None | str
        timezone = self.timezone

        region_from_team = self.region_from_team


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "active": active,
            "created_at": created_at,
            "display_name": display_name,
            "email": email,
            "id": id,
            "job_role": job_role,
            "org_id": org_id,
            "region": region,
            "role": role,
            "shift": shift,
            "team_id": team_id,
            "timezone": timezone,
        })
        if region_from_team is not UNSET:
            field_dict["region_from_team"] = region_from_team

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        active = d.pop("active")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        display_name = d.pop("display_name")

        def _parse_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        email = _parse_email(d.pop("email"))


        id = d.pop("id")

        def _parse_job_role(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        job_role = _parse_job_role(d.pop("job_role"))


        org_id = d.pop("org_id")

        def _parse_region(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        region = _parse_region(d.pop("region"))


        role = check_user_out_role(d.pop("role"))




        def _parse_shift(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        shift = _parse_shift(d.pop("shift"))


        def _parse_team_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        team_id = _parse_team_id(d.pop("team_id"))


        def _parse_timezone(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        timezone = _parse_timezone(d.pop("timezone"))


        region_from_team = d.pop("region_from_team", UNSET)

        user_out = cls(
            active=active,
            created_at=created_at,
            display_name=display_name,
            email=email,
            id=id,
            job_role=job_role,
            org_id=org_id,
            region=region,
            role=role,
            shift=shift,
            team_id=team_id,
            timezone=timezone,
            region_from_team=region_from_team,
        )


        user_out.additional_properties = d
        return user_out

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
