from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.curve_out import CurveOut
  from ..models.weights_out import WeightsOut





T = TypeVar("T", bound="LevelSettingsOut")



@_attrs_define
class LevelSettingsOut:
    """ 
        Attributes:
            curve (CurveOut):
            updated_at (datetime.datetime | None):
            version (int):
            weights (WeightsOut):
     """

    curve: CurveOut
    updated_at: datetime.datetime | None
    version: int
    weights: WeightsOut
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.curve_out import CurveOut # noqa: PLC0415
        from ..models.weights_out import WeightsOut # noqa: PLC0415
        curve = self.curve.to_dict()

        updated_at: None | str
        if isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        version = self.version

        weights = self.weights.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "curve": curve,
            "updated_at": updated_at,
            "version": version,
            "weights": weights,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.curve_out import CurveOut # noqa: PLC0415
        from ..models.weights_out import WeightsOut # noqa: PLC0415
        d = dict(src_dict)
        curve = CurveOut.from_dict(d.pop("curve"))




        def _parse_updated_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)



                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        updated_at = _parse_updated_at(d.pop("updated_at"))


        version = d.pop("version")

        weights = WeightsOut.from_dict(d.pop("weights"))




        level_settings_out = cls(
            curve=curve,
            updated_at=updated_at,
            version=version,
            weights=weights,
        )


        level_settings_out.additional_properties = d
        return level_settings_out

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
