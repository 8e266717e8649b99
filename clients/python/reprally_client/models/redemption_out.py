from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.redemption_out_state import check_redemption_out_state
from ..models.redemption_out_state import RedemptionOutState
from typing import cast
import datetime






T = TypeVar("T", bound="RedemptionOut")



@_attrs_define
class RedemptionOut:
    """ 
        Attributes:
            cost (int):
            created_at (datetime.datetime):
            decided_at (datetime.datetime | None):
            decided_by_user_id (int | None):
            fulfilled_at (datetime.datetime | None):
            fulfilled_by_user_id (int | None):
            hold_entry_id (int | None):
            id (int):
            note (None | str):
            refund_entry_id (int | None):
            reward_id (int):
            reward_name (str):
            state (RedemptionOutState):
            user_id (int):
     """

    cost: int
    created_at: datetime.datetime
    decided_at: datetime.datetime | None
    decided_by_user_id: int | None
    fulfilled_at: datetime.datetime | None
    fulfilled_by_user_id: int | None
    hold_entry_id: int | None
    id: int
    note: None | str
    refund_entry_id: int | None
    reward_id: int
    reward_name: str
    state: RedemptionOutState
    user_id: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        cost = self.cost

        created_at = self.created_at.isoformat()

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        decided_by_user_id: int | None
        decided_by_user_id = self.decided_by_user_id

        fulfilled_at: None | str
        if isinstance(self.fulfilled_at, datetime.datetime):
            fulfilled_at = self.fulfilled_at.isoformat()
        else:
            fulfilled_at = self.fulfilled_at

        fulfilled_by_user_id: int | None
        fulfilled_by_user_id = self.fulfilled_by_user_id

        hold_entry_id: int | None
        hold_entry_id = self.hold_entry_id

        id = self.id

        note: None | str
        note = self.note

        refund_entry_id: int | None
        refund_entry_id = self.refund_entry_id

        reward_id = self.reward_id

        reward_name = self.reward_name

        state: str = self.state

        user_id = self.user_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "cost": cost,
            "created_at": created_at,
            "decided_at": decided_at,
            "decided_by_user_id": decided_by_user_id,
            "fulfilled_at": fulfilled_at,
            "fulfilled_by_user_id": fulfilled_by_user_id,
            "hold_entry_id": hold_entry_id,
            "id": id,
            "note": note,
            "refund_entry_id": refund_entry_id,
            "reward_id": reward_id,
            "reward_name": reward_name,
            "state": state,
            "user_id": user_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cost = d.pop("cost")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)



                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))


        def _parse_decided_by_user_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        decided_by_user_id = _parse_decided_by_user_id(d.pop("decided_by_user_id"))


        def _parse_fulfilled_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                fulfilled_at_type_0 = datetime.datetime.fromisoformat(data)



                return fulfilled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        fulfilled_at = _parse_fulfilled_at(d.pop("fulfilled_at"))


        def _parse_fulfilled_by_user_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        fulfilled_by_user_id = _parse_fulfilled_by_user_id(d.pop("fulfilled_by_user_id"))


        def _parse_hold_entry_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        hold_entry_id = _parse_hold_entry_id(d.pop("hold_entry_id"))


        id = d.pop("id")

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))


        def _parse_refund_entry_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        refund_entry_id = _parse_refund_entry_id(d.pop("refund_entry_id"))


        reward_id = d.pop("reward_id")

        reward_name = d.pop("reward_name")

        state = check_redemption_out_state(d.pop("state"))




        user_id = d.pop("user_id")

        redemption_out = cls(
            cost=cost,
            created_at=created_at,
            decided_at=decided_at,
            decided_by_user_id=decided_by_user_id,
            fulfilled_at=fulfilled_at,
            fulfilled_by_user_id=fulfilled_by_user_id,
            hold_entry_id=hold_entry_id,
            id=id,
            note=note,
            refund_entry_id=refund_entry_id,
            reward_id=reward_id,
            reward_name=reward_name,
            state=state,
            user_id=user_id,
        )


        redemption_out.additional_properties = d
        return redemption_out

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
