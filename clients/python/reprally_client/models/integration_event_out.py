from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="IntegrationEventOut")



@_attrs_define
class IntegrationEventOut:
    """ 
        Attributes:
            error_code (None | str):
            error_message (None | str):
            event_type (str):
            id (int):
            object_id (None | str):
            object_type (None | str):
            owner (None | str):
            received_at (datetime.datetime):
            source_at (datetime.datetime | None):
            status (str):
     """

    error_code: None | str
    error_message: None | str
    event_type: str
    id: int
    object_id: None | str
    object_type: None | str
    owner: None | str
    received_at: datetime.datetime
    source_at: datetime.datetime | None
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        error_code: None | str
        error_code = self.error_code

        error_message: None | str
        error_message = self.error_message

        event_type = self.event_type

        id = self.id

        object_id: None | str
        object_id = self.object_id

        object_type: None | str
        object_type = self.object_type

        owner: None | str
        owner = self.owner

        received_at = self.received_at.isoformat()

        source_at: None | str
        if isinstance(self.source_at, datetime.datetime):
            source_at = self.source_at.isoformat()
        else:
            source_at = self.source_at

        status = self.status


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "error_code": error_code,
            "error_message": error_message,
            "event_type": event_type,
            "id": id,
            "object_id": object_id,
            "object_type": object_type,
            "owner": owner,
            "received_at": received_at,
            "source_at": source_at,
            "status": status,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_error_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error_code = _parse_error_code(d.pop("error_code"))


        def _parse_error_message(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error_message = _parse_error_message(d.pop("error_message"))


        event_type = d.pop("event_type")

        id = d.pop("id")

        def _parse_object_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        object_id = _parse_object_id(d.pop("object_id"))


        def _parse_object_type(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        object_type = _parse_object_type(d.pop("object_type"))


        def _parse_owner(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        owner = _parse_owner(d.pop("owner"))


        received_at = datetime.datetime.fromisoformat(d.pop("received_at"))




        def _parse_source_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                source_at_type_0 = datetime.datetime.fromisoformat(data)



                return source_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        source_at = _parse_source_at(d.pop("source_at"))


        status = d.pop("status")

        integration_event_out = cls(
            error_code=error_code,
            error_message=error_message,
            event_type=event_type,
            id=id,
            object_id=object_id,
            object_type=object_type,
            owner=owner,
            received_at=received_at,
            source_at=source_at,
            status=status,
        )


        integration_event_out.additional_properties = d
        return integration_event_out

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
