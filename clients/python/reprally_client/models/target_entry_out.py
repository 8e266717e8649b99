from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="TargetEntryOut")



@_attrs_define
class TargetEntryOut:
    """ 
        Attributes:
            actual (int):
            attainment (float | None):
            display_name (str):
            effective_from (datetime.date | None):
            on_pace (bool | None):
            set_at (datetime.datetime | None):
            set_by_user_id (int | None):
            target (int | None):
            team_id (int | None):
            user_id (int):
            version (int | None):
     """

    actual: int
    attainment: float | None
    display_name: str
    effective_from: datetime.date | None
    on_pace: bool | None
    set_at: datetime.datetime | None
    set_by_user_id: int | None
    target: int | None
    team_id: int | None
    user_id: int
    version: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        actual = self.actual

        attainment: float | None
        attainment = self.attainment

        display_name = self.display_name

        effective_from: None | str
        if isinstance(self.effective_from, datetime.date):
            effective_from = self.effective_from.isoformat()
        else:
            effective_from = self.effective_from

        on_pace: bool | None
        on_pace = self.on_pace

        set_at: None | str
        if isinstance(self.set_at, datetime.datetime):
            set_at = self.set_at.isoformat()
        else:
            set_at = self.set_at

        set_by_user_id: int | None
        set_by_user_id = self.set_by_user_id

        target: int | None
        target = self.target

        team_id: int | None
        team_id = self.team_id

        user_id = self.user_id

        version: int | None
        version = self.version


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "actual": actual,
            "attainment": attainment,
            "display_name": display_name,
            "effective_from": effective_from,
            "on_pace": on_pace,
            "set_at": set_at,
            "set_by_user_id": set_by_user_id,
            "target": target,
            "team_id": team_id,
            "user_id": user_id,
            "version": version,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        actual = d.pop("actual")

        def _parse_attainment(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        attainment = _parse_attainment(d.pop("attainment"))


        display_name = d.pop("display_name")

        def _parse_effective_from(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                effective_from_type_0 = datetime.date.fromisoformat(data)



                return effective_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        effective_from = _parse_effective_from(d.pop("effective_from"))


        def _parse_on_pace(data: object) -> bool | None:
            if data is None:
                return data
            return cast(bool | None, data)

        on_pace = _parse_on_pace(d.pop("on_pace"))


        def _parse_set_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                set_at_type_0 = datetime.datetime.fromisoformat(data)



                return set_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        set_at = _parse_set_at(d.pop("set_at"))


        def _parse_set_by_user_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        set_by_user_id = _parse_set_by_user_id(d.pop("set_by_user_id"))


        def _parse_target(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        target = _parse_target(d.pop("target"))


        def _parse_team_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        team_id = _parse_team_id(d.pop("team_id"))


        user_id = d.pop("user_id")

        def _parse_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        version = _parse_version(d.pop("version"))


        target_entry_out = cls(
            actual=actual,
            attainment=attainment,
            display_name=display_name,
            effective_from=effective_from,
            on_pace=on_pace,
            set_at=set_at,
            set_by_user_id=set_by_user_id,
            target=target,
            team_id=team_id,
            user_id=user_id,
            version=version,
        )


        target_entry_out.additional_properties = d
        return target_entry_out

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
