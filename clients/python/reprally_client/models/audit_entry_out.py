from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.audit_entry_out_after_type_0 import AuditEntryOutAfterType0
  from ..models.audit_entry_out_before_type_0 import AuditEntryOutBeforeType0





T = TypeVar("T", bound="AuditEntryOut")



@_attrs_define
class AuditEntryOut:
    """ 
        Attributes:
            action (str):
            actor_kind (str):
            actor_name (None | str):
            actor_user_id (int | None):
            after (AuditEntryOutAfterType0 | None):
            at (datetime.datetime):
            before (AuditEntryOutBeforeType0 | None):
            entity_id (str):
            entity_kind (str):
            id (int):
     """

    action: str
    actor_kind: str
    actor_name: None | str
    actor_user_id: int | None
    after: AuditEntryOutAfterType0 | None
    at: datetime.datetime
    before: AuditEntryOutBeforeType0 | None
    entity_id: str
    entity_kind: str
    id: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.audit_entry_out_after_type_0 import AuditEntryOutAfterType0 # noqa: PLC0415
        from ..models.audit_entry_out_before_type_0 import AuditEntryOutBeforeType0 # noqa: PLC0415
        action = self.action

        actor_kind = self.actor_kind

        actor_name: None | str
        actor_name = self.actor_name

        actor_user_id: int | None
        actor_user_id = self.actor_user_id

        after: dict[str, Any] | None
        if isinstance(self.after, AuditEntryOutAfterType0):
            after = self.after.to_dict()
        else:
            after = self.after

        at = self.at.isoformat()

        before: dict[str, Any] | None
        if isinstance(self.before, AuditEntryOutBeforeType0):
            before = self.before.to_dict()
        else:
            before = self.before

        entity_id = self.entity_id

        entity_kind = self.entity_kind

        id = self.id


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "action": action,
            "actor_kind": actor_kind,
            "actor_name": actor_name,
            "actor_user_id": actor_user_id,
            "after": after,
            "at": at,
            "before": before,
            "entity_id": entity_id,
            "entity_kind": entity_kind,
            "id": id,
        })

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.audit_entry_out_after_type_0 import AuditEntryOutAfterType0 # noqa: PLC0415
        from ..models.audit_entry_out_before_type_0 import AuditEntryOutBeforeType0 # noqa: PLC0415
        d = dict(src_dict)
        action = d.pop("action")

        actor_kind = d.pop("actor_kind")

        def _parse_actor_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        actor_name = _parse_actor_name(d.pop("actor_name"))


        def _parse_actor_user_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        actor_user_id = _parse_actor_user_id(d.pop("actor_user_id"))


        def _parse_after(data: object) -> AuditEntryOutAfterType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                after_type_0 = AuditEntryOutAfterType0.from_dict(data)



                return after_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AuditEntryOutAfterType0 | None, data)

        after = _parse_after(d.pop("after"))


        at = datetime.datetime.fromisoformat(d.pop("at"))




        def _parse_before(data: object) -> AuditEntryOutBeforeType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                before_type_0 = AuditEntryOutBeforeType0.from_dict(data)



                return before_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AuditEntryOutBeforeType0 | None, data)

        before = _parse_before(d.pop("before"))


        entity_id = d.pop("entity_id")

        entity_kind = d.pop("entity_kind")

        id = d.pop("id")

        audit_entry_out = cls(
            action=action,
            actor_kind=actor_kind,
            actor_name=actor_name,
            actor_user_id=actor_user_id,
            after=after,
            at=at,
            before=before,
            entity_id=entity_id,
            entity_kind=entity_kind,
            id=id,
        )


        audit_entry_out.additional_properties = d
        return audit_entry_out

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
