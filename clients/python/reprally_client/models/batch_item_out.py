from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.activity_out import ActivityOut
  from ..models.error_body import ErrorBody





T = TypeVar("T", bound="BatchItemOut")



@_attrs_define
class BatchItemOut:
    """ 
        Attributes:
            index (int):
            status (int):
            activity (ActivityOut | None | Unset):
            error (ErrorBody | None | Unset):
     """

    index: int
    status: int
    activity: ActivityOut | None | Unset = UNSET
    error: ErrorBody | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.activity_out import ActivityOut # noqa: PLC0415
        from ..models.error_body import ErrorBody # noqa: PLC0415
        index = self.index

        status = self.status

        activity: dict[str, Any] | None | Unset
        if isinstance(self.activity, Unset):
            activity = UNSET
        elif isinstance(self.activity, ActivityOut):
            activity = self.activity.to_dict()
        else:
            activity = self.activity

        error: dict[str, Any] | None | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        elif isinstance(self.error, ErrorBody):
            error = self.error.to_dict()
        else:
            error = self.error


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "index": index,
            "status": status,
        })
        if activity is not UNSET:
            field_dict["activity"] = activity
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.activity_out import ActivityOut # noqa: PLC0415
        from ..models.error_body import ErrorBody # noqa: PLC0415
        d = dict(src_dict)
        index = d.pop("index")

        status = d.pop("status")

        def _parse_activity(data: object) -> ActivityOut | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                activity_type_0 = ActivityOut.from_dict(data)



                return activity_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ActivityOut | None | Unset, data)

        activity = _parse_activity(d.pop("activity", UNSET))


        def _parse_error(data: object) -> ErrorBody | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                error_type_0 = ErrorBody.from_dict(data)



                return error_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ErrorBody | None | Unset, data)

        error = _parse_error(d.pop("error", UNSET))


        batch_item_out = cls(
            index=index,
            status=status,
            activity=activity,
            error=error,
        )


        batch_item_out.additional_properties = d
        return batch_item_out

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
