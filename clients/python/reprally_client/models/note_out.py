from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.note_out_evidence import NoteOutEvidence





T = TypeVar("T", bound="NoteOut")



@_attrs_define
class NoteOut:
    """ 
        Attributes:
            alert_id (int | None):
            author_user_id (int | None):
            body (str):
            created_at (datetime.datetime):
            evidence (NoteOutEvidence):
            id (int):
            user_id (int):
     """

    alert_id: int | None
    author_user_id: int | None
    body: str
    created_at: datetime.datetime
    evidence: NoteOutEvidence
    id: int
    user_id: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.note_out_evidence import NoteOutEvidence # noqa: PLC0415
        alert_id: int | None
        alert_id = self.alert_id

        author_user_id: int | None
        author_user_id = self.author_user_id

        body = self.body

        created_at = self.created_at.isoformat()

        evidence = self.evidence.to_dict()

        id = self.id

        user_id = self.user_id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "alert_id": alert_id,
            "author_user_id": author_user_id,
            "body": body,
            "created_at": created_at,
            "evidence": evidence,
            "id": id,
            "user_id": user_id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.note_out_evidence import NoteOutEvidence # noqa: PLC0415
        d = dict(src_dict)
        def _parse_alert_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        alert_id = _parse_alert_id(d.pop("alert_id"))


        def _parse_author_user_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        author_user_id = _parse_author_user_id(d.pop("author_user_id"))


        body = d.pop("body")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))




        evidence = NoteOutEvidence.from_dict(d.pop("evidence"))




        id = d.pop("id")

        user_id = d.pop("user_id")

        note_out = cls(
            alert_id=alert_id,
            author_user_id=author_user_id,
            body=body,
            created_at=created_at,
            evidence=evidence,
            id=id,
            user_id=user_id,
        )


        note_out.additional_properties = d
        return note_out

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
