from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.channel_update_topics_type_0_item import ChannelUpdateTopicsType0Item
from ..models.channel_update_topics_type_0_item import check_channel_update_topics_type_0_item
from ..types import UNSET, Unset
from typing import cast






T = TypeVar("T", bound="ChannelUpdate")



@_attrs_define
class ChannelUpdate:
    """ 
        Attributes:
            active (bool | Unset):
            badge_tiers (list[str] | Unset):
            hourly_cap (int | Unset): messages per rolling hour (0: no cap)
            name (str | Unset):
            quiet_end (None | str | Unset): HH:MM, org time
            quiet_start (None | str | Unset): HH:MM, org time
            topics (list[ChannelUpdateTopicsType0Item] | Unset):
            url (str | Unset): the incoming webhook's URL (a secret: never shown again)
     """

    active: bool | Unset = UNSET
    badge_tiers: list[str] | Unset = UNSET
    hourly_cap: int | Unset = UNSET
    name: str | Unset = UNSET
    quiet_end: None | str | Unset = UNSET
    quiet_start: None | str | Unset = UNSET
    topics: list[ChannelUpdateTopicsType0Item] | Unset = UNSET
    url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        active: bool | Unset
        if isinstance(self.active, Unset):
            active = UNSET
        else:
            active = self.active

        badge_tiers: list[str] | Unset
        if isinstance(self.badge_tiers, Unset):
            badge_tiers = UNSET
        else:
            badge_tiers = self.badge_tiers




        hourly_cap: int | Unset
        if isinstance(self.hourly_cap, Unset):
            hourly_cap = UNSET
        else:
            hourly_cap = self.hourly_cap

        name: str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

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

        topics: list[str] | Unset
        if isinstance(self.topics, Unset):
            topics = UNSET
        else:
            topics = []
            for topics_type_0_item_data in self.topics:
                topics_type_0_item: str = topics_type_0_item_data
                topics.append(topics_type_0_item)




        url: str | Unset
        if isinstance(self.url, Unset):
            url = UNSET
        else:
            url = self.url


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if active is not UNSET:
            field_dict["active"] = active
        if badge_tiers is not UNSET:
            field_dict["badge_tiers"] = badge_tiers
        if hourly_cap is not UNSET:
            field_dict["hourly_cap"] = hourly_cap
        if name is not UNSET:
            field_dict["name"] = name
        if quiet_end is not UNSET:
            field_dict["quiet_end"] = quiet_end
        if quiet_start is not UNSET:
            field_dict["quiet_start"] = quiet_start
        if topics is not UNSET:
            field_dict["topics"] = topics
        if url is not UNSET:
            field_dict["url"] = url

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_active(data: object) -> bool | Unset:
            if isinstance(data, Unset):
                return data
            return cast(bool | Unset, data)

        active = _parse_active(d.pop("active", UNSET))


        def _parse_badge_tiers(data: object) -> list[str] | Unset:
            if isinstance(data, Unset):
                return data
            if not isinstance(data, list):
                raise TypeError()
            badge_tiers_type_0 = cast(list[str], data)

            return badge_tiers_type_0

        badge_tiers = _parse_badge_tiers(d.pop("badge_tiers", UNSET))


        def _parse_hourly_cap(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        hourly_cap = _parse_hourly_cap(d.pop("hourly_cap", UNSET))


        def _parse_name(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))


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


        def _parse_topics(data: object) -> list[ChannelUpdateTopicsType0Item] | Unset:
            if isinstance(data, Unset):
                return data
            if not isinstance(data, list):
                raise TypeError()
            topics_type_0 = []
            _topics_type_0 = data
            for topics_type_0_item_data in (_topics_type_0):
                topics_type_0_item = check_channel_update_topics_type_0_item(topics_type_0_item_data)



                topics_type_0.append(topics_type_0_item)

            return topics_type_0

        topics = _parse_topics(d.pop("topics", UNSET))


        def _parse_url(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        url = _parse_url(d.pop("url", UNSET))


        channel_update = cls(
            active=active,
            badge_tiers=badge_tiers,
            hourly_cap=hourly_cap,
            name=name,
            quiet_end=quiet_end,
            quiet_start=quiet_start,
            topics=topics,
            url=url,
        )


        channel_update.additional_properties = d
        return channel_update

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
