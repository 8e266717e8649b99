from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.action_in_action import ActionInAction
from ..models.action_in_action import check_action_in_action
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="ActionIn")



@_attrs_define
class ActionIn:
    """ 
        Attributes:
            action (ActionInAction):
            days (int | None | Unset):
            message (None | str | Unset):
            metric (None | str | Unset):
            pct (int | None | Unset):
            points (int | None | Unset):
            prize_points (int | None | Unset):
            send (bool | Unset):  Default: False.
            size (int | None | Unset):
     """

    action: ActionInAction
    days: int | None | Unset = UNSET
    message: None | str | Unset = UNSET
    metric: None | str | Unset = UNSET
    pct: int | None | Unset = UNSET
    points: int | None | Unset = UNSET
    prize_points: int | None | Unset = UNSET
    send: bool | Unset = False
    size: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        action: str = self.action

        days: int | None | Unset
        if isinstance(self.days, Unset):
            days = UNSET
        else:
            days = self.days

        message: None | str | Unset
        if isinstance(self.message, Unset):
            message = UNSET
        else:
            message = self.message

        metric: None | str | Unset
        if isinstance(self.metric, Unset):
            metric = UNSET
        else:
            metric = self.metric

        pct: int | None | Unset
        if isinstance(self.pct, Unset):
            pct = UNSET
        else:
            pct = self.pct

        points: int | None | Unset
        if isinstance(self.points, Unset):
            points = UNSET
        else:
            points = self.points

        prize_points: int | None | Unset
        if isinstance(self.prize_points, Unset):
            prize_points = UNSET
        else:
            prize_points = self.prize_points

        send = self.send

        size: int | None | Unset
        if isinstance(self.size, Unset):
            size = UNSET
        else:
            size = self.size


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "action": action,
        })
        if days is not UNSET:
            field_dict["days"] = days
        if message is not UNSET:
            field_dict["message"] = message
        if metric is not UNSET:
            field_dict["metric"] = metric
        if pct is not UNSET:
            field_dict["pct"] = pct
        if points is not UNSET:
            field_dict["points"] = points
        if prize_points is not UNSET:
            field_dict["prize_points"] = prize_points
        if send is not UNSET:
            field_dict["send"] = send
        if size is not UNSET:
            field_dict["size"] = size

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = check_action_in_action(d.pop("action"))




        def _parse_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        days = _parse_days(d.pop("days", UNSET))


        def _parse_message(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        message = _parse_message(d.pop("message", UNSET))


        def _parse_metric(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        metric = _parse_metric(d.pop("metric", UNSET))


        def _parse_pct(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        pct = _parse_pct(d.pop("pct", UNSET))


        def _parse_points(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        points = _parse_points(d.pop("points", UNSET))


        def _parse_prize_points(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        prize_points = _parse_prize_points(d.pop("prize_points", UNSET))


        send = d.pop("send", UNSET)

        def _parse_size(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        size = _parse_size(d.pop("size", UNSET))


        action_in = cls(
            action=action,
            days=days,
            message=message,
            metric=metric,
            pct=pct,
            points=points,
            prize_points=prize_points,
            send=send,
            size=size,
        )


        action_in.additional_properties = d
        return action_in

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
