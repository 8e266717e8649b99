from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.cause_out import CauseOut
  from ..models.ledger_entry_out_change_type_0 import LedgerEntryOutChangeType0
  from ..models.ledger_entry_out_self_report_type_0 import LedgerEntryOutSelfReportType0





T = TypeVar("T", bound="LedgerEntryOut")



@_attrs_define
class LedgerEntryOut:
    """ 
        Attributes:
            activity_id (int | None):
            activity_type (None | str):
            cause (CauseOut | None):
            created_at (datetime.datetime):
            external_id (None | str):
            id (int):
            kind (str):
            occurred_at (datetime.datetime):
            points (int):
            quantity (int | None):
            reverses_entry_id (int | None):
            rule_daily_cap (int | None):
            rule_points (int | None):
            rule_value_points (float | None):
            rule_version (int | None):
            rule_version_id (int | None):
            source (None | str):
            units (int):
            value (float | None):
            value_units (int):
            change (LedgerEntryOutChangeType0 | None | Unset):
            self_report (LedgerEntryOutSelfReportType0 | None | Unset):
     """

    activity_id: int | None
    activity_type: None | str
    cause: CauseOut | None
    created_at: datetime.datetime
    external_id: None | str
    id: int
    kind: str
    occurred_at: datetime.datetime
    points: int
    quantity: int | None
    reverses_entry_id: int | None
    rule_daily_cap: int | None
    rule_points: int | None
    rule_value_points: float | None
    rule_version: int | None
    rule_version_id: int | None
    source: None | str
    units: int
    value: float | None
    value_units: int
    change: LedgerEntryOutChangeType0 | None | Unset = UNSET
    self_report: LedgerEntryOutSelfReportType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.cause_out import CauseOut # noqa: PLC0415
        from ..models.ledger_entry_out_change_type_0 import LedgerEntryOutChangeType0 # noqa: PLC0415
        from ..models.ledger_entry_out_self_report_type_0 import LedgerEntryOutSelfReportType0 # noqa: PLC0415
        activity_id: int | None
        activity_id = self.activity_id

        activity_type: None | str
        activity_type = self.activity_type

        cause: dict[str, Any] | None
        if isinstance(self.cause, CauseOut):
            cause = self.cause.to_dict()
        else:
            cause = self.cause

        created_at = self.created_at.isoformat()

        external_id: None | str
        external_id = self.external_id

        id = self.id

        kind = self.kind

        occurred_at = self.occurred_at.isoformat()

        points = self.points

        quantity: int | None
        quantity = self.quantity

        reverses_entry_id: int | None
        reverses_entry_id = self.reverses_entry_id

        rule_daily_cap: int | None
        rule_daily_cap = self.rule_daily_cap

        rule_points: int | None
        rule_points = self.rule_points

        rule_value_points: float | None
        rule_value_points = self.rule_value_points

        rule_version: int | None
        rule_version = self.rule_version

        rule_version_id: int | None
        rule_version_id = self.rule_version_id

        source: None | str
        source = self.source

        units = self.units

        value: float | None
        value = self.value

        value_units = self.value_units

        change: dict[str, Any] | None | Unset
        if isinstance(self.change, Unset):
            change = UNSET
        elif isinstance(self.change, LedgerEntryOutChangeType0):
            change = self.change.to_dict()
        else:
            change = self.change

        self_report: dict[str, Any] | None | Unset
        if isinstance(self.self_report, Unset):
            self_report = UNSET
        elif isinstance(self.self_report, LedgerEntryOutSelfReportType0):
            self_report = self.self_report.to_dict()
        else:
            self_report = self.self_report


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "activity_id": activity_id,
            "activity_type": activity_type,
            "cause": cause,
            "created_at": created_at,
            "external_id": external_id,
            "id": id,
            "kind": kind,
            "occurred_at": occurred_at,
            "points": points,
            "quantity": quantity,
            "reverses_entry_id": reverses_entry_id,
            "rule_daily_cap": rule_daily_cap,
            "rule_points": rule_points,
            "rule_value_points": rule_value_points,
            "rule_version": rule_version,
            "rule_version_id": rule_version_id,
            "source": source,
            "units": units,
            "value": value,
            "value_units": value_units,
        })
        if change is not UNSET:
            field_dict["change"] = change
        if self_report is not UNSET:
            field_dict["self_report"] = self_report

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.cause_out import CauseOut # noqa: PLC0415
        from ..models.ledger_entry_out_change_type_0 import LedgerEntryOutChangeType0 # noqa: PLC0415
        from ..models.ledger_entry_out_self_report_type_0 import LedgerEntryOutSelfReportType0 # noqa: PLC0415
        d = dict(src_dict)
        def _parse_activity_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        activity_id = _parse_activity_id(d.pop("activity_id"))


        def _parse_activity_type(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        activity_type = _parse_activity_type(d.pop("activity_type"))


        def _parse_cause(data: object) -> CauseOut | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                cause_type_0 = CauseOut.from_dict(data)



                return cause_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CauseOut | None, data)

        cause = _parse_cause(d.pop("cause"))


        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        def _parse_external_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        external_id = _parse_external_id(d.pop("external_id"))


        id = d.pop("id")

        kind = d.pop("kind")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))




        points = d.pop("points")

        def _parse_quantity(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        quantity = _parse_quantity(d.pop("quantity"))


        def _parse_reverses_entry_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        reverses_entry_id = _parse_reverses_entry_id(d.pop("reverses_entry_id"))


        def _parse_rule_daily_cap(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rule_daily_cap = _parse_rule_daily_cap(d.pop("rule_daily_cap"))


        def _parse_rule_points(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rule_points = _parse_rule_points(d.pop("rule_points"))


        def _parse_rule_value_points(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        rule_value_points = _parse_rule_value_points(d.pop("rule_value_points"))


        def _parse_rule_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rule_version = _parse_rule_version(d.pop("rule_version"))


        def _parse_rule_version_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rule_version_id = _parse_rule_version_id(d.pop("rule_version_id"))


        def _parse_source(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        source = _parse_source(d.pop("source"))


        units = d.pop("units")

        def _parse_value(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        value = _parse_value(d.pop("value"))


        value_units = d.pop("value_units")

        def _parse_change(data: object) -> LedgerEntryOutChangeType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                change_type_0 = LedgerEntryOutChangeType0.from_dict(data)



                return change_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LedgerEntryOutChangeType0 | None | Unset, data)

        change = _parse_change(d.pop("change", UNSET))


        def _parse_self_report(data: object) -> LedgerEntryOutSelfReportType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                self_report_type_0 = LedgerEntryOutSelfReportType0.from_dict(data)



                return self_report_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LedgerEntryOutSelfReportType0 | None | Unset, data)

        self_report = _parse_self_report(d.pop("self_report", UNSET))


        ledger_entry_out = cls(
            activity_id=activity_id,
            activity_type=activity_type,
            cause=cause,
            created_at=created_at,
            external_id=external_id,
            id=id,
            kind=kind,
            occurred_at=occurred_at,
            points=points,
            quantity=quantity,
            reverses_entry_id=reverses_entry_id,
            rule_daily_cap=rule_daily_cap,
            rule_points=rule_points,
            rule_value_points=rule_value_points,
            rule_version=rule_version,
            rule_version_id=rule_version_id,
            source=source,
            units=units,
            value=value,
            value_units=value_units,
            change=change,
            self_report=self_report,
        )


        ledger_entry_out.additional_properties = d
        return ledger_entry_out

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
