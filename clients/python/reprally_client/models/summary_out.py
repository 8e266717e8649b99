from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.attainment_out import AttainmentOut
  from ..models.contest_progress_out import ContestProgressOut
  from ..models.engagement_out import EngagementOut
  from ..models.leading_lagging_out import LeadingLaggingOut
  from ..models.outcomes_out import OutcomesOut
  from ..models.pace_out import PaceOut
  from ..models.span_out import SpanOut





T = TypeVar("T", bound="SummaryOut")



@_attrs_define
class SummaryOut:
    """ 
        Attributes:
            as_of (datetime.date):
            attainment (AttainmentOut):
            contests (list[ContestProgressOut]):
            engagement (EngagementOut):
            leading_lagging (LeadingLaggingOut):
            outcomes (list[OutcomesOut]):
            pace (PaceOut):
            period (SpanOut):
            team_id (int | None):
     """

    as_of: datetime.date
    attainment: AttainmentOut
    contests: list[ContestProgressOut]
    engagement: EngagementOut
    leading_lagging: LeadingLaggingOut
    outcomes: list[OutcomesOut]
    pace: PaceOut
    period: SpanOut
    team_id: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.attainment_out import AttainmentOut # noqa: PLC0415
        from ..models.contest_progress_out import ContestProgressOut # noqa: PLC0415
        from ..models.engagement_out import EngagementOut # noqa: PLC0415
        from ..models.leading_lagging_out import LeadingLaggingOut # noqa: PLC0415
        from ..models.outcomes_out import OutcomesOut # noqa: PLC0415
        from ..models.pace_out import PaceOut # noqa: PLC0415
        from ..models.span_out import SpanOut # noqa: PLC0415
        as_of = self.as_of.isoformat()

        attainment = self.attainment.to_dict()

        contests = []
        for contests_item_data in self.contests:
            contests_item = contests_item_data.to_dict()
            contests.append(contests_item)



        engagement = self.engagement.to_dict()

        leading_lagging = self.leading_lagging.to_dict()

        outcomes = []
        for outcomes_item_data in self.outcomes:
            outcomes_item = outcomes_item_data.to_dict()
            outcomes.append(outcomes_item)



        pace = self.pace.to_dict()

        period = self.period.to_dict()

        team_id: int | None
        team_id = self.team_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "as_of": as_of,
            "attainment": attainment,
            "contests": contests,
            "engagement": engagement,
            "leading_lagging": leading_lagging,
            "outcomes": outcomes,
            "pace": pace,
            "period": period,
            "team_id": team_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.attainment_out import AttainmentOut # noqa: PLC0415
        from ..models.contest_progress_out import ContestProgressOut # noqa: PLC0415
        from ..models.engagement_out import EngagementOut # noqa: PLC0415
        from ..models.leading_lagging_out import LeadingLaggingOut # noqa: PLC0415
        from ..models.outcomes_out import OutcomesOut # noqa: PLC0415
        from ..models.pace_out import PaceOut # noqa: PLC0415
        from ..models.span_out import SpanOut # noqa: PLC0415
        d = dict(src_dict)
        as_of = datetime.date.fromisoformat(d.pop("as_of"))




        attainment = AttainmentOut.from_dict(d.pop("attainment"))




        contests = []
        _contests = d.pop("contests")
        for contests_item_data in (_contests):
            contests_item = ContestProgressOut.from_dict(contests_item_data)



            contests.append(contests_item)


        engagement = EngagementOut.from_dict(d.pop("engagement"))




        leading_lagging = LeadingLaggingOut.from_dict(d.pop("leading_lagging"))




        outcomes = []
        _outcomes = d.pop("outcomes")
        for outcomes_item_data in (_outcomes):
            outcomes_item = OutcomesOut.from_dict(outcomes_item_data)



            outcomes.append(outcomes_item)


        pace = PaceOut.from_dict(d.pop("pace"))




        period = SpanOut.from_dict(d.pop("period"))




        def _parse_team_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        team_id = _parse_team_id(d.pop("team_id"))


        summary_out = cls(
            as_of=as_of,
            attainment=attainment,
            contests=contests,
            engagement=engagement,
            leading_lagging=leading_lagging,
            outcomes=outcomes,
            pace=pace,
            period=period,
            team_id=team_id,
        )


        summary_out.additional_properties = d
        return summary_out

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
