from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.link_out import LinkOut





T = TypeVar("T", bound="LeadingLaggingOut")



@_attrs_define
class LeadingLaggingOut:
    """ 
        Attributes:
            lag_weeks (int):
            links (list[LinkOut]):
            weeks (int):
            won (str):
     """

    lag_weeks: int
    links: list[LinkOut]
    weeks: int
    won: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.link_out import LinkOut # noqa: PLC0415
        lag_weeks = self.lag_weeks

        links = []
        for links_item_data in self.links:
            links_item = links_item_data.to_dict()
            links.append(links_item)



        weeks = self.weeks

        won = self.won


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "lag_weeks": lag_weeks,
            "links": links,
            "weeks": weeks,
            "won": won,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.link_out import LinkOut # noqa: PLC0415
        d = dict(src_dict)
        lag_weeks = d.pop("lag_weeks")

        links = []
        _links = d.pop("links")
        for links_item_data in (_links):
            links_item = LinkOut.from_dict(links_item_data)



            links.append(links_item)


        weeks = d.pop("weeks")

        won = d.pop("won")

        leading_lagging_out = cls(
            lag_weeks=lag_weeks,
            links=links,
            weeks=weeks,
            won=won,
        )


        leading_lagging_out.additional_properties = d
        return leading_lagging_out

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
