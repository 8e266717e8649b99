from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime






T = TypeVar("T", bound="KudosOut")



@_attrs_define
class KudosOut:
    """ 
        Attributes:
            created_at (datetime.datetime):
            from_user_id (int):
            id (int):
            message (str):
            points (int):
            to_user_id (int):
            value_tag (None | str):
            boards_updated (bool | None | Unset):
            feed_item_id (int | None | Unset):
            ledger_entry_id (int | None | Unset):
     """

    created_at: datetime.datetime
    from_user_id: int
    id: int
    message: str
    points: int
    to_user_id: int
    value_tag: None | str
    boards_updated: bool | None | Unset = UNSET
    feed_item_id: int | None | Unset = UNSET
    ledger_entry_id: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        from_user_id = self.from_user_id

        id = self.id

        message = self.message

        points = self.points

        to_user_id = self.to_user_id

        value_tag: None | str
        value_tag = self.value_tag

        boards_updated: bool | None | Unset
        if isinstance(self.boards_updated, Unset):
            boards_updated = UNSET
        else:
            boards_updated = self.boards_updated

        feed_item_id: int | None | Unset
        if isinstance(self.feed_item_id, Unset):
            feed_item_id = UNSET
        else:
            feed_item_id = self.feed_item_id

        ledger_entry_id: int | None | Unset
        if isinstance(self.ledger_entry_id, Unset):
            ledger_entry_id = UNSET
        else:
            ledger_entry_id = self.ledger_entry_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "created_at": created_at,
            "from_user_id": from_user_id,
            "id": id,
            "message": message,
            "points": points,
            "to_user_id": to_user_id,
            "value_tag": value_tag,
        })
        if boards_updated is not UNSET:
            field_dict["boards_updated"] = boards_updated
        if feed_item_id is not UNSET:
            field_dict["feed_item_id"] = feed_item_id
        if ledger_entry_id is not UNSET:
            field_dict["ledger_entry_id"] = ledger_entry_id

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        from_user_id = d.pop("from_user_id")

        id = d.pop("id")

        message = d.pop("message")

        points = d.pop("points")

        to_user_id = d.pop("to_user_id")

        def _parse_value_tag(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        value_tag = _parse_value_tag(d.pop("value_tag"))


        def _parse_boards_updated(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        boards_updated = _parse_boards_updated(d.pop("boards_updated", UNSET))


        def _parse_feed_item_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        feed_item_id = _parse_feed_item_id(d.pop("feed_item_id", UNSET))


        def _parse_ledger_entry_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        ledger_entry_id = _parse_ledger_entry_id(d.pop("ledger_entry_id", UNSET))


        kudos_out = cls(
            created_at=created_at,
            from_user_id=from_user_id,
            id=id,
            message=message,
            points=points,
            to_user_id=to_user_id,
            value_tag=value_tag,
            boards_updated=boards_updated,
            feed_item_id=feed_item_id,
            ledger_entry_id=ledger_entry_id,
        )


        kudos_out.additional_properties = d
        return kudos_out

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
