from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.notification_out_data import NotificationOutData





T = TypeVar("T", bound="NotificationOut")



@_attrs_define
class NotificationOut:
    """ 
        Attributes:
            actor_user_id (int | None):
            body (str):
            created_at (str):
            data (NotificationOutData):
            id (int):
            kind (str):
            read (bool):
            read_at (None | str):
            title (str):
     """

    actor_user_id: int | None
    body: str
    created_at: str
    data: NotificationOutData
    id: int
    kind: str
    read: bool
    read_at: None | str
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.notification_out_data import NotificationOutData # noqa: PLC0415
        actor_user_id: int | None
        actor_user_id = self.actor_user_id

        body = self.body

        created_at = self.created_at

        data = self.data.to_dict()

        id = self.id

        kind = self.kind

        read = self.read

        read_at: None | str
        read_at = self.read_at

        title = self.title


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "actor_user_id": actor_user_id,
            "body": body,
            "created_at": created_at,
            "data": data,
            "id": id,
            "kind": kind,
            "read": read,
            "read_at": read_at,
            "title": title,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.notification_out_data import NotificationOutData # noqa: PLC0415
        d = dict(src_dict)
        def _parse_actor_user_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        actor_user_id = _parse_actor_user_id(d.pop("actor_user_id"))


        body = d.pop("body")

        created_at = d.pop("created_at")

        data = NotificationOutData.from_dict(d.pop("data"))




        id = d.pop("id")

        kind = d.pop("kind")

        read = d.pop("read")

        def _parse_read_at(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        read_at = _parse_read_at(d.pop("read_at"))


        title = d.pop("title")

        notification_out = cls(
            actor_user_id=actor_user_id,
            body=body,
            created_at=created_at,
            data=data,
            id=id,
            kind=kind,
            read=read,
            read_at=read_at,
            title=title,
        )


        notification_out.additional_properties = d
        return notification_out

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
