from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.integration_create_kind import check_integration_create_kind
from ..models.integration_create_kind import IntegrationCreateKind
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.rules import Rules





T = TypeVar("T", bound="IntegrationCreate")



@_attrs_define
class IntegrationCreate:
    """ 
        Attributes:
            kind (IntegrationCreateKind):
            name (str):
            access_token (None | str | Unset):
            active (bool | Unset):  Default: True.
            api_base (None | str | Unset):
            client_secret (None | str | Unset):
            instance_url (None | str | Unset):
            organization_id (None | str | Unset):
            poll_every_s (int | None | Unset):
            portal_id (int | None | Unset):
            rules (None | Rules | Unset):
            signing_secret (None | str | Unset):
     """

    kind: IntegrationCreateKind
    name: str
    access_token: None | str | Unset = UNSET
    active: bool | Unset = True
    api_base: None | str | Unset = UNSET
    client_secret: None | str | Unset = UNSET
    instance_url: None | str | Unset = UNSET
    organization_id: None | str | Unset = UNSET
    poll_every_s: int | None | Unset = UNSET
    portal_id: int | None | Unset = UNSET
    rules: None | Rules | Unset = UNSET
    signing_secret: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.rules import Rules # noqa: PLC0415
        kind: str = self.kind

        name = self.name

        access_token: None | str | Unset
        if isinstance(self.access_token, Unset):
            access_token = UNSET
        else:
            access_token = self.access_token

        active = self.active

        api_base: None | str | Unset
        if isinstance(self.api_base, Unset):
            api_base = UNSET
        else:
            api_base = self.api_base

        client_secret: None | str | Unset
        if isinstance(self.client_secret, Unset):
            client_secret = UNSET
        else:
            client_secret = self.client_secret

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

        signing_secret: None | str | Unset
        if isinstance(self.signing_secret, Unset):
            signing_secret = UNSET
        else:
            signing_secret = self.signing_secret


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
            "kind": kind,
            "name": name,
        })
        if access_token is not UNSET:
            field_dict["access_token"] = access_token
        if active is not UNSET:
            field_dict["active"] = active
        if api_base is not UNSET:
            field_dict["api_base"] = api_base
        if client_secret is not UNSET:
            field_dict["client_secret"] = client_secret
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
        if signing_secret is not UNSET:
            field_dict["signing_secret"] = signing_secret

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rules import Rules # noqa: PLC0415
        d = dict(src_dict)
        kind = check_integration_create_kind(d.pop("kind"))




        name = d.pop("name")

        def _parse_access_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        access_token = _parse_access_token(d.pop("access_token", UNSET))


        active = d.pop("active", UNSET)

        def _parse_api_base(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        api_base = _parse_api_base(d.pop("api_base", UNSET))


        def _parse_client_secret(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        client_secret = _parse_client_secret(d.pop("client_secret", UNSET))


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


        def _parse_signing_secret(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        signing_secret = _parse_signing_secret(d.pop("signing_secret", UNSET))


        integration_create = cls(
            kind=kind,
            name=name,
            access_token=access_token,
            active=active,
            api_base=api_base,
            client_secret=client_secret,
            instance_url=instance_url,
            organization_id=organization_id,
            poll_every_s=poll_every_s,
            portal_id=portal_id,
            rules=rules,
            signing_secret=signing_secret,
        )


        integration_create.additional_properties = d
        return integration_create

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
