from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.contest_create_format import check_contest_create_format
from ..models.contest_create_format import ContestCreateFormat
from ..models.contest_create_measure_type_1 import check_contest_create_measure_type_1
from ..models.contest_create_measure_type_1 import ContestCreateMeasureType1
from ..models.contest_create_measure_type_2_type_1 import check_contest_create_measure_type_2_type_1
from ..models.contest_create_measure_type_2_type_1 import ContestCreateMeasureType2Type1
from ..models.contest_create_measure_type_3_type_1 import check_contest_create_measure_type_3_type_1
from ..models.contest_create_measure_type_3_type_1 import ContestCreateMeasureType3Type1
from ..models.contest_create_tie_breakers_type_0_item import check_contest_create_tie_breakers_type_0_item
from ..models.contest_create_tie_breakers_type_0_item import ContestCreateTieBreakersType0Item
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.prize_in import PrizeIn





T = TypeVar("T", bound="ContestCreate")



@_attrs_define
class ContestCreate:
    """ 
        Attributes:
            end_date (datetime.date):
            name (str):
            start_date (datetime.date):
            bracket (bool | Unset):  Default: False.
            count_from_start (bool | Unset):  Default: False.
            description (None | str | Unset):
            divisions (int | Unset):  Default: 3.
            draws (int | None | Unset):
            format_ (ContestCreateFormat | Unset):  Default: 'individual'.
            hidden (bool | Unset):  Default: False.
            measure (ContestCreateMeasureType1 | ContestCreateMeasureType2Type1 | ContestCreateMeasureType3Type1 | None |
                Unset):
            metric (str | Unset):  Default: 'points'.
            pairs (list[list[int]] | Unset):
            per_head (bool | Unset):  Default: False.
            prizes (list[PrizeIn] | Unset):
            segments (list[str] | Unset):
            target (int | None | Unset):
            ticket_every (int | Unset):  Default: 1.
            tie_breakers (list[ContestCreateTieBreakersType0Item] | None | Unset):
     """

    end_date: datetime.date
    name: str
    start_date: datetime.date
    bracket: bool | Unset = False
    count_from_start: bool | Unset = False
    description: None | str | Unset = UNSET
    divisions: int | Unset = 3
    draws: int | None | Unset = UNSET
    format_: ContestCreateFormat | Unset = 'individual'
    hidden: bool | Unset = False
    measure: ContestCreateMeasureType1 | ContestCreateMeasureType2Type1 | ContestCreateMeasureType3Type1 | None | Unset = UNSET
    metric: str | Unset = 'points'
    pairs: list[list[int]] | Unset = UNSET
    per_head: bool | Unset = False
    prizes: list[PrizeIn] | Unset = UNSET
    segments: list[str] | Unset = UNSET
    target: int | None | Unset = UNSET
    ticket_every: int | Unset = 1
    tie_breakers: list[ContestCreateTieBreakersType0Item] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.prize_in import PrizeIn # noqa: PLC0415
        end_date = self.end_date.isoformat()

        name = self.name

        start_date = self.start_date.isoformat()

        bracket = self.bracket

        count_from_start = self.count_from_start

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        divisions = self.divisions

        draws: int | None | Unset
        if isinstance(self.draws, Unset):
            draws = UNSET
        else:
            draws = self.draws

        format_: str | Unset = UNSET
        if not isinstance(self.format_, Unset):
            format_ = self.format_


        hidden = self.hidden

        measure: None | str | Unset
        if isinstance(self.measure, Unset):
            measure = UNSET
        elif isinstance(self.measure, str):
            measure = self.measure
        elif isinstance(self.measure, str):
            measure = self.measure
        elif isinstance(self.measure, str):
            measure = self.measure
        else:
            measure = self.measure

        metric = self.metric

        pairs: list[list[int]] | Unset = UNSET
        if not isinstance(self.pairs, Unset):
            pairs = []
            for pairs_item_data in self.pairs:
                pairs_item = pairs_item_data


                pairs.append(pairs_item)



        per_head = self.per_head

        prizes: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.prizes, Unset):
            prizes = []
            for prizes_item_data in self.prizes:
                prizes_item = prizes_item_data.to_dict()
                prizes.append(prizes_item)



        segments: list[str] | Unset = UNSET
        if not isinstance(self.segments, Unset):
            segments = self.segments



        target: int | None | Unset
        if isinstance(self.target, Unset):
            target = UNSET
        else:
            target = self.target

        ticket_every = self.ticket_every

        tie_breakers: list[str] | None | Unset
        if isinstance(self.tie_breakers, Unset):
            tie_breakers = UNSET
        elif isinstance(self.tie_breakers, list):
            tie_breakers = []
            for tie_breakers_type_0_item_data in self.tie_breakers:
                tie_breakers_type_0_item: str = tie_breakers_type_0_item_data
                tie_breakers.append(tie_breakers_type_0_item)


        else:
            tie_breakers = self.tie_breakers


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "end_date": end_date,
            "name": name,
            "start_date": start_date,
        })
        if bracket is not UNSET:
            field_dict["bracket"] = bracket
        if count_from_start is not UNSET:
            field_dict["count_from_start"] = count_from_start
        if description is not UNSET:
            field_dict["description"] = description
        if divisions is not UNSET:
            field_dict["divisions"] = divisions
        if draws is not UNSET:
            field_dict["draws"] = draws
        if format_ is not UNSET:
            field_dict["format"] = format_
        if hidden is not UNSET:
            field_dict["hidden"] = hidden
        if measure is not UNSET:
            field_dict["measure"] = measure
        if metric is not UNSET:
            field_dict["metric"] = metric
        if pairs is not UNSET:
            field_dict["pairs"] = pairs
        if per_head is not UNSET:
            field_dict["per_head"] = per_head
        if prizes is not UNSET:
            field_dict["prizes"] = prizes
        if segments is not UNSET:
            field_dict["segments"] = segments
        if target is not UNSET:
            field_dict["target"] = target
        if ticket_every is not UNSET:
            field_dict["ticket_every"] = ticket_every
        if tie_breakers is not UNSET:
            field_dict["tie_breakers"] = tie_breakers

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.prize_in import PrizeIn # noqa: PLC0415
        d = dict(src_dict)
        end_date = datetime.date.fromisoformat(d.pop("end_date"))




        name = d.pop("name")

        start_date = datetime.date.fromisoformat(d.pop("start_date"))




        bracket = d.pop("bracket", UNSET)

        count_from_start = d.pop("count_from_start", UNSET)

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))


        divisions = d.pop("divisions", UNSET)

        def _parse_draws(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        draws = _parse_draws(d.pop("draws", UNSET))


        _format_ = d.pop("format", UNSET)
        format_: ContestCreateFormat | Unset
        if isinstance(_format_,  Unset):
            format_ = UNSET
        else:
            format_ = check_contest_create_format(_format_)




        hidden = d.pop("hidden", UNSET)

        def _parse_measure(data: object) -> ContestCreateMeasureType1 | ContestCreateMeasureType2Type1 | ContestCreateMeasureType3Type1 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                measure_type_1 = check_contest_create_measure_type_1(data)



                return measure_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                measure_type_2_type_1 = check_contest_create_measure_type_2_type_1(data)



                return measure_type_2_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, str):
                    raise TypeError()
                measure_type_3_type_1 = check_contest_create_measure_type_3_type_1(data)



                return measure_type_3_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContestCreateMeasureType1 | ContestCreateMeasureType2Type1 | ContestCreateMeasureType3Type1 | None | Unset, data)

        measure = _parse_measure(d.pop("measure", UNSET))


        metric = d.pop("metric", UNSET)

        _pairs = d.pop("pairs", UNSET)
        pairs: list[list[int]] | Unset = UNSET
        if _pairs is not UNSET:
            pairs = []
            for pairs_item_data in _pairs:
                pairs_item = cast(list[int], pairs_item_data)

                pairs.append(pairs_item)


        per_head = d.pop("per_head", UNSET)

        _prizes = d.pop("prizes", UNSET)
        prizes: list[PrizeIn] | Unset = UNSET
        if _prizes is not UNSET:
            prizes = []
            for prizes_item_data in _prizes:
                prizes_item = PrizeIn.from_dict(prizes_item_data)



                prizes.append(prizes_item)


        segments = cast(list[str], d.pop("segments", UNSET))


        def _parse_target(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        target = _parse_target(d.pop("target", UNSET))


        ticket_every = d.pop("ticket_every", UNSET)

        def _parse_tie_breakers(data: object) -> list[ContestCreateTieBreakersType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tie_breakers_type_0 = []
                _tie_breakers_type_0 = data
                for tie_breakers_type_0_item_data in (_tie_breakers_type_0):
                    tie_breakers_type_0_item = check_contest_create_tie_breakers_type_0_item(tie_breakers_type_0_item_data)



                    tie_breakers_type_0.append(tie_breakers_type_0_item)

                return tie_breakers_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ContestCreateTieBreakersType0Item] | None | Unset, data)

        tie_breakers = _parse_tie_breakers(d.pop("tie_breakers", UNSET))


        contest_create = cls(
            end_date=end_date,
            name=name,
            start_date=start_date,
            bracket=bracket,
            count_from_start=count_from_start,
            description=description,
            divisions=divisions,
            draws=draws,
            format_=format_,
            hidden=hidden,
            measure=measure,
            metric=metric,
            pairs=pairs,
            per_head=per_head,
            prizes=prizes,
            segments=segments,
            target=target,
            ticket_every=ticket_every,
            tie_breakers=tie_breakers,
        )


        contest_create.additional_properties = d
        return contest_create

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
