from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.board_title import BoardTitle





T = TypeVar("T", bound="DisplayConfig")



@_attrs_define
class DisplayConfig:
    """ 
        Attributes:
            boards (list[str]):
            id (int):
            name (str):
            org_id (int):
            realtime_url (str):
            rotate_seconds (int):
            timezone (str | Unset):  Default: 'UTC'.
            titles (list[BoardTitle] | Unset):
     """

    boards: list[str]
    id: int
    name: str
    org_id: int
    realtime_url: str
    rotate_seconds: int
    timezone: str | Unset = 'UTC'
    titles: list[BoardTitle] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.board_title import BoardTitle # noqa: PLC0415
        boards = self.boards



        id = self.id

        name = self.name

        org_id = self.org_id

        realtime_url = self.realtime_url

        rotate_seconds = self.rotate_seconds

        timezone = self.timezone

        titles: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.titles, Unset):
            titles = []
            for titles_item_data in self.titles:
                titles_item = titles_item_data.to_dict()
                titles.append(titles_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "boards": boards,
            "id": id,
            "name": name,
            "org_id": org_id,
            "realtime_url": realtime_url,
            "rotate_seconds": rotate_seconds,
        })
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if titles is not UNSET:
            field_dict["titles"] = titles

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.board_title import BoardTitle # noqa: PLC0415
        d = dict(src_dict)
        boards = cast(list[str], d.pop("boards"))


        id = d.pop("id")

        name = d.pop("name")

        org_id = d.pop("org_id")

        realtime_url = d.pop("realtime_url")

        rotate_seconds = d.pop("rotate_seconds")

        timezone = d.pop("timezone", UNSET)

        _titles = d.pop("titles", UNSET)
        titles: list[BoardTitle] | Unset = UNSET
        if _titles is not UNSET:
            titles = []
            for titles_item_data in _titles:
                titles_item = BoardTitle.from_dict(titles_item_data)



                titles.append(titles_item)


        display_config = cls(
            boards=boards,
            id=id,
            name=name,
            org_id=org_id,
            realtime_url=realtime_url,
            rotate_seconds=rotate_seconds,
            timezone=timezone,
            titles=titles,
        )


        display_config.additional_properties = d
        return display_config

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
