from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..types import UNSET, Unset
from typing import cast
import datetime

if TYPE_CHECKING:
  from ..models.rules import Rules





T = TypeVar("T", bound="IntegrationOut")



@_attrs_define
class IntegrationOut:
    """ 
        Attributes:
            active (bool):
            id (int):
            kind (str):
            name (str):
            webhook_url (str):
            api_base (None | str | Unset):
            created_at (datetime.datetime | None | Unset):
            instance_url (None | str | Unset):
            organization_id (None | str | Unset):
            poll_every_s (int | None | Unset):
            portal_id (int | None | Unset):
            rules (None | Rules | Unset):
            secrets (list[str] | Unset):
            signing_secret (None | str | Unset):
            updated_at (datetime.datetime | None | Unset):
     """

    active: bool
    id: int
    kind: str
    name: str
    webhook_url: str
    api_base: None | str | Unset = UNSET
    created_at: datetime.datetime | None | Unset = UNSET
    instance_url: None | str | Unset = UNSET
    organization_id: None | str | Unset = UNSET
    poll_every_s: int | None | Unset = UNSET
    portal_id: int | None | Unset = UNSET
    rules: None | Rules | Unset = UNSET
    secrets: list[str] | Unset = UNSET
    signing_secret: None | str | Unset = UNSET
    updated_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.rules import Rules # noqa: PLC0415
        active = self.active

        id = self.id

        kind = self.kind

        name = self.name

        webhook_url = self.webhook_url

        api_base: None | str | Unset
        if isinstance(self.api_base, Unset):
            api_base = UNSET
        else:
            api_base = self.api_base

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        instance_url: None | str | Unset
        if isinstance(self.instance_url, Unset):
            instance_url = UNSET
        else:
            instance_url = self.instance_url

        organization_id: None | str | Unset
        if isinstance(self.organization_id, Unset):
            organization_id = UNSET
        else:
            organization_id = self.organization_id

        poll_every_s: int | None | Unset
        if isinstance(self.poll_every_s, Unset):
            poll_every_s = UNSET
        else:
            poll_every_s = self.poll_every_s

        portal_id: int | None | Unset
        if isinstance(self.portal_id, Unset):
            portal_id = UNSET
        else:
            portal_id = self.portal_id

        rules: dict[str, Any] | None | Unset
        if isinstance(self.rules, Unset):
            rules = UNSET
        elif isinstance(self.rules, Rules):
            rules = self.rules.to_dict()
        else:
            rules = self.rules

        secrets: list[str] | Unset = UNSET
        if not isinstance(self.secrets, Unset):
            secrets = self.secrets



        signing_secret: None | str | Unset
        if isinstance(self.signing_secret, Unset):
            signing_secret = UNSET
        else:
            signing_secret = self.signing_secret

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        elif isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "active": active,
            "id": id,
            "kind": kind,
            "name": name,
            "webhook_url": webhook_url,
        })
        if api_base is not UNSET:
            field_dict["api_base"] = api_base
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if instance_url is not UNSET:
            field_dict["instance_url"] = instance_url
        if organization_id is not UNSET:
            field_dict["organization_id"] = organization_id
        if poll_every_s is not UNSET:
            field_dict["poll_every_s"] = poll_every_s
        if portal_id is not UNSET:
            field_dict["portal_id"] = portal_id
        if rules is not UNSET:
            field_dict["rules"] = rules
        if secrets is not UNSET:
            field_dict["secrets"] = secrets
        if signing_secret is not UNSET:
            field_dict["signing_secret"] = signing_secret
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rules import Rules # noqa: PLC0415
        d = dict(src_dict)
        active = d.pop("active")

        id = d.pop("id")

        kind = d.pop("kind")

        name = d.pop("name")

        webhook_url = d.pop("webhook_url")

        def _parse_api_base(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        api_base = _parse_api_base(d.pop("api_base", UNSET))


        def _parse_created_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)



                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_at = _parse_created_at(d.pop("created_at", UNSET))


        def _parse_instance_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        instance_url = _parse_instance_url(d.pop("instance_url", UNSET))


        def _parse_organization_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        organization_id = _parse_organization_id(d.pop("organization_id", UNSET))


        def _parse_poll_every_s(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        poll_every_s = _parse_poll_every_s(d.pop("poll_every_s", UNSET))


        def _parse_portal_id(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        portal_id = _parse_portal_id(d.pop("portal_id", UNSET))


        def _parse_rules(data: object) -> None | Rules | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rules_type_0 = Rules.from_dict(data)



                return rules_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Rules | Unset, data)

        rules = _parse_rules(d.pop("rules", UNSET))


        secrets = cast(list[str], d.pop("secrets", UNSET))


        def _parse_signing_secret(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        signing_secret = _parse_signing_secret(d.pop("signing_secret", UNSET))


        def _parse_updated_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)



                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        updated_at = _parse_updated_at(d.pop("updated_at", UNSET))


        integration_out = cls(
            active=active,
            id=id,
            kind=kind,
            name=name,
            webhook_url=webhook_url,
            api_base=api_base,
            created_at=created_at,
            instance_url=instance_url,
            organization_id=organization_id,
            poll_every_s=poll_every_s,
            portal_id=portal_id,
            rules=rules,
            secrets=secrets,
            signing_secret=signing_secret,
            updated_at=updated_at,
        )


        integration_out.additional_properties = d
        return integration_out

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
