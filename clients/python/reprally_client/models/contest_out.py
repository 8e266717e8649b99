from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.contest_out_state import check_contest_out_state
from ..models.contest_out_state import ContestOutState
from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.event_out import EventOut
  from ..models.prize_out import PrizeOut





T = TypeVar("T", bound="ContestOut")



@_attrs_define
class ContestOut:
    """ 
        Attributes:
            awarded_at (datetime.datetime | None):
            bracket (bool):
            cancelled_at (datetime.datetime | None):
            count_from_start (bool):
            counts_from (datetime.datetime | None):
            created_at (datetime.datetime):
            description (None | str):
            divisions (int):
            end_date (datetime.date):
            ended_at (datetime.datetime | None):
            ends_at (datetime.datetime):
            format_ (str):
            hidden (bool):
            id (int):
            launched_at (datetime.datetime | None):
            measure (str):
            metric (str):
            name (str):
            pairs (list[list[int]]):
            per_head (bool):
            prizes (list[PrizeOut]):
            rounds (int | None):
            rules_version (int):
            segments (list[str]):
            start_date (datetime.date):
            started_at (datetime.datetime | None):
            starts_at (datetime.datetime):
            state (ContestOutState):
            target (int | None):
            tie_breakers (list[str]):
            timezone (str):
            draw_commitment (None | str | Unset):
            draw_seed (None | str | Unset):
            draws (int | None | Unset):
            log (list[EventOut] | None | Unset):
            ticket_every (int | Unset):  Default: 1.
     """

    awarded_at: datetime.datetime | None
    bracket: bool
    cancelled_at: datetime.datetime | None
    count_from_start: bool
    counts_from: datetime.datetime | None
    created_at: datetime.datetime
    description: None | str
    divisions: int
    end_date: datetime.date
    ended_at: datetime.datetime | None
    ends_at: datetime.datetime
    format_: str
    hidden: bool
    id: int
    launched_at: datetime.datetime | None
    measure: str
    metric: str
    name: str
    pairs: list[list[int]]
    per_head: bool
    prizes: list[PrizeOut]
    rounds: int | None
    rules_version: int
    segments: list[str]
    start_date: datetime.date
    started_at: datetime.datetime | None
    starts_at: datetime.datetime
    state: ContestOutState
    target: int | None
    tie_breakers: list[str]
    timezone: str
    draw_commitment: None | str | Unset = UNSET
    draw_seed: None | str | Unset = UNSET
    draws: int | None | Unset = UNSET
    log: list[EventOut] | None | Unset = UNSET
    ticket_every: int | Unset = 1
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.event_out import EventOut # noqa: PLC0415
        from ..models.prize_out import PrizeOut # noqa: PLC0415
        awarded_at: None | str
        if isinstance(self.awarded_at, datetime.datetime):
            awarded_at = self.awarded_at.isoformat()
        else:
            awarded_at = self.awarded_at

        bracket = self.bracket

        cancelled_at: None | str
        if isinstance(self.cancelled_at, datetime.datetime):
            cancelled_at = self.cancelled_at.isoformat()
        else:
            cancelled_at = self.cancelled_at

        count_from_start = self.count_from_start

        counts_from: None | str
        if isinstance(self.counts_from, datetime.datetime):
            counts_from = self.counts_from.isoformat()
        else:
            counts_from = self.counts_from

        created_at = self.created_at.isoformat()

        description: None | str
        description = self.description

        divisions = self.divisions

        end_date = self.end_date.isoformat()

        ended_at: None | str
        if isinstance(self.ended_at, datetime.datetime):
            ended_at = self.ended_at.isoformat()
        else:
            ended_at = self.ended_at

        ends_at = self.ends_at.isoformat()

        format_ = self.format_

        hidden = self.hidden

        id = self.id

        launched_at: None | str
        if isinstance(self.launched_at, datetime.datetime):
            launched_at = self.launched_at.isoformat()
        else:
            launched_at = self.launched_at

        measure = self.measure

        metric = self.metric

        name = self.name

        pairs = []
        for pairs_item_data in self.pairs:
            pairs_item = pairs_item_data


            pairs.append(pairs_item)



        per_head = self.per_head

        prizes = []
        for prizes_item_data in self.prizes:
            prizes_item = prizes_item_data.to_dict()
            prizes.append(prizes_item)



        rounds: int | None
        rounds = self.rounds

        rules_version = self.rules_version

        segments = self.segments



        start_date = self.start_date.isoformat()

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        starts_at = self.starts_at.isoformat()

        state: str = self.state

        target: int | None
        target = self.target

        tie_breakers = self.tie_breakers



        timezone = self.timezone

        draw_commitment: None | str | Unset
        if isinstance(self.draw_commitment, Unset):
            draw_commitment = UNSET
        else:
            draw_commitment = self.draw_commitment

        draw_seed: None | str | Unset
        if isinstance(self.draw_seed, Unset):
            draw_seed = UNSET
        else:
            draw_seed = self.draw_seed

        draws: int | None | Unset
        if isinstance(self.draws, Unset):
            draws = UNSET
        else:
            draws = self.draws

        log: list[dict[str, Any]] | None | Unset
        if isinstance(self.log, Unset):
            log = UNSET
        elif isinstance(self.log, list):
            log = []
            for log_type_0_item_data in self.log:
                log_type_0_item = log_type_0_item_data.to_dict()
                log.append(log_type_0_item)


        else:
            log = self.log

        ticket_every = self.ticket_every


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "awarded_at": awarded_at,
            "bracket": bracket,
            "cancelled_at": cancelled_at,
            "count_from_start": count_from_start,
            "counts_from": counts_from,
            "created_at": created_at,
            "description": description,
            "divisions": divisions,
            "end_date": end_date,
            "ended_at": ended_at,
            "ends_at": ends_at,
            "format": format_,
            "hidden": hidden,
            "id": id,
            "launched_at": launched_at,
            "measure": measure,
            "metric": metric,
            "name": name,
            "pairs": pairs,
            "per_head": per_head,
            "prizes": prizes,
            "rounds": rounds,
            "rules_version": rules_version,
            "segments": segments,
            "start_date": start_date,
            "started_at": started_at,
            "starts_at": starts_at,
            "state": state,
            "target": target,
            "tie_breakers": tie_breakers,
            "timezone": timezone,
        })
        if draw_commitment is not UNSET:
            field_dict["draw_commitment"] = draw_commitment
        if draw_seed is not UNSET:
            field_dict["draw_seed"] = draw_seed
        if draws is not UNSET:
            field_dict["draws"] = draws
        if log is not UNSET:
            field_dict["log"] = log
        if ticket_every is not UNSET:
            field_dict["ticket_every"] = ticket_every

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.event_out import EventOut # noqa: PLC0415
        from ..models.prize_out import PrizeOut # noqa: PLC0415
        d = dict(src_dict)
        def _parse_awarded_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                awarded_at_type_0 = datetime.datetime.fromisoformat(data)



                return awarded_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        awarded_at = _parse_awarded_at(d.pop("awarded_at"))


        bracket = d.pop("bracket")

        def _parse_cancelled_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cancelled_at_type_0 = datetime.datetime.fromisoformat(data)



                return cancelled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        cancelled_at = _parse_cancelled_at(d.pop("cancelled_at"))


        count_from_start = d.pop("count_from_start")

        def _parse_counts_from(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                counts_from_type_0 = datetime.datetime.fromisoformat(data)



                return counts_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        counts_from = _parse_counts_from(d.pop("counts_from"))


        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))


        divisions = d.pop("divisions")

        end_date = datetime.date.fromisoformat(d.pop("end_date"))




        def _parse_ended_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ended_at_type_0 = datetime.datetime.fromisoformat(data)



                return ended_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        ended_at = _parse_ended_at(d.pop("ended_at"))


        ends_at = datetime.datetime.fromisoformat(d.pop("ends_at"))




        format_ = d.pop("format")

        hidden = d.pop("hidden")

        id = d.pop("id")

        def _parse_launched_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                launched_at_type_0 = datetime.datetime.fromisoformat(data)



                return launched_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        launched_at = _parse_launched_at(d.pop("launched_at"))


        measure = d.pop("measure")

        metric = d.pop("metric")

        name = d.pop("name")

        pairs = []
        _pairs = d.pop("pairs")
        for pairs_item_data in (_pairs):
            pairs_item = cast(list[int], pairs_item_data)

            pairs.append(pairs_item)


        per_head = d.pop("per_head")

        prizes = []
        _prizes = d.pop("prizes")
        for prizes_item_data in (_prizes):
            prizes_item = PrizeOut.from_dict(prizes_item_data)



            prizes.append(prizes_item)


        def _parse_rounds(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rounds = _parse_rounds(d.pop("rounds"))


        rules_version = d.pop("rules_version")

        segments = cast(list[str], d.pop("segments"))


        start_date = datetime.date.fromisoformat(d.pop("start_date"))




        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)



                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))


        starts_at = datetime.datetime.fromisoformat(d.pop("starts_at"))




        state = check_contest_out_state(d.pop("state"))




        def _parse_target(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        target = _parse_target(d.pop("target"))


        tie_breakers = cast(list[str], d.pop("tie_breakers"))


        timezone = d.pop("timezone")

        def _parse_draw_commitment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        draw_commitment = _parse_draw_commitment(d.pop("draw_commitment", UNSET))


        def _parse_draw_seed(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        draw_seed = _parse_draw_seed(d.pop("draw_seed", UNSET))


        def _parse_draws(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        draws = _parse_draws(d.pop("draws", UNSET))


        def _parse_log(data: object) -> list[EventOut] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                log_type_0 = []
                _log_type_0 = data
                for log_type_0_item_data in (_log_type_0):
                    log_type_0_item = EventOut.from_dict(log_type_0_item_data)



                    log_type_0.append(log_type_0_item)

                return log_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[EventOut] | None | Unset, data)

        log = _parse_log(d.pop("log", UNSET))


        ticket_every = d.pop("ticket_every", UNSET)

        contest_out = cls(
            awarded_at=awarded_at,
            bracket=bracket,
            cancelled_at=cancelled_at,
            count_from_start=count_from_start,
            counts_from=counts_from,
            created_at=created_at,
            description=description,
            divisions=divisions,
            end_date=end_date,
            ended_at=ended_at,
            ends_at=ends_at,
            format_=format_,
            hidden=hidden,
            id=id,
            launched_at=launched_at,
            measure=measure,
            metric=metric,
            name=name,
            pairs=pairs,
            per_head=per_head,
            prizes=prizes,
            rounds=rounds,
            rules_version=rules_version,
            segments=segments,
            start_date=start_date,
            started_at=started_at,
            starts_at=starts_at,
            state=state,
            target=target,
            tie_breakers=tie_breakers,
            timezone=timezone,
            draw_commitment=draw_commitment,
            draw_seed=draw_seed,
            draws=draws,
            log=log,
            ticket_every=ticket_every,
        )


        contest_out.additional_properties = d
        return contest_out

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
