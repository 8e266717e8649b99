"""Wire types of kudos, the feed, reactions, rewards, redemptions and the wallet."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from msgspec import UNSET, Meta, Struct, UnsetType

from server.core.wire import Id, Line, Prose

Points = Annotated[int, Meta(ge=0, le=1_000_000)]


# -- kudos ------------------------------------------------------------------------------------
class KudosIn(Struct, forbid_unknown_fields=True):
    to_user_id: Id
    message: Annotated[Prose, Meta(min_length=1, max_length=2000)]  # 500 once trimmed (`rules.clean_message`)
    value_tag: Annotated[Line, Meta(min_length=1, max_length=80)] | None = None  # one of the org's values
    points: Points = 0


class KudosOut(Struct, omit_defaults=True):
    id: int
    from_user_id: int
    to_user_id: int
    message: str
    value_tag: str | None
    points: int
    created_at: datetime
    ledger_entry_id: int | None = None
    feed_item_id: int | None = None
    boards_updated: bool | None = None


class KudosList(Struct):
    kudos: list[KudosOut]
    next_before_id: int | None


class KudosSettingsOut(Struct):
    values: list[str]
    monthly_allowance: int
    max_points: int
    per_hour: int
    per_day: int
    per_pair_day: int
    reactions: list[str]


class KudosSettingsUpdate(Struct, forbid_unknown_fields=True):
    #: 40 characters each once trimmed (`rules.clean_values`)
    values: Annotated[list[Annotated[Line, Meta(max_length=80)]], Meta(max_length=50)] | UnsetType = UNSET
    monthly_allowance: Annotated[int, Meta(ge=0, le=10**9)] | UnsetType = UNSET
    max_points: Annotated[int, Meta(ge=0, le=10**9)] | UnsetType = UNSET
    per_hour: Annotated[int, Meta(ge=0, le=10**9)] | UnsetType = UNSET
    per_day: Annotated[int, Meta(ge=0, le=10**9)] | UnsetType = UNSET
    per_pair_day: Annotated[int, Meta(ge=0, le=10**9)] | UnsetType = UNSET


class AllowanceOut(Struct):
    month: str
    allowance: int
    used: int
    remaining: int
    max_points: int


# -- feed -------------------------------------------------------------------------------------
class ReactionOut(Struct):
    emoji: str
    count: int
    reacted: bool


class FeedItemOut(Struct):
    id: int
    kind: str
    at: datetime
    user_id: int | None
    display_name: str | None
    team_id: int | None
    actor_user_id: int | None
    actor_display_name: str | None
    data: dict[str, Any]
    reactions: list[ReactionOut]


class FeedPage(Struct):
    items: list[FeedItemOut]
    next_before_id: int | None


class ReactionIn(Struct, forbid_unknown_fields=True):
    emoji: Annotated[str, Meta(min_length=1, max_length=32)]


class ReactionsOut(Struct):
    id: int
    reactions: list[ReactionOut]
