from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.action_out_outcome_type_0 import ActionOutOutcomeType0
  from ..models.action_out_params import ActionOutParams
  from ..models.action_out_result import ActionOutResult





T = TypeVar("T", bound="ActionOut")



@_attrs_define
class ActionOut:
    """ 
        Attributes:
            action (str):
            created_at (datetime.datetime):
            created_by_user_id (int | None):
            id (int):
            outcome (ActionOutOutcomeType0 | None):
            params (ActionOutParams):
            result (ActionOutResult):
     """

    action: str
    created_at: datetime.datetime
    created_by_user_id: int | None
    id: int
    outcome: ActionOutOutcomeType0 | None
    params: ActionOutParams
    result: ActionOutResult
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.action_out_outcome_type_0 import ActionOutOutcomeType0 # noqa: PLC0415
        from ..models.action_out_params import ActionOutParams # noqa: PLC0415
        from ..models.action_out_result import ActionOutResult # noqa: PLC0415
        action = self.action

        created_at = self.created_at.isoformat()

        created_by_user_id: int | None
        created_by_user_id = self.created_by_user_id

        id = self.id

        outcome: dict[str, Any] | None
        if isinstance(self.outcome, ActionOutOutcomeType0):
            outcome = self.outcome.to_dict()
        else:
            outcome = self.outcome

        params = self.params.to_dict()

        result = self.result.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "action": action,
            "created_at": created_at,
            "created_by_user_id": created_by_user_id,
            "id": id,
            "outcome": outcome,
            "params": params,
            "result": result,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.action_out_outcome_type_0 import ActionOutOutcomeType0 # noqa: PLC0415
        from ..models.action_out_params import ActionOutParams # noqa: PLC0415
        from ..models.action_out_result import ActionOutResult # noqa: PLC0415
        d = dict(src_dict)
        action = d.pop("action")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        def _parse_created_by_user_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        created_by_user_id = _parse_created_by_user_id(d.pop("created_by_user_id"))


        id = d.pop("id")

        def _parse_outcome(data: object) -> ActionOutOutcomeType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                outcome_type_0 = ActionOutOutcomeType0.from_dict(data)



                return outcome_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ActionOutOutcomeType0 | None, data)

        outcome = _parse_outcome(d.pop("outcome"))


        params = ActionOutParams.from_dict(d.pop("params"))




        result = ActionOutResult.from_dict(d.pop("result"))




        action_out = cls(
            action=action,
            created_at=created_at,
            created_by_user_id=created_by_user_id,
            id=id,
            outcome=outcome,
            params=params,
            result=result,
        )


        action_out.additional_properties = d
        return action_out

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
