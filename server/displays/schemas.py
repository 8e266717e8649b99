"""Wire types (msgspec Structs). Field constraints here give 400s before any rule runs."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from msgspec import UNSET, Meta, Struct, UnsetType

from server.core.wire import Name

# -- displays and presence ------------------------------------------------------------------
BoardChannel = Annotated[str, Meta(min_length=1, max_length=200)]


class DisplayCreate(Struct, forbid_unknown_fields=True):
    name: Name
    boards: list[BoardChannel] | None = None
    rotate_seconds: Annotated[int, Meta(ge=5, le=3600)] = 20


class DisplayUpdate(Struct, forbid_unknown_fields=True):
    name: Name | UnsetType = UNSET
    boards: list[BoardChannel] | UnsetType = UNSET
    rotate_seconds: Annotated[int, Meta(ge=5, le=3600)] | UnsetType = UNSET


class DisplayOut(Struct):
    id: int
    name: str
    boards: list[str]
    rotate_seconds: int
    pairing_code: str | None
    code_expires_at: datetime | None
    paired_at: datetime | None
    revoked_at: datetime | None
    created_at: datetime


class DisplayList(Struct):
    items: list[DisplayOut]


class PairIn(Struct, forbid_unknown_fields=True):
    code: Annotated[str, Meta(min_length=4, max_length=12)]


class BoardTitle(Struct):
    """How a screen titles one of its boards: `title` names the metric ("Points", the activity
    type's label), `segment` whom it ranks ("Whole org", "Team Inbound", "Region East"). A
    contest board's `title` is null: its frames carry the contest's name and dates."""

    channel: str
    title: str | None
    segment: str | None


class DisplayConfig(Struct):
    id: int
    org_id: int
    name: str
    boards: list[str]
    rotate_seconds: int
    realtime_url: str
    #: The org's time zone: the screen writes periods and contest dates in it.
    timezone: str = "UTC"
    titles: list[BoardTitle] = []


class PairOut(Struct):
    display_token: str
    display: DisplayConfig


class PresenceOut(Struct):
    reps: int
    managers: int
    admins: int
    displays: int
