from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.delivery_error import DeliveryError





T = TypeVar("T", bound="DeliveryAck")



@_attrs_define
class DeliveryAck:
    """ 
        Attributes:
            accepted (int):
            duplicates (int):
            errors (list[DeliveryError]):
            rejected (int):
     """

    accepted: int
    duplicates: int
    errors: list[DeliveryError]
    rejected: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.delivery_error import DeliveryError # noqa: PLC0415
        accepted = self.accepted

        duplicates = self.duplicates

        errors = []
        for errors_item_data in self.errors:
            errors_item = errors_item_data.to_dict()
            errors.append(errors_item)



        rejected = self.rejected


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "accepted": accepted,
            "duplicates": duplicates,
            "errors": errors,
            "rejected": rejected,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.delivery_error import DeliveryError # noqa: PLC0415
        d = dict(src_dict)
        accepted = d.pop("accepted")

        duplicates = d.pop("duplicates")

        errors = []
        _errors = d.pop("errors")
        for errors_item_data in (_errors):
            errors_item = DeliveryError.from_dict(errors_item_data)



            errors.append(errors_item)


        rejected = d.pop("rejected")

        delivery_ack = cls(
            accepted=accepted,
            duplicates=duplicates,
            errors=errors,
            rejected=rejected,
        )


        delivery_ack.additional_properties = d
        return delivery_ack

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
