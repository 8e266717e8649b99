from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.activity_out_unlocked import ActivityOutUnlocked





T = TypeVar("T", bound="ActivityOut")



@_attrs_define
class ActivityOut:
    """ 
        Attributes:
            boards_updated (bool):
            duplicate (bool):
            external_id (None | str):
            id (int):
            ledger_entry_id (int):
            occurred_at (datetime.datetime):
            points_awarded (int):
            quantity (int):
            recorded_at (datetime.datetime):
            source (str):
            type_ (str):
            units_over_cap (int):
            user_id (int):
            value (float | None):
            unlocked (ActivityOutUnlocked | Unset):
     """

    boards_updated: bool
    duplicate: bool
    external_id: None | str
    id: int
    ledger_entry_id: int
    occurred_at: datetime.datetime
    points_awarded: int
    quantity: int
    recorded_at: datetime.datetime
    source: str
    type_: str
    units_over_cap: int
    user_id: int
    value: float | None
    unlocked: ActivityOutUnlocked | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.activity_out_unlocked import ActivityOutUnlocked # noqa: PLC0415
        boards_updated = self.boards_updated

        duplicate = self.duplicate

        external_id: None | str
        external_id = self.external_id

        id = self.id

        ledger_entry_id = self.ledger_entry_id

        occurred_at = self.occurred_at.isoformat()

        points_awarded = self.points_awarded

        quantity = self.quantity

        recorded_at = self.recorded_at.isoformat()

        source = self.source

        type_ = self.type_

        units_over_cap = self.units_over_cap

        user_id = self.user_id

        value: float | None
        value = self.value

        unlocked: dict[str, Any] | Unset = UNSET
        if not isinstance(self.unlocked, Unset):
            unlocked = self.unlocked.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "boards_updated": boards_updated,
            "duplicate": duplicate,
            "external_id": external_id,
            "id": id,
            "ledger_entry_id": ledger_entry_id,
            "occurred_at": occurred_at,
            "points_awarded": points_awarded,
            "quantity": quantity,
            "recorded_at": recorded_at,
            "source": source,
            "type": type_,
            "units_over_cap": units_over_cap,
            "user_id": user_id,
            "value": value,
        })
        if unlocked is not UNSET:
            field_dict["unlocked"] = unlocked

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.activity_out_unlocked import ActivityOutUnlocked # noqa: PLC0415
        d = dict(src_dict)
        boards_updated = d.pop("boards_updated")

        duplicate = d.pop("duplicate")

        def _parse_external_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        external_id = _parse_external_id(d.pop("external_id"))


        id = d.pop("id")

        ledger_entry_id = d.pop("ledger_entry_id")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))




        points_awarded = d.pop("points_awarded")

        quantity = d.pop("quantity")

        recorded_at = datetime.datetime.fromisoformat(d.pop("recorded_at"))




        source = d.pop("source")

        type_ = d.pop("type")

        units_over_cap = d.pop("units_over_cap")

        user_id = d.pop("user_id")

        def _parse_value(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        value = _parse_value(d.pop("value"))


        _unlocked = d.pop("unlocked", UNSET)
        unlocked: ActivityOutUnlocked | Unset
        if isinstance(_unlocked,  Unset):
            unlocked = UNSET
        else:
            unlocked = ActivityOutUnlocked.from_dict(_unlocked)




        activity_out = cls(
            boards_updated=boards_updated,
            duplicate=duplicate,
            external_id=external_id,
            id=id,
            ledger_entry_id=ledger_entry_id,
            occurred_at=occurred_at,
            points_awarded=points_awarded,
            quantity=quantity,
            recorded_at=recorded_at,
            source=source,
            type_=type_,
            units_over_cap=units_over_cap,
            user_id=user_id,
            value=value,
            unlocked=unlocked,
        )


        activity_out.additional_properties = d
        return activity_out

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
