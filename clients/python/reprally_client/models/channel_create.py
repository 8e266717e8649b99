from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.channel_create_provider import ChannelCreateProvider
from ..models.channel_create_provider import check_channel_create_provider
from ..models.channel_create_topics_item import ChannelCreateTopicsItem
from ..models.channel_create_topics_item import check_channel_create_topics_item
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="ChannelCreate")



@_attrs_define
class ChannelCreate:
    """ 
        Attributes:
            name (str):
            provider (ChannelCreateProvider):
            topics (list[ChannelCreateTopicsItem]):
            url (str): the incoming webhook's URL (a secret: never shown again)
            active (bool | Unset):  Default: True.
            badge_tiers (list[str] | Unset):
            hourly_cap (int | Unset): messages per rolling hour (0: no cap) Default: 20.
            quiet_end (None | str | Unset): HH:MM, org time
            quiet_start (None | str | Unset): HH:MM, org time
     """

    name: str
    provider: ChannelCreateProvider
    topics: list[ChannelCreateTopicsItem]
    url: str
    active: bool | Unset = True
    badge_tiers: list[str] | Unset = UNSET
    hourly_cap: int | Unset = 20
    quiet_end: None | str | Unset = UNSET
    quiet_start: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        name = self.name

        provider: str = self.provider

        topics = []
        for topics_item_data in self.topics:
            topics_item: str = topics_item_data
            topics.append(topics_item)



        url = self.url

        active = self.active

        badge_tiers: list[str] | Unset = UNSET
        if not isinstance(self.badge_tiers, Unset):
            badge_tiers = self.badge_tiers



        hourly_cap = self.hourly_cap

        quiet_end: None | str | Unset
        if isinstance(self.quiet_end, Unset):
            quiet_end = UNSET
        else:
            quiet_end = self.quiet_end

        quiet_start: None | str | Unset
        if isinstance(self.quiet_start, Unset):
            quiet_start = UNSET
        else:
            quiet_start = self.quiet_start


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "name": name,
            "provider": provider,
            "topics": topics,
            "url": url,
        })
        if active is not UNSET:
            field_dict["active"] = active
        if badge_tiers is not UNSET:
            field_dict["badge_tiers"] = badge_tiers
        if hourly_cap is not UNSET:
            field_dict["hourly_cap"] = hourly_cap
        if quiet_end is not UNSET:
            field_dict["quiet_end"] = quiet_end
        if quiet_start is not UNSET:
            field_dict["quiet_start"] = quiet_start

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        provider = check_channel_create_provider(d.pop("provider"))




        topics = []
        _topics = d.pop("topics")
        for topics_item_data in (_topics):
            topics_item = check_channel_create_topics_item(topics_item_data)



            topics.append(topics_item)


        url = d.pop("url")

        active = d.pop("active", UNSET)

        badge_tiers = cast(list[str], d.pop("badge_tiers", UNSET))


        hourly_cap = d.pop("hourly_cap", UNSET)

        def _parse_quiet_end(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        quiet_end = _parse_quiet_end(d.pop("quiet_end", UNSET))


        def _parse_quiet_start(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        quiet_start = _parse_quiet_start(d.pop("quiet_start", UNSET))


        channel_create = cls(
            name=name,
            provider=provider,
            topics=topics,
            url=url,
            active=active,
            badge_tiers=badge_tiers,
            hourly_cap=hourly_cap,
            quiet_end=quiet_end,
            quiet_start=quiet_start,
        )


        channel_create.additional_properties = d
        return channel_create

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
