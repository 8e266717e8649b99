from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="LinkOut")



@_attrs_define
class LinkOut:
    """ 
        Attributes:
            n (int):
            rho (float | None):
            significant (bool):
            strength (str):
            type_ (str):
            verdict (str):
     """

    n: int
    rho: float | None
    significant: bool
    strength: str
    type_: str
    verdict: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        n = self.n

        rho: float | None
        rho = self.rho

        significant = self.significant

        strength = self.strength

        type_ = self.type_

        verdict = self.verdict


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "n": n,
            "rho": rho,
            "significant": significant,
            "strength": strength,
            "type": type_,
            "verdict": verdict,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        n = d.pop("n")

        def _parse_rho(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        rho = _parse_rho(d.pop("rho"))


        significant = d.pop("significant")

        strength = d.pop("strength")

        type_ = d.pop("type")

        verdict = d.pop("verdict")

        link_out = cls(
            n=n,
            rho=rho,
            significant=significant,
            strength=strength,
            type_=type_,
            verdict=verdict,
        )


        link_out.additional_properties = d
        return link_out

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
