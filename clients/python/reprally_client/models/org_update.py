from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.org_update_week_start_type_0 import check_org_update_week_start_type_0
from ..models.org_update_week_start_type_0 import OrgUpdateWeekStartType0
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="OrgUpdate")



@_attrs_define
class OrgUpdate:
    """ 
        Attributes:
            name (str | Unset):
            timezone (str | Unset):
            week_start (OrgUpdateWeekStartType0 | Unset):
     """

    name: str | Unset = UNSET
    timezone: str | Unset = UNSET
    week_start: OrgUpdateWeekStartType0 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        name: str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        timezone: str | Unset
        if isinstance(self.timezone, Unset):
            timezone = UNSET
        else:
            timezone = self.timezone

        week_start: str | Unset
        if isinstance(self.week_start, Unset):
            week_start = UNSET
        else:
            week_start = self.week_start



        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if name is not UNSET:
            field_dict["name"] = name
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if week_start is not UNSET:
            field_dict["week_start"] = week_start

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_name(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))


        def _parse_timezone(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        timezone = _parse_timezone(d.pop("timezone", UNSET))


        def _parse_week_start(data: object) -> OrgUpdateWeekStartType0 | Unset:
            if isinstance(data, Unset):
                return data
            if not isinstance(data, str):
                raise TypeError()
            week_start_type_0 = check_org_update_week_start_type_0(data)



            return week_start_type_0

        week_start = _parse_week_start(d.pop("week_start", UNSET))


        org_update = cls(
            name=name,
            timezone=timezone,
            week_start=week_start,
        )


        org_update.additional_properties = d
        return org_update

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
