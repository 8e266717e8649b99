from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.contest_update_format_type_0 import check_contest_update_format_type_0
from ..models.contest_update_format_type_0 import ContestUpdateFormatType0
from ..models.contest_update_measure_type_0 import check_contest_update_measure_type_0
from ..models.contest_update_measure_type_0 import ContestUpdateMeasureType0
from ..models.contest_update_tie_breakers_type_0_item import check_contest_update_tie_breakers_type_0_item
from ..models.contest_update_tie_breakers_type_0_item import ContestUpdateTieBreakersType0Item
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.prize_in import PrizeIn





T = TypeVar("T", bound="ContestUpdate")



@_attrs_define
class ContestUpdate:
    """ 
        Attributes:
            bracket (bool | Unset):
            count_from_start (bool | Unset):
            description (None | str | Unset):
            divisions (int | Unset):
            draws (int | None | Unset):
            end_date (datetime.date | Unset):
            format_ (ContestUpdateFormatType0 | Unset):
            hidden (bool | Unset):
            measure (ContestUpdateMeasureType0 | Unset):
            metric (str | Unset):
            name (str | Unset):
            pairs (list[list[int]] | Unset):
            per_head (bool | Unset):
            prizes (list[PrizeIn] | Unset):
            segments (list[str] | Unset):
            start_date (datetime.date | Unset):
            target (int | None | Unset):
            ticket_every (int | Unset):
            tie_breakers (list[ContestUpdateTieBreakersType0Item] | Unset):
     """

    bracket: bool | Unset = UNSET
    count_from_start: bool | Unset = UNSET
    description: None | str | Unset = UNSET
    divisions: int | Unset = UNSET
    draws: int | None | Unset = UNSET
    end_date: datetime.date | Unset = UNSET
    format_: ContestUpdateFormatType0 | Unset = UNSET
    hidden: bool | Unset = UNSET
    measure: ContestUpdateMeasureType0 | Unset = UNSET
    metric: str | Unset = UNSET
    name: str | Unset = UNSET
    pairs: list[list[int]] | Unset = UNSET
    per_head: bool | Unset = UNSET
    prizes: list[PrizeIn] | Unset = UNSET
    segments: list[str] | Unset = UNSET
    start_date: datetime.date | Unset = UNSET
    target: int | None | Unset = UNSET
    ticket_every: int | Unset = UNSET
    tie_breakers: list[ContestUpdateTieBreakersType0Item] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.prize_in import PrizeIn # noqa: PLC0415
        bracket: bool | Unset
        if isinstance(self.bracket, Unset):
            bracket = UNSET
        else:
            bracket = self.bracket

        count_from_start: bool | Unset
        if isinstance(self.count_from_start, Unset):
            count_from_start = UNSET
        else:
            count_from_start = self.count_from_start

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        divisions: int | Unset
        if isinstance(self.divisions, Unset):
            divisions = UNSET
        else:
            divisions = self.divisions

        draws: int | None | Unset
        if isinstance(self.draws, Unset):
            draws = UNSET
        else:
            draws = self.draws

        end_date: str | Unset
        if isinstance(self.end_date, Unset):
            end_date = UNSET
        else:
            end_date = self.end_date.isoformat()


        format_: str | Unset
        if isinstance(self.format_, Unset):
            format_ = UNSET
        else:
            format_ = self.format_


        hidden: bool | Unset
        if isinstance(self.hidden, Unset):
            hidden = UNSET
        else:
            hidden = self.hidden

        measure: str | Unset
        if isinstance(self.measure, Unset):
            measure = UNSET
        else:
            measure = self.measure


        metric: str | Unset
        if isinstance(self.metric, Unset):
            metric = UNSET
        else:
            metric = self.metric

        name: str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        pairs: list[list[int]] | Unset
        if isinstance(self.pairs, Unset):
            pairs = UNSET
        else:
            pairs = []
            for pairs_type_0_item_data in self.pairs:
                pairs_type_0_item = pairs_type_0_item_data


                pairs.append(pairs_type_0_item)




        per_head: bool | Unset
        if isinstance(self.per_head, Unset):
            per_head = UNSET
        else:
            per_head = self.per_head

        prizes: list[dict[str, Any]] | Unset
        if isinstance(self.prizes, Unset):
            prizes = UNSET
        else:
            prizes = []
            for prizes_type_0_item_data in self.prizes:
                prizes_type_0_item = prizes_type_0_item_data.to_dict()
                prizes.append(prizes_type_0_item)




        segments: list[str] | Unset
        if isinstance(self.segments, Unset):
            segments = UNSET
        else:
            segments = self.segments




        start_date: str | Unset
        if isinstance(self.start_date, Unset):
            start_date = UNSET
        else:
            start_date = self.start_date.isoformat()


        target: int | None | Unset
        if isinstance(self.target, Unset):
            target = UNSET
        else:
            target = self.target

        ticket_every: int | Unset
        if isinstance(self.ticket_every, Unset):
            ticket_every = UNSET
        else:
            ticket_every = self.ticket_every

        tie_breakers: list[str] | Unset
        if isinstance(self.tie_breakers, Unset):
            tie_breakers = UNSET
        else:
            tie_breakers = []
            for tie_breakers_type_0_item_data in self.tie_breakers:
                tie_breakers_type_0_item: str = tie_breakers_type_0_item_data
                tie_breakers.append(tie_breakers_type_0_item)





        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
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
        if end_date is not UNSET:
            field_dict["end_date"] = end_date
        if format_ is not UNSET:
            field_dict["format"] = format_
        if hidden is not UNSET:
            field_dict["hidden"] = hidden
        if measure is not UNSET:
            field_dict["measure"] = measure
        if metric is not UNSET:
            field_dict["metric"] = metric
        if name is not UNSET:
            field_dict["name"] = name
        if pairs is not UNSET:
            field_dict["pairs"] = pairs
        if per_head is not UNSET:
            field_dict["per_head"] = per_head
        if prizes is not UNSET:
            field_dict["prizes"] = prizes
        if segments is not UNSET:
            field_dict["segments"] = segments
        if start_date is not UNSET:
            field_dict["start_date"] = start_date
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
        def _parse_bracket(data: object) -> bool | Unset:
            if isinstance(data, Unset):
                return data
            return cast(bool | Unset, data)

        bracket = _parse_bracket(d.pop("bracket", UNSET))


        def _parse_count_from_start(data: object) -> bool | Unset:
            if isinstance(data, Unset):
                return data
            return cast(bool | Unset, data)

        count_from_start = _parse_count_from_start(d.pop("count_from_start", UNSET))


        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))


        def _parse_divisions(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        divisions = _parse_divisions(d.pop("divisions", UNSET))


        def _parse_draws(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        draws = _parse_draws(d.pop("draws", UNSET))


        def _parse_end_date(data: object) -> datetime.date | Unset:
            if isinstance(data, Unset):
                return data
            if not isinstance(data, str):
                raise TypeError()
            end_date_type_0 = datetime.date.fromisoformat(data)



            return end_date_type_0

        end_date = _parse_end_date(d.pop("end_date", UNSET))


        def _parse_format_(data: object) -> ContestUpdateFormatType0 | Unset:
            if isinstance(data, Unset):
                return data
            if not isinstance(data, str):
                raise TypeError()
            format_type_0 = check_contest_update_format_type_0(data)



            return format_type_0

        format_ = _parse_format_(d.pop("format", UNSET))


        def _parse_hidden(data: object) -> bool | Unset:
            if isinstance(data, Unset):
                return data
            return cast(bool | Unset, data)

        hidden = _parse_hidden(d.pop("hidden", UNSET))


        def _parse_measure(data: object) -> ContestUpdateMeasureType0 | Unset:
            if isinstance(data, Unset):
                return data
            if not isinstance(data, str):
                raise TypeError()
            measure_type_0 = check_contest_update_measure_type_0(data)



            return measure_type_0

        measure = _parse_measure(d.pop("measure", UNSET))


        def _parse_metric(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        metric = _parse_metric(d.pop("metric", UNSET))


        def _parse_name(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))


        def _parse_pairs(data: object) -> list[list[int]] | Unset:
            if isinstance(data, Unset):
                return data
            if not isinstance(data, list):
                raise TypeError()
            pairs_type_0 = []
            _pairs_type_0 = data
            for pairs_type_0_item_data in (_pairs_type_0):
                pairs_type_0_item = cast(list[int], pairs_type_0_item_data)

                pairs_type_0.append(pairs_type_0_item)

            return pairs_type_0

        pairs = _parse_pairs(d.pop("pairs", UNSET))


        def _parse_per_head(data: object) -> bool | Unset:
            if isinstance(data, Unset):
                return data
            return cast(bool | Unset, data)

        per_head = _parse_per_head(d.pop("per_head", UNSET))


        def _parse_prizes(data: object) -> list[PrizeIn] | Unset:
            if isinstance(data, Unset):
                return data
            if not isinstance(data, list):
                raise TypeError()
            prizes_type_0 = []
            _prizes_type_0 = data
            for prizes_type_0_item_data in (_prizes_type_0):
                prizes_type_0_item = PrizeIn.from_dict(prizes_type_0_item_data)



                prizes_type_0.append(prizes_type_0_item)

            return prizes_type_0

        prizes = _parse_prizes(d.pop("prizes", UNSET))


        def _parse_segments(data: object) -> list[str] | Unset:
            if isinstance(data, Unset):
                return data
            if not isinstance(data, list):
                raise TypeError()
            segments_type_0 = cast(list[str], data)

            return segments_type_0

        segments = _parse_segments(d.pop("segments", UNSET))


        def _parse_start_date(data: object) -> datetime.date | Unset:
            if isinstance(data, Unset):
                return data
            if not isinstance(data, str):
                raise TypeError()
            start_date_type_0 = datetime.date.fromisoformat(data)



            return start_date_type_0

        start_date = _parse_start_date(d.pop("start_date", UNSET))


        def _parse_target(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        target = _parse_target(d.pop("target", UNSET))


        def _parse_ticket_every(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        ticket_every = _parse_ticket_every(d.pop("ticket_every", UNSET))


        def _parse_tie_breakers(data: object) -> list[ContestUpdateTieBreakersType0Item] | Unset:
            if isinstance(data, Unset):
                return data
            if not isinstance(data, list):
                raise TypeError()
            tie_breakers_type_0 = []
            _tie_breakers_type_0 = data
            for tie_breakers_type_0_item_data in (_tie_breakers_type_0):
                tie_breakers_type_0_item = check_contest_update_tie_breakers_type_0_item(tie_breakers_type_0_item_data)



                tie_breakers_type_0.append(tie_breakers_type_0_item)

            return tie_breakers_type_0

        tie_breakers = _parse_tie_breakers(d.pop("tie_breakers", UNSET))


        contest_update = cls(
            bracket=bracket,
            count_from_start=count_from_start,
            description=description,
            divisions=divisions,
            draws=draws,
            end_date=end_date,
            format_=format_,
            hidden=hidden,
            measure=measure,
            metric=metric,
            name=name,
            pairs=pairs,
            per_head=per_head,
            prizes=prizes,
            segments=segments,
            start_date=start_date,
            target=target,
            ticket_every=ticket_every,
            tie_breakers=tie_breakers,
        )


        contest_update.additional_properties = d
        return contest_update

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
