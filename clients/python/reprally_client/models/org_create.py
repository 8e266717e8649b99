from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.org_create_week_start import check_org_create_week_start
from ..models.org_create_week_start import OrgCreateWeekStart
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.admin_in import AdminIn





T = TypeVar("T", bound="OrgCreate")



@_attrs_define
class OrgCreate:
    """ 
        Attributes:
            admin (AdminIn):
            name (str):
            timezone (str):
            week_start (OrgCreateWeekStart | Unset):  Default: 'monday'.
     """

    admin: AdminIn
    name: str
    timezone: str
    week_start: OrgCreateWeekStart | Unset = 'monday'
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.admin_in import AdminIn # noqa: PLC0415
        admin = self.admin.to_dict()

        name = self.name

        timezone = self.timezone

        week_start: str | Unset = UNSET
        if not isinstance(self.week_start, Unset):
            week_start = self.week_start



        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "admin": admin,
            "name": name,
            "timezone": timezone,
        })
        if week_start is not UNSET:
            field_dict["week_start"] = week_start

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.admin_in import AdminIn # noqa: PLC0415
        d = dict(src_dict)
        admin = AdminIn.from_dict(d.pop("admin"))




        name = d.pop("name")

        timezone = d.pop("timezone")

        _week_start = d.pop("week_start", UNSET)
        week_start: OrgCreateWeekStart | Unset
        if isinstance(_week_start,  Unset):
            week_start = UNSET
        else:
            week_start = check_org_create_week_start(_week_start)




        org_create = cls(
            admin=admin,
            name=name,
            timezone=timezone,
            week_start=week_start,
        )


        org_create.additional_properties = d
        return org_create

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
