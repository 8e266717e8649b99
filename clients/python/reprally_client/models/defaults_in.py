from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.defaults_in_kinds_type_0 import DefaultsInKindsType0
  from ..models.quiet_hours import QuietHours





T = TypeVar("T", bound="DefaultsIn")



@_attrs_define
class DefaultsIn:
    """ 
        Attributes:
            kinds (DefaultsInKindsType0 | Unset):
            quiet_hours (None | QuietHours | Unset):
     """

    kinds: DefaultsInKindsType0 | Unset = UNSET
    quiet_hours: None | QuietHours | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.defaults_in_kinds_type_0 import DefaultsInKindsType0 # noqa: PLC0415
        from ..models.quiet_hours import QuietHours # noqa: PLC0415
        kinds: dict[str, Any] | Unset
        if isinstance(self.kinds, Unset):
            kinds = UNSET
        else:
            kinds = self.kinds.to_dict()


        quiet_hours: dict[str, Any] | None | Unset
        if isinstance(self.quiet_hours, Unset):
            quiet_hours = UNSET
        elif isinstance(self.quiet_hours, QuietHours):
            quiet_hours = self.quiet_hours.to_dict()
        else:
            quiet_hours = self.quiet_hours


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if kinds is not UNSET:
            field_dict["kinds"] = kinds
        if quiet_hours is not UNSET:
            field_dict["quiet_hours"] = quiet_hours

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.defaults_in_kinds_type_0 import DefaultsInKindsType0 # noqa: PLC0415
        from ..models.quiet_hours import QuietHours # noqa: PLC0415
        d = dict(src_dict)
        def _parse_kinds(data: object) -> DefaultsInKindsType0 | Unset:
            if isinstance(data, Unset):
                return data
            if not isinstance(data, dict):
                raise TypeError()
            kinds_type_0 = DefaultsInKindsType0.from_dict(data)



            return kinds_type_0

        kinds = _parse_kinds(d.pop("kinds", UNSET))


        def _parse_quiet_hours(data: object) -> None | QuietHours | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                quiet_hours_type_0 = QuietHours.from_dict(data)



                return quiet_hours_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | QuietHours | Unset, data)

        quiet_hours = _parse_quiet_hours(d.pop("quiet_hours", UNSET))


        defaults_in = cls(
            kinds=kinds,
            quiet_hours=quiet_hours,
        )


        defaults_in.additional_properties = d
        return defaults_in

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
