from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.channel_out_provider import ChannelOutProvider
from ..models.channel_out_provider import check_channel_out_provider
from ..models.channel_out_topics_item import ChannelOutTopicsItem
from ..models.channel_out_topics_item import check_channel_out_topics_item
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.deliveries import Deliveries





T = TypeVar("T", bound="ChannelOut")



@_attrs_define
class ChannelOut:
    """ 
        Attributes:
            active (bool):
            badge_tiers (list[str]):
            broken_at (datetime.datetime | None):
            created_at (datetime.datetime):
            deliveries (Deliveries):
            hourly_cap (int):
            id (int):
            last_error (None | str):
            last_sent_at (datetime.datetime | None):
            name (str):
            provider (ChannelOutProvider):
            quiet_end (None | str):
            quiet_start (None | str):
            status (str):
            topics (list[ChannelOutTopicsItem]):
            updated_at (datetime.datetime):
            url_tail (str):
     """

    active: bool
    badge_tiers: list[str]
    broken_at: datetime.datetime | None
    created_at: datetime.datetime
    deliveries: Deliveries
    hourly_cap: int
    id: int
    last_error: None | str
    last_sent_at: datetime.datetime | None
    name: str
    provider: ChannelOutProvider
    quiet_end: None | str
    quiet_start: None | str
    status: str
    topics: list[ChannelOutTopicsItem]
    updated_at: datetime.datetime
    url_tail: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.deliveries import Deliveries # noqa: PLC0415
        active = self.active

        badge_tiers = self.badge_tiers



        broken_at: None | str
        if isinstance(self.broken_at, datetime.datetime):
            broken_at = self.broken_at.isoformat()
        else:
            broken_at = self.broken_at

        created_at = self.created_at.isoformat()

        deliveries = self.deliveries.to_dict()

        hourly_cap = self.hourly_cap

        id = self.id

        last_error: None | str
        last_error = self.last_error

        last_sent_at: None | str
        if isinstance(self.last_sent_at, datetime.datetime):
            last_sent_at = self.last_sent_at.isoformat()
        else:
            last_sent_at = self.last_sent_at

        name = self.name

        provider: str = self.provider

        quiet_end: None | str
        quiet_end = self.quiet_end

        quiet_start: None | str
        quiet_start = self.quiet_start

        status = self.status

        topics = []
        for topics_item_data in self.topics:
            topics_item: str = topics_item_data
            topics.append(topics_item)



        updated_at = self.updated_at.isoformat()

        url_tail = self.url_tail


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "active": active,
            "badge_tiers": badge_tiers,
            "broken_at": broken_at,
            "created_at": created_at,
            "deliveries": deliveries,
            "hourly_cap": hourly_cap,
            "id": id,
            "last_error": last_error,
            "last_sent_at": last_sent_at,
            "name": name,
            "provider": provider,
            "quiet_end": quiet_end,
            "quiet_start": quiet_start,
            "status": status,
            "topics": topics,
            "updated_at": updated_at,
            "url_tail": url_tail,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.deliveries import Deliveries # noqa: PLC0415
        d = dict(src_dict)
        active = d.pop("active")

        badge_tiers = cast(list[str], d.pop("badge_tiers"))


        def _parse_broken_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                broken_at_type_0 = datetime.datetime.fromisoformat(data)



                return broken_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        broken_at = _parse_broken_at(d.pop("broken_at"))


        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        deliveries = Deliveries.from_dict(d.pop("deliveries"))




        hourly_cap = d.pop("hourly_cap")

        id = d.pop("id")

        def _parse_last_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_error = _parse_last_error(d.pop("last_error"))


        def _parse_last_sent_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_sent_at_type_0 = datetime.datetime.fromisoformat(data)



                return last_sent_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_sent_at = _parse_last_sent_at(d.pop("last_sent_at"))


        name = d.pop("name")

        provider = check_channel_out_provider(d.pop("provider"))




        def _parse_quiet_end(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        quiet_end = _parse_quiet_end(d.pop("quiet_end"))


        def _parse_quiet_start(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        quiet_start = _parse_quiet_start(d.pop("quiet_start"))


        status = d.pop("status")

        topics = []
        _topics = d.pop("topics")
        for topics_item_data in (_topics):
            topics_item = check_channel_out_topics_item(topics_item_data)



            topics.append(topics_item)


        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))




        url_tail = d.pop("url_tail")

        channel_out = cls(
            active=active,
            badge_tiers=badge_tiers,
            broken_at=broken_at,
            created_at=created_at,
            deliveries=deliveries,
            hourly_cap=hourly_cap,
            id=id,
            last_error=last_error,
            last_sent_at=last_sent_at,
            name=name,
            provider=provider,
            quiet_end=quiet_end,
            quiet_start=quiet_start,
            status=status,
            topics=topics,
            updated_at=updated_at,
            url_tail=url_tail,
        )


        channel_out.additional_properties = d
        return channel_out

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
