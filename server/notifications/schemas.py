"""Wire types of devices, notification preferences and the in-app notification list."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from msgspec import UNSET, Meta, Struct, UnsetType

from server.core.wire import Id

Token = Annotated[str, Meta(min_length=1, max_length=512)]
HHMM = Annotated[str, Meta(min_length=1, max_length=5)]


class DeviceIn(Struct, forbid_unknown_fields=True):
    token: Token
    platform: Literal["ios", "android", "web"]


class DeviceOut(Struct):
    token: str
    platform: str
    created_at: datetime
    last_seen_at: datetime


class DeviceList(Struct):
    devices: list[DeviceOut]


class QuietHours(Struct, forbid_unknown_fields=True):
    start: HHMM
    end: HHMM


class PreferencesIn(Struct, forbid_unknown_fields=True):
    #: kinds to switch on (true) or off (false); others keep their setting
    kinds: dict[Annotated[str, Meta(max_length=32)], bool] | UnsetType = UNSET
    #: local times in the rep's time zone; null clears them
    quiet_hours: QuietHours | None | UnsetType = UNSET


class PreferencesOut(Struct):
    kinds: dict[str, bool]
    quiet_hours: QuietHours | None
    timezone: str


class DefaultsIn(Struct, forbid_unknown_fields=True):
    #: kinds switched on (true) or off (false) for reps who have not chosen; others keep theirs
    kinds: Annotated[dict[Annotated[str, Meta(max_length=32)], bool], Meta(max_length=64)] | UnsetType = UNSET
    #: local times in each rep's time zone, for reps without their own; null clears them
    quiet_hours: QuietHours | None | UnsetType = UNSET


class DefaultsOut(Struct):
    kinds: dict[str, bool]
    quiet_hours: QuietHours | None


class NotificationOut(Struct):
    id: int
    kind: str
    title: str
    body: str
    data: dict[str, Any]
    actor_user_id: int | None
    created_at: str
    read: bool
    read_at: str | None


class NotificationPage(Struct):
    notifications: list[NotificationOut]
    unread_count: int
    next_before_id: int | None


class ReadIn(Struct, forbid_unknown_fields=True):
    ids: Annotated[list[Id], Meta(max_length=500)] | UnsetType = UNSET
    all: bool = False


class ReadOut(Struct):
    marked_read: int
    unread_count: int
