"""Wire types of the chat admin API. The webhook URL goes in, never out: answers show its last 4
characters only."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from msgspec import UNSET, Meta, Struct, UnsetType

from server.chat.rules import Provider, Topic
from server.core.wire import END, LINE_PATTERN

Name = Annotated[str, Meta(min_length=1, max_length=100, pattern=LINE_PATTERN)]
WebhookUrl = Annotated[str, Meta(min_length=12, max_length=2000, pattern=r"^https?://\S+" + END,
                                 description="the incoming webhook's URL (a secret: never shown again)")]
Tier = Annotated[str, Meta(pattern=r"^(bronze|silver|gold|platinum)" + END)]
Hhmm = Annotated[str, Meta(min_length=5, max_length=5, pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]" + END, description="HH:MM, org time")]
HourlyCap = Annotated[int, Meta(ge=0, le=1000, description="messages per rolling hour (0: no cap)")]
Topics = Annotated[list[Topic], Meta(max_length=6)]
Tiers = Annotated[list[Tier], Meta(max_length=4)]


class ChannelCreate(Struct, forbid_unknown_fields=True):
    provider: Provider
    name: Name
    url: WebhookUrl
    topics: Topics
    #: badges of these tiers are posted (empty: every tier)
    badge_tiers: Tiers = []
    quiet_start: Hhmm | None = None
    quiet_end: Hhmm | None = None
    hourly_cap: HourlyCap = 20
    active: bool = True


class ChannelUpdate(Struct, forbid_unknown_fields=True):
    name: Name | UnsetType = UNSET
    #: a new URL (the channel is `ok` again and posts)
    url: WebhookUrl | UnsetType = UNSET
    topics: Topics | UnsetType = UNSET
    badge_tiers: Tiers | UnsetType = UNSET
    quiet_start: Hhmm | None | UnsetType = UNSET
    quiet_end: Hhmm | None | UnsetType = UNSET
    hourly_cap: HourlyCap | UnsetType = UNSET
    active: bool | UnsetType = UNSET


class Deliveries(Struct):
    pending: int
    sent: int
    failed: int
    dropped: int


class ChannelOut(Struct):
    id: int
    provider: Provider
    name: str
    #: the last 4 characters of the webhook URL
    url_tail: str
    topics: list[Topic]
    badge_tiers: list[str]
    quiet_start: str | None
    quiet_end: str | None
    hourly_cap: int
    active: bool
    #: `ok`, or `broken` when the provider said the webhook is gone (see `last_error`)
    status: str
    last_error: str | None
    broken_at: datetime | None
    last_sent_at: datetime | None
    deliveries: Deliveries
    created_at: datetime
    updated_at: datetime


class ChannelList(Struct):
    items: list[ChannelOut]
