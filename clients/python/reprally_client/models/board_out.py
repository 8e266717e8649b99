from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.board_out_rank_by import BoardOutRankBy
from ..models.board_out_rank_by import check_board_out_rank_by
from ..models.board_out_window import BoardOutWindow
from ..models.board_out_window import check_board_out_window
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.entry_out import EntryOut
  from ..models.period_out import PeriodOut





T = TypeVar("T", bound="BoardOut")



@_attrs_define
class BoardOut:
    """ 
        Attributes:
            entries (list[EntryOut]):
            metric (str):
            period (PeriodOut):
            segment (str):
            total (int):
            window (BoardOutWindow):
            privacy (str | Unset):  Default: 'full'.
            rank_by (BoardOutRankBy | Unset):  Default: 'score'.
            user (EntryOut | None | Unset):
     """

    entries: list[EntryOut]
    metric: str
    period: PeriodOut
    segment: str
    total: int
    window: BoardOutWindow
    privacy: str | Unset = 'full'
    rank_by: BoardOutRankBy | Unset = 'score'
    user: EntryOut | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.entry_out import EntryOut # noqa: PLC0415
        from ..models.period_out import PeriodOut # noqa: PLC0415
        entries = []
        for entries_item_data in self.entries:
            entries_item = entries_item_data.to_dict()
            entries.append(entries_item)



        metric = self.metric

        period = self.period.to_dict()

        segment = self.segment

        total = self.total

        window: str = self.window

        privacy = self.privacy

        rank_by: str | Unset = UNSET
        if not isinstance(self.rank_by, Unset):
            rank_by = self.rank_by


        user: dict[str, Any] | None | Unset
        if isinstance(self.user, Unset):
            user = UNSET
        elif isinstance(self.user, EntryOut):
            user = self.user.to_dict()
        else:
            user = self.user


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "entries": entries,
            "metric": metric,
            "period": period,
            "segment": segment,
            "total": total,
            "window": window,
        })
        if privacy is not UNSET:
            field_dict["privacy"] = privacy
        if rank_by is not UNSET:
            field_dict["rank_by"] = rank_by
        if user is not UNSET:
            field_dict["user"] = user

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.entry_out import EntryOut # noqa: PLC0415
        from ..models.period_out import PeriodOut # noqa: PLC0415
        d = dict(src_dict)
        entries = []
        _entries = d.pop("entries")
        for entries_item_data in (_entries):
            entries_item = EntryOut.from_dict(entries_item_data)



            entries.append(entries_item)


        metric = d.pop("metric")

        period = PeriodOut.from_dict(d.pop("period"))




        segment = d.pop("segment")

        total = d.pop("total")

        window = check_board_out_window(d.pop("window"))




        privacy = d.pop("privacy", UNSET)

        _rank_by = d.pop("rank_by", UNSET)
        rank_by: BoardOutRankBy | Unset
        if isinstance(_rank_by,  Unset):
            rank_by = UNSET
        else:
            rank_by = check_board_out_rank_by(_rank_by)




        def _parse_user(data: object) -> EntryOut | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                user_type_0 = EntryOut.from_dict(data)



                return user_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(EntryOut | None | Unset, data)

        user = _parse_user(d.pop("user", UNSET))


        board_out = cls(
            entries=entries,
            metric=metric,
            period=period,
            segment=segment,
            total=total,
            window=window,
            privacy=privacy,
            rank_by=rank_by,
            user=user,
        )


        board_out.additional_properties = d
        return board_out

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
