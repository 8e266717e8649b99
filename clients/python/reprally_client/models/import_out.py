from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast

if TYPE_CHECKING:
  from ..models.import_row_out import ImportRowOut





T = TypeVar("T", bound="ImportOut")



@_attrs_define
class ImportOut:
    """ 
        Attributes:
            created (int):
            dry_run (bool):
            invalid (int):
            rows (list[ImportRowOut]):
     """

    created: int
    dry_run: bool
    invalid: int
    rows: list[ImportRowOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.import_row_out import ImportRowOut # noqa: PLC0415
        created = self.created

        dry_run = self.dry_run

        invalid = self.invalid

        rows = []
        for rows_item_data in self.rows:
            rows_item = rows_item_data.to_dict()
            rows.append(rows_item)




        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "created": created,
            "dry_run": dry_run,
            "invalid": invalid,
            "rows": rows,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.import_row_out import ImportRowOut # noqa: PLC0415
        d = dict(src_dict)
        created = d.pop("created")

        dry_run = d.pop("dry_run")

        invalid = d.pop("invalid")

        rows = []
        _rows = d.pop("rows")
        for rows_item_data in (_rows):
            rows_item = ImportRowOut.from_dict(rows_item_data)



            rows.append(rows_item)


        import_out = cls(
            created=created,
            dry_run=dry_run,
            invalid=invalid,
            rows=rows,
        )


        import_out.additional_properties = d
        return import_out

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
