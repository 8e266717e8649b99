from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.span_out import SpanOut
  from ..models.suggestion_out import SuggestionOut





T = TypeVar("T", bound="SuggestionsOut")



@_attrs_define
class SuggestionsOut:
    """ 
        Attributes:
            metric (str):
            period (SpanOut):
            suggestions (list[SuggestionOut]):
     """

    metric: str
    period: SpanOut
    suggestions: list[SuggestionOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.span_out import SpanOut # noqa: PLC0415
        from ..models.suggestion_out import SuggestionOut # noqa: PLC0415
        metric = self.metric

        period = self.period.to_dict()

        suggestions = []
        for suggestions_item_data in self.suggestions:
            suggestions_item = suggestions_item_data.to_dict()
            suggestions.append(suggestions_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "metric": metric,
            "period": period,
            "suggestions": suggestions,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.span_out import SpanOut # noqa: PLC0415
        from ..models.suggestion_out import SuggestionOut # noqa: PLC0415
        d = dict(src_dict)
        metric = d.pop("metric")

        period = SpanOut.from_dict(d.pop("period"))




        suggestions = []
        _suggestions = d.pop("suggestions")
        for suggestions_item_data in (_suggestions):
            suggestions_item = SuggestionOut.from_dict(suggestions_item_data)



            suggestions.append(suggestions_item)


        suggestions_out = cls(
            metric=metric,
            period=period,
            suggestions=suggestions,
        )


        suggestions_out.additional_properties = d
        return suggestions_out

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
