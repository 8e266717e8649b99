from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.curve_in import CurveIn
  from ..models.weights_in import WeightsIn





T = TypeVar("T", bound="LevelSettingsIn")



@_attrs_define
class LevelSettingsIn:
    """ 
        Attributes:
            curve (CurveIn | Unset):
            weights (WeightsIn | Unset):
     """

    curve: CurveIn | Unset = UNSET
    weights: WeightsIn | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.curve_in import CurveIn # noqa: PLC0415
        from ..models.weights_in import WeightsIn # noqa: PLC0415
        curve: dict[str, Any] | Unset = UNSET
        if not isinstance(self.curve, Unset):
            curve = self.curve.to_dict()

        weights: dict[str, Any] | Unset = UNSET
        if not isinstance(self.weights, Unset):
            weights = self.weights.to_dict()


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
        })
        if curve is not UNSET:
            field_dict["curve"] = curve
        if weights is not UNSET:
            field_dict["weights"] = weights

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.curve_in import CurveIn # noqa: PLC0415
        from ..models.weights_in import WeightsIn # noqa: PLC0415
        d = dict(src_dict)
        _curve = d.pop("curve", UNSET)
        curve: CurveIn | Unset
        if isinstance(_curve,  Unset):
            curve = UNSET
        else:
            curve = CurveIn.from_dict(_curve)




        _weights = d.pop("weights", UNSET)
        weights: WeightsIn | Unset
        if isinstance(_weights,  Unset):
            weights = UNSET
        else:
            weights = WeightsIn.from_dict(_weights)




        level_settings_in = cls(
            curve=curve,
            weights=weights,
        )


        level_settings_in.additional_properties = d
        return level_settings_in

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
