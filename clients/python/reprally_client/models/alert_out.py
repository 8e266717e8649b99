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
  from ..models.alert_out_evidence import AlertOutEvidence
  from ..models.alert_out_outcome_type_0 import AlertOutOutcomeType0





T = TypeVar("T", bound="AlertOut")



@_attrs_define
class AlertOut:
    """ 
        Attributes:
            actions (list[ActionOut]):
            closed_at (datetime.datetime | None):
            created_at (datetime.datetime):
            day (datetime.date):
            display_name (None | str):
            evidence (AlertOutEvidence):
            id (int):
            outcome (AlertOutOutcomeType0 | None):
            reason (str):
            status (str):
            suggested_actions (list[str]):
            team_id (int | None):
            user_id (int):
     """

    actions: list[ActionOut]
    closed_at: datetime.datetime | None
    created_at: datetime.datetime
    day: datetime.date
    display_name: None | str
    evidence: AlertOutEvidence
    id: int
    outcome: AlertOutOutcomeType0 | None
    reason: str
    status: str
    suggested_actions: list[str]
    team_id: int | None
    user_id: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.action_out import ActionOut # noqa: PLC0415
        from ..models.alert_out_evidence import AlertOutEvidence # noqa: PLC0415
        from ..models.alert_out_outcome_type_0 import AlertOutOutcomeType0 # noqa: PLC0415
        actions = []
        for actions_item_data in self.actions:
            actions_item = actions_item_data.to_dict()
            actions.append(actions_item)



        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        created_at = self.created_at.isoformat()

        day = self.day.isoformat()

        display_name: None | str
        display_name = self.display_name

        evidence = self.evidence.to_dict()

        id = self.id

        outcome: dict[str, Any] | None
        if isinstance(self.outcome, AlertOutOutcomeType0):
            outcome = self.outcome.to_dict()
        else:
            outcome = self.outcome

        reason = self.reason

        status = self.status

        suggested_actions = self.suggested_actions



        team_id: int | None
        team_id = self.team_id

        user_id = self.user_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "actions": actions,
            "closed_at": closed_at,
            "created_at": created_at,
            "day": day,
            "display_name": display_name,
            "evidence": evidence,
            "id": id,
            "outcome": outcome,
            "reason": reason,
            "status": status,
            "suggested_actions": suggested_actions,
            "team_id": team_id,
            "user_id": user_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.action_out import ActionOut # noqa: PLC0415
        from ..models.alert_out_evidence import AlertOutEvidence # noqa: PLC0415
        from ..models.alert_out_outcome_type_0 import AlertOutOutcomeType0 # noqa: PLC0415
        d = dict(src_dict)
        actions = []
        _actions = d.pop("actions")
        for actions_item_data in (_actions):
            actions_item = ActionOut.from_dict(actions_item_data)



            actions.append(actions_item)


        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)



                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))


        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        day = datetime.date.fromisoformat(d.pop("day"))




        def _parse_display_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        display_name = _parse_display_name(d.pop("display_name"))


        evidence = AlertOutEvidence.from_dict(d.pop("evidence"))




        id = d.pop("id")

        def _parse_outcome(data: object) -> AlertOutOutcomeType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                outcome_type_0 = AlertOutOutcomeType0.from_dict(data)



                return outcome_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AlertOutOutcomeType0 | None, data)

        outcome = _parse_outcome(d.pop("outcome"))


        reason = d.pop("reason")

        status = d.pop("status")

        suggested_actions = cast(list[str], d.pop("suggested_actions"))


        def _parse_team_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        team_id = _parse_team_id(d.pop("team_id"))


        user_id = d.pop("user_id")

        alert_out = cls(
            actions=actions,
            closed_at=closed_at,
            created_at=created_at,
            day=day,
            display_name=display_name,
            evidence=evidence,
            id=id,
            outcome=outcome,
            reason=reason,
            status=status,
            suggested_actions=suggested_actions,
            team_id=team_id,
            user_id=user_id,
        )


        alert_out.additional_properties = d
        return alert_out

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
