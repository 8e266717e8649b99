from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.display_config import DisplayConfig





T = TypeVar("T", bound="PairOut")



@_attrs_define
class PairOut:
    """ 
        Attributes:
            display (DisplayConfig):
            display_token (str):
     """

    display: DisplayConfig
    display_token: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.display_config import DisplayConfig # noqa: PLC0415
        display = self.display.to_dict()

        display_token = self.display_token


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "display": display,
            "display_token": display_token,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.display_config import DisplayConfig # noqa: PLC0415
        d = dict(src_dict)
        display = DisplayConfig.from_dict(d.pop("display"))




        display_token = d.pop("display_token")

        pair_out = cls(
            display=display,
            display_token=display_token,
        )


        pair_out.additional_properties = d
        return pair_out

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
