from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.action_out import ActionOut
  from ..models.alert_out import AlertOut





T = TypeVar("T", bound="ActionResultOut")



@_attrs_define
class ActionResultOut:
    """ 
        Attributes:
            action (ActionOut):
            alert (AlertOut):
     """

    action: ActionOut
    alert: AlertOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.action_out import ActionOut # noqa: PLC0415
        from ..models.alert_out import AlertOut # noqa: PLC0415
        action = self.action.to_dict()

        alert = self.alert.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "action": action,
            "alert": alert,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.action_out import ActionOut # noqa: PLC0415
        from ..models.alert_out import AlertOut # noqa: PLC0415
        d = dict(src_dict)
        action = ActionOut.from_dict(d.pop("action"))




        alert = AlertOut.from_dict(d.pop("alert"))




        action_result_out = cls(
            action=action,
            alert=alert,
        )


        action_result_out.additional_properties = d
        return action_result_out

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
