from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.feed_item_out_data import FeedItemOutData
  from ..models.reaction_out import ReactionOut





T = TypeVar("T", bound="FeedItemOut")



@_attrs_define
class FeedItemOut:
    """ 
        Attributes:
            actor_display_name (None | str):
            actor_user_id (int | None):
            at (datetime.datetime):
            data (FeedItemOutData):
            display_name (None | str):
            id (int):
            kind (str):
            reactions (list[ReactionOut]):
            team_id (int | None):
            user_id (int | None):
     """

    actor_display_name: None | str
    actor_user_id: int | None
    at: datetime.datetime
    data: FeedItemOutData
    display_name: None | str
    id: int
    kind: str
    reactions: list[ReactionOut]
    team_id: int | None
    user_id: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.feed_item_out_data import FeedItemOutData # noqa: PLC0415
        from ..models.reaction_out import ReactionOut # noqa: PLC0415
        actor_display_name: None | str
        actor_display_name = self.actor_display_name

        actor_user_id: int | None
        actor_user_id = self.actor_user_id

        at = self.at.isoformat()

        data = self.data.to_dict()

        display_name: None | str
        display_name = self.display_name

        id = self.id

        kind = self.kind

        reactions = []
        for reactions_item_data in self.reactions:
            reactions_item = reactions_item_data.to_dict()
            reactions.append(reactions_item)



        team_id: int | None
        team_id = self.team_id

        user_id: int | None
        user_id = self.user_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "actor_display_name": actor_display_name,
            "actor_user_id": actor_user_id,
            "at": at,
            "data": data,
            "display_name": display_name,
            "id": id,
            "kind": kind,
            "reactions": reactions,
            "team_id": team_id,
            "user_id": user_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.feed_item_out_data import FeedItemOutData # noqa: PLC0415
        from ..models.reaction_out import ReactionOut # noqa: PLC0415
        d = dict(src_dict)
        def _parse_actor_display_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        actor_display_name = _parse_actor_display_name(d.pop("actor_display_name"))


        def _parse_actor_user_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        actor_user_id = _parse_actor_user_id(d.pop("actor_user_id"))


        at = datetime.datetime.fromisoformat(d.pop("at"))




        data = FeedItemOutData.from_dict(d.pop("data"))




        def _parse_display_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        display_name = _parse_display_name(d.pop("display_name"))


        id = d.pop("id")

        kind = d.pop("kind")

        reactions = []
        _reactions = d.pop("reactions")
        for reactions_item_data in (_reactions):
            reactions_item = ReactionOut.from_dict(reactions_item_data)



            reactions.append(reactions_item)


        def _parse_team_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        team_id = _parse_team_id(d.pop("team_id"))


        def _parse_user_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        user_id = _parse_user_id(d.pop("user_id"))


        feed_item_out = cls(
            actor_display_name=actor_display_name,
            actor_user_id=actor_user_id,
            at=at,
            data=data,
            display_name=display_name,
            id=id,
            kind=kind,
            reactions=reactions,
            team_id=team_id,
            user_id=user_id,
        )


        feed_item_out.additional_properties = d
        return feed_item_out

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
