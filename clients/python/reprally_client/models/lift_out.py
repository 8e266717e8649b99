from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast






T = TypeVar("T", bound="LiftOut")



@_attrs_define
class LiftOut:
    """ 
        Attributes:
            balance_smd (float | None):
            balanced (bool):
            ci_high (float | None):
            ci_low (float | None):
            df (float | None):
            lift (float):
            mean (float):
            n (int):
            name (str):
            pre_mean (float):
            relative_ci_high (float | None):
            relative_ci_low (float | None):
            relative_lift (float | None):
            significant (bool):
     """

    balance_smd: float | None
    balanced: bool
    ci_high: float | None
    ci_low: float | None
    df: float | None
    lift: float
    mean: float
    n: int
    name: str
    pre_mean: float
    relative_ci_high: float | None
    relative_ci_low: float | None
    relative_lift: float | None
    significant: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        balance_smd: float | None
        balance_smd = self.balance_smd

        balanced = self.balanced

        ci_high: float | None
        ci_high = self.ci_high

        ci_low: float | None
        ci_low = self.ci_low

        df: float | None
        df = self.df

        lift = self.lift

        mean = self.mean

        n = self.n

        name = self.name

        pre_mean = self.pre_mean

        relative_ci_high: float | None
        relative_ci_high = self.relative_ci_high

        relative_ci_low: float | None
        relative_ci_low = self.relative_ci_low

        relative_lift: float | None
        relative_lift = self.relative_lift

        significant = self.significant


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "balance_smd": balance_smd,
            "balanced": balanced,
            "ci_high": ci_high,
            "ci_low": ci_low,
            "df": df,
            "lift": lift,
            "mean": mean,
            "n": n,
            "name": name,
            "pre_mean": pre_mean,
            "relative_ci_high": relative_ci_high,
            "relative_ci_low": relative_ci_low,
            "relative_lift": relative_lift,
            "significant": significant,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        def _parse_balance_smd(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        balance_smd = _parse_balance_smd(d.pop("balance_smd"))


        balanced = d.pop("balanced")

        def _parse_ci_high(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        ci_high = _parse_ci_high(d.pop("ci_high"))


        def _parse_ci_low(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        ci_low = _parse_ci_low(d.pop("ci_low"))


        def _parse_df(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        df = _parse_df(d.pop("df"))


        lift = d.pop("lift")

        mean = d.pop("mean")

        n = d.pop("n")

        name = d.pop("name")

        pre_mean = d.pop("pre_mean")

        def _parse_relative_ci_high(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        relative_ci_high = _parse_relative_ci_high(d.pop("relative_ci_high"))


        def _parse_relative_ci_low(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        relative_ci_low = _parse_relative_ci_low(d.pop("relative_ci_low"))


        def _parse_relative_lift(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        relative_lift = _parse_relative_lift(d.pop("relative_lift"))


        significant = d.pop("significant")

        lift_out = cls(
            balance_smd=balance_smd,
            balanced=balanced,
            ci_high=ci_high,
            ci_low=ci_low,
            df=df,
            lift=lift,
            mean=mean,
            n=n,
            name=name,
            pre_mean=pre_mean,
            relative_ci_high=relative_ci_high,
            relative_ci_low=relative_ci_low,
            relative_lift=relative_lift,
            significant=significant,
        )


        lift_out.additional_properties = d
        return lift_out

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
