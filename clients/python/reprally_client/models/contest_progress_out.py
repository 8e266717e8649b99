from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.contest_progress_out_prize_lines import ContestProgressOutPrizeLines





T = TypeVar("T", bound="ContestProgressOut")



@_attrs_define
class ContestProgressOut:
    """ 
        Attributes:
            contest_id (int):
            elapsed (float):
            ends_at (datetime.datetime):
            format_ (str):
            name (str):
            note (None | str):
            out_of_reach (int):
            out_of_reach_user_ids (list[int]):
            participants (int):
            prize_lines (ContestProgressOutPrizeLines):
            within_reach (int):
     """

    contest_id: int
    elapsed: float
    ends_at: datetime.datetime
    format_: str
    name: str
    note: None | str
    out_of_reach: int
    out_of_reach_user_ids: list[int]
    participants: int
    prize_lines: ContestProgressOutPrizeLines
    within_reach: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.contest_progress_out_prize_lines import ContestProgressOutPrizeLines # noqa: PLC0415
        contest_id = self.contest_id

        elapsed = self.elapsed

        ends_at = self.ends_at.isoformat()

        format_ = self.format_

        name = self.name

        note: None | str
        note = self.note

        out_of_reach = self.out_of_reach

        out_of_reach_user_ids = self.out_of_reach_user_ids



        participants = self.participants

        prize_lines = self.prize_lines.to_dict()

        within_reach = self.within_reach


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "contest_id": contest_id,
            "elapsed": elapsed,
            "ends_at": ends_at,
            "format": format_,
            "name": name,
            "note": note,
            "out_of_reach": out_of_reach,
            "out_of_reach_user_ids": out_of_reach_user_ids,
            "participants": participants,
            "prize_lines": prize_lines,
            "within_reach": within_reach,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contest_progress_out_prize_lines import ContestProgressOutPrizeLines # noqa: PLC0415
        d = dict(src_dict)
        contest_id = d.pop("contest_id")

        elapsed = d.pop("elapsed")

        ends_at = datetime.datetime.fromisoformat(d.pop("ends_at"))




        format_ = d.pop("format")

        name = d.pop("name")

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))


        out_of_reach = d.pop("out_of_reach")

        out_of_reach_user_ids = cast(list[int], d.pop("out_of_reach_user_ids"))


        participants = d.pop("participants")

        prize_lines = ContestProgressOutPrizeLines.from_dict(d.pop("prize_lines"))




        within_reach = d.pop("within_reach")

        contest_progress_out = cls(
            contest_id=contest_id,
            elapsed=elapsed,
            ends_at=ends_at,
            format_=format_,
            name=name,
            note=note,
            out_of_reach=out_of_reach,
            out_of_reach_user_ids=out_of_reach_user_ids,
            participants=participants,
            prize_lines=prize_lines,
            within_reach=within_reach,
        )


        contest_progress_out.additional_properties = d
        return contest_progress_out

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
