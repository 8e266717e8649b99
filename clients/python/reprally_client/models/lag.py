from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="Lag")



@_attrs_define
class Lag:
    """ 
        Attributes:
            p50_ms (int | None):
            p99_ms (int | None):
            samples (int):
     """

    p50_ms: int | None
    p99_ms: int | None
    samples: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        p50_ms: int | None
        p50_ms = self.p50_ms

        p99_ms: int | None
        p99_ms = self.p99_ms

        samples = self.samples


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "p50_ms": p50_ms,
            "p99_ms": p99_ms,
            "samples": samples,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_p50_ms(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        p50_ms = _parse_p50_ms(d.pop("p50_ms"))


        def _parse_p99_ms(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        p99_ms = _parse_p99_ms(d.pop("p99_ms"))


        samples = d.pop("samples")

        lag = cls(
            p50_ms=p50_ms,
            p99_ms=p99_ms,
            samples=samples,
        )


        lag.additional_properties = d
        return lag

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
