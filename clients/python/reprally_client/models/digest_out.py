from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.action_out import ActionOut
  from ..models.alert_out import AlertOut
  from ..models.digest_out_headline import DigestOutHeadline
  from ..models.outcomes_out import OutcomesOut





T = TypeVar("T", bound="DigestOut")



@_attrs_define
class DigestOut:
    """ 
        Attributes:
            first_day (datetime.date):
            headline (DigestOutHeadline):
            last_week_actions (list[ActionOut]):
            open_alerts (list[AlertOut]):
            outcomes (list[OutcomesOut]):
            team_id (int | None):
            week (str):
     """

    first_day: datetime.date
    headline: DigestOutHeadline
    last_week_actions: list[ActionOut]
    open_alerts: list[AlertOut]
    outcomes: list[OutcomesOut]
    team_id: int | None
    week: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.action_out import ActionOut # noqa: PLC0415
        from ..models.alert_out import AlertOut # noqa: PLC0415
        from ..models.digest_out_headline import DigestOutHeadline # noqa: PLC0415
        from ..models.outcomes_out import OutcomesOut # noqa: PLC0415
        first_day = self.first_day.isoformat()

        headline = self.headline.to_dict()

        last_week_actions = []
        for last_week_actions_item_data in self.last_week_actions:
            last_week_actions_item = last_week_actions_item_data.to_dict()
            last_week_actions.append(last_week_actions_item)



        open_alerts = []
        for open_alerts_item_data in self.open_alerts:
            open_alerts_item = open_alerts_item_data.to_dict()
            open_alerts.append(open_alerts_item)



        outcomes = []
        for outcomes_item_data in self.outcomes:
            outcomes_item = outcomes_item_data.to_dict()
            outcomes.append(outcomes_item)



        team_id: int | None
        team_id = self.team_id

        week = self.week


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "first_day": first_day,
            "headline": headline,
            "last_week_actions": last_week_actions,
            "open_alerts": open_alerts,
            "outcomes": outcomes,
            "team_id": team_id,
            "week": week,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.action_out import ActionOut # noqa: PLC0415
        from ..models.alert_out import AlertOut # noqa: PLC0415
        from ..models.digest_out_headline import DigestOutHeadline # noqa: PLC0415
        from ..models.outcomes_out import OutcomesOut # noqa: PLC0415
        d = dict(src_dict)
        first_day = datetime.date.fromisoformat(d.pop("first_day"))




        headline = DigestOutHeadline.from_dict(d.pop("headline"))




        last_week_actions = []
        _last_week_actions = d.pop("last_week_actions")
        for last_week_actions_item_data in (_last_week_actions):
            last_week_actions_item = ActionOut.from_dict(last_week_actions_item_data)



            last_week_actions.append(last_week_actions_item)


        open_alerts = []
        _open_alerts = d.pop("open_alerts")
        for open_alerts_item_data in (_open_alerts):
            open_alerts_item = AlertOut.from_dict(open_alerts_item_data)



            open_alerts.append(open_alerts_item)


        outcomes = []
        _outcomes = d.pop("outcomes")
        for outcomes_item_data in (_outcomes):
            outcomes_item = OutcomesOut.from_dict(outcomes_item_data)



            outcomes.append(outcomes_item)


        def _parse_team_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        team_id = _parse_team_id(d.pop("team_id"))


        week = d.pop("week")

        digest_out = cls(
            first_day=first_day,
            headline=headline,
            last_week_actions=last_week_actions,
            open_alerts=open_alerts,
            outcomes=outcomes,
            team_id=team_id,
            week=week,
        )


        digest_out.additional_properties = d
        return digest_out

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
