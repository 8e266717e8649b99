from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, BinaryIO, TextIO, TYPE_CHECKING, Generator

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

from ..models.integration_update_rotate_type_0 import check_integration_update_rotate_type_0
from ..models.integration_update_rotate_type_0 import IntegrationUpdateRotateType0
from ..types import UNSET, Unset
from typing import cast

if TYPE_CHECKING:
  from ..models.rules import Rules





T = TypeVar("T", bound="IntegrationUpdate")



@_attrs_define
class IntegrationUpdate:
    """ 
        Attributes:
            access_token (None | str | Unset):
            active (bool | Unset):
            api_base (str | Unset):
            client_secret (str | Unset):
            instance_url (None | str | Unset):
            name (str | Unset):
            poll_every_s (int | Unset):
            rotate (IntegrationUpdateRotateType0 | Unset):
            rules (Rules | Unset):
            signing_secret (str | Unset):
     """

    access_token: None | str | Unset = UNSET
    active: bool | Unset = UNSET
    api_base: str | Unset = UNSET
    client_secret: str | Unset = UNSET
    instance_url: None | str | Unset = UNSET
    name: str | Unset = UNSET
    poll_every_s: int | Unset = UNSET
    rotate: IntegrationUpdateRotateType0 | Unset = UNSET
    rules: Rules | Unset = UNSET
    signing_secret: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)





    def to_dict(self) -> dict[str, Any]:
        from ..models.rules import Rules # noqa: PLC0415
        access_token: None | str | Unset
        if isinstance(self.access_token, Unset):
            access_token = UNSET
        else:
            access_token = self.access_token

        active: bool | Unset
        if isinstance(self.active, Unset):
            active = UNSET
        else:
            active = self.active

        api_base: str | Unset
        if isinstance(self.api_base, Unset):
            api_base = UNSET
        else:
            api_base = self.api_base

        client_secret: str | Unset
        if isinstance(self.client_secret, Unset):
            client_secret = UNSET
        else:
            client_secret = self.client_secret

        instance_url: None | str | Unset
        if isinstance(self.instance_url, Unset):
            instance_url = UNSET
        else:
            instance_url = self.instance_url

        name: str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        poll_every_s: int | Unset
        if isinstance(self.poll_every_s, Unset):
            poll_every_s = UNSET
        else:
            poll_every_s = self.poll_every_s

        rotate: str | Unset
        if isinstance(self.rotate, Unset):
            rotate = UNSET
        else:
            rotate = self.rotate


        rules: dict[str, Any] | Unset = UNSET
        if not isinstance(self.rules, Unset):
            rules = self.rules.to_dict()

        signing_secret: str | Unset
        if isinstance(self.signing_secret, Unset):
            signing_secret = UNSET
        else:
            signing_secret = self.signing_secret


        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({
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
        if name is not UNSET:
            field_dict["name"] = name
        if poll_every_s is not UNSET:
            field_dict["poll_every_s"] = poll_every_s
        if rotate is not UNSET:
            field_dict["rotate"] = rotate
        if rules is not UNSET:
            field_dict["rules"] = rules
        if signing_secret is not UNSET:
            field_dict["signing_secret"] = signing_secret

        return field_dict



    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rules import Rules # noqa: PLC0415
        d = dict(src_dict)
        def _parse_access_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        access_token = _parse_access_token(d.pop("access_token", UNSET))


        def _parse_active(data: object) -> bool | Unset:
            if isinstance(data, Unset):
                return data
            return cast(bool | Unset, data)

        active = _parse_active(d.pop("active", UNSET))


        def _parse_api_base(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        api_base = _parse_api_base(d.pop("api_base", UNSET))


        def _parse_client_secret(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        client_secret = _parse_client_secret(d.pop("client_secret", UNSET))


        def _parse_instance_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        instance_url = _parse_instance_url(d.pop("instance_url", UNSET))


        def _parse_name(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))


        def _parse_poll_every_s(data: object) -> int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(int | Unset, data)

        poll_every_s = _parse_poll_every_s(d.pop("poll_every_s", UNSET))


        def _parse_rotate(data: object) -> IntegrationUpdateRotateType0 | Unset:
            if isinstance(data, Unset):
                return data
            if not isinstance(data, str):
                raise TypeError()
            rotate_type_0 = check_integration_update_rotate_type_0(data)



            return rotate_type_0

        rotate = _parse_rotate(d.pop("rotate", UNSET))


        _rules = d.pop("rules", UNSET)
        rules: Rules | Unset
        if isinstance(_rules,  Unset):
            rules = UNSET
        else:
            rules = Rules.from_dict(_rules)




        def _parse_signing_secret(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        signing_secret = _parse_signing_secret(d.pop("signing_secret", UNSET))


        integration_update = cls(
            access_token=access_token,
            active=active,
            api_base=api_base,
            client_secret=client_secret,
            instance_url=instance_url,
            name=name,
            poll_every_s=poll_every_s,
            rotate=rotate,
            rules=rules,
            signing_secret=signing_secret,
        )


        integration_update.additional_properties = d
        return integration_update

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
