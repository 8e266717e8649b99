from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.arm_out import ArmOut





T = TypeVar("T", bound="ExperimentOut")



@_attrs_define
class ExperimentOut:
    """ 
        Attributes:
            arms (list[ArmOut]):
            created_at (datetime.datetime):
            end (datetime.date):
            holdout_share (float):
            id (int):
            metric (str):
            min_days (int):
            name (str):
            pre_end (datetime.date):
            pre_first (datetime.date):
            seed (int):
            start (datetime.date):
            status (str):
            stopped_at (datetime.datetime | None):
            unit (str):
     """

    arms: list[ArmOut]
    created_at: datetime.datetime
    end: datetime.date
    holdout_share: float
    id: int
    metric: str
    min_days: int
    name: str
    pre_end: datetime.date
    pre_first: datetime.date
    seed: int
    start: datetime.date
    status: str
    stopped_at: datetime.datetime | None
    unit: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.arm_out import ArmOut # noqa: PLC0415
        arms = []
        for arms_item_data in self.arms:
            arms_item = arms_item_data.to_dict()
            arms.append(arms_item)



        created_at = self.created_at.isoformat()

        end = self.end.isoformat()

        holdout_share = self.holdout_share

        id = self.id

        metric = self.metric

        min_days = self.min_days

        name = self.name

        pre_end = self.pre_end.isoformat()

        pre_first = self.pre_first.isoformat()

        seed = self.seed

        start = self.start.isoformat()

        status = self.status

        stopped_at: None | str
        if isinstance(self.stopped_at, datetime.datetime):
            stopped_at = self.stopped_at.isoformat()
        else:
            stopped_at = self.stopped_at

        unit = self.unit


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "arms": arms,
            "created_at": created_at,
            "end": end,
            "holdout_share": holdout_share,
            "id": id,
            "metric": metric,
            "min_days": min_days,
            "name": name,
            "pre_end": pre_end,
            "pre_first": pre_first,
            "seed": seed,
            "start": start,
            "status": status,
            "stopped_at": stopped_at,
            "unit": unit,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.arm_out import ArmOut # noqa: PLC0415
        d = dict(src_dict)
        arms = []
        _arms = d.pop("arms")
        for arms_item_data in (_arms):
            arms_item = ArmOut.from_dict(arms_item_data)



            arms.append(arms_item)


        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        end = datetime.date.fromisoformat(d.pop("end"))




        holdout_share = d.pop("holdout_share")

        id = d.pop("id")

        metric = d.pop("metric")

        min_days = d.pop("min_days")

        name = d.pop("name")

        pre_end = datetime.date.fromisoformat(d.pop("pre_end"))




        pre_first = datetime.date.fromisoformat(d.pop("pre_first"))




        seed = d.pop("seed")

        start = datetime.date.fromisoformat(d.pop("start"))




        status = d.pop("status")

        def _parse_stopped_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                stopped_at_type_0 = datetime.datetime.fromisoformat(data)



                return stopped_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        stopped_at = _parse_stopped_at(d.pop("stopped_at"))


        unit = d.pop("unit")

        experiment_out = cls(
            arms=arms,
            created_at=created_at,
            end=end,
            holdout_share=holdout_share,
            id=id,
            metric=metric,
            min_days=min_days,
            name=name,
            pre_end=pre_end,
            pre_first=pre_first,
            seed=seed,
            start=start,
            status=status,
            stopped_at=stopped_at,
            unit=unit,
        )


        experiment_out.additional_properties = d
        return experiment_out

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
