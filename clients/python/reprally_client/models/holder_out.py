from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime






T = TypeVar("T", bound="HolderOut")



@_attrs_define
class HolderOut:
    """ 
        Attributes:
            award_id (int):
            awarded_at (datetime.datetime):
            awarded_by_user_id (int | None):
            message (None | str):
            period_key (str):
            points (int):
            user_id (int):
     """

    award_id: int
    awarded_at: datetime.datetime
    awarded_by_user_id: int | None
    message: None | str
    period_key: str
    points: int
    user_id: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        award_id = self.award_id

        awarded_at = self.awarded_at.isoformat()

        awarded_by_user_id: int | None
        awarded_by_user_id = self.awarded_by_user_id

        message: None | str
        message = self.message

        period_key = self.period_key

        points = self.points

        user_id = self.user_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "award_id": award_id,
            "awarded_at": awarded_at,
            "awarded_by_user_id": awarded_by_user_id,
            "message": message,
            "period_key": period_key,
            "points": points,
            "user_id": user_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        award_id = d.pop("award_id")

        awarded_at = datetime.datetime.fromisoformat(d.pop("awarded_at"))




        def _parse_awarded_by_user_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        awarded_by_user_id = _parse_awarded_by_user_id(d.pop("awarded_by_user_id"))


        def _parse_message(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        message = _parse_message(d.pop("message"))


        period_key = d.pop("period_key")

        points = d.pop("points")

        user_id = d.pop("user_id")

        holder_out = cls(
            award_id=award_id,
            awarded_at=awarded_at,
            awarded_by_user_id=awarded_by_user_id,
            message=message,
            period_key=period_key,
            points=points,
            user_id=user_id,
        )


        holder_out.additional_properties = d
        return holder_out

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
