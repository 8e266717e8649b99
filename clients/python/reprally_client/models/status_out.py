from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.lag import Lag
  from ..models.status_out_rejected import StatusOutRejected





T = TypeVar("T", bound="StatusOut")



@_attrs_define
class StatusOut:
    """ 
        Attributes:
            accepted (int):
            applied (int):
            duplicates (int):
            id (int):
            ignored (int):
            lag (Lag):
            last_event_at (datetime.datetime | None):
            pending (int):
            poll_last_at (datetime.datetime | None):
            poll_last_error (None | str):
            rejected (StatusOutRejected):
            signature_failures (int):
            stale (int):
            unmatched (int):
     """

    accepted: int
    applied: int
    duplicates: int
    id: int
    ignored: int
    lag: Lag
    last_event_at: datetime.datetime | None
    pending: int
    poll_last_at: datetime.datetime | None
    poll_last_error: None | str
    rejected: StatusOutRejected
    signature_failures: int
    stale: int
    unmatched: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.lag import Lag # noqa: PLC0415
        from ..models.status_out_rejected import StatusOutRejected # noqa: PLC0415
        accepted = self.accepted

        applied = self.applied

        duplicates = self.duplicates

        id = self.id

        ignored = self.ignored

        lag = self.lag.to_dict()

        last_event_at: None | str
        if isinstance(self.last_event_at, datetime.datetime):
            last_event_at = self.last_event_at.isoformat()
        else:
            last_event_at = self.last_event_at

        pending = self.pending

        poll_last_at: None | str
        if isinstance(self.poll_last_at, datetime.datetime):
            poll_last_at = self.poll_last_at.isoformat()
        else:
            poll_last_at = self.poll_last_at

        poll_last_error: None | str
        poll_last_error = self.poll_last_error

        rejected = self.rejected.to_dict()

        signature_failures = self.signature_failures

        stale = self.stale

        unmatched = self.unmatched


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "accepted": accepted,
            "applied": applied,
            "duplicates": duplicates,
            "id": id,
            "ignored": ignored,
            "lag": lag,
            "last_event_at": last_event_at,
            "pending": pending,
            "poll_last_at": poll_last_at,
            "poll_last_error": poll_last_error,
            "rejected": rejected,
            "signature_failures": signature_failures,
            "stale": stale,
            "unmatched": unmatched,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.lag import Lag # noqa: PLC0415
        from ..models.status_out_rejected import StatusOutRejected # noqa: PLC0415
        d = dict(src_dict)
        accepted = d.pop("accepted")

        applied = d.pop("applied")

        duplicates = d.pop("duplicates")

        id = d.pop("id")

        ignored = d.pop("ignored")

        lag = Lag.from_dict(d.pop("lag"))




        def _parse_last_event_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_event_at_type_0 = datetime.datetime.fromisoformat(data)



                return last_event_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_event_at = _parse_last_event_at(d.pop("last_event_at"))


        pending = d.pop("pending")

        def _parse_poll_last_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                poll_last_at_type_0 = datetime.datetime.fromisoformat(data)



                return poll_last_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        poll_last_at = _parse_poll_last_at(d.pop("poll_last_at"))


        def _parse_poll_last_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        poll_last_error = _parse_poll_last_error(d.pop("poll_last_error"))


        rejected = StatusOutRejected.from_dict(d.pop("rejected"))




        signature_failures = d.pop("signature_failures")

        stale = d.pop("stale")

        unmatched = d.pop("unmatched")

        status_out = cls(
            accepted=accepted,
            applied=applied,
            duplicates=duplicates,
            id=id,
            ignored=ignored,
            lag=lag,
            last_event_at=last_event_at,
            pending=pending,
            poll_last_at=poll_last_at,
            poll_last_error=poll_last_error,
            rejected=rejected,
            signature_failures=signature_failures,
            stale=stale,
            unmatched=unmatched,
        )


        status_out.additional_properties = d
        return status_out

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
