"""The webhook URLs at rest: Fernet under a key derived (HKDF, a salt of this feature's own) from
`INTEGRATIONS_SECRET` (comma-separated: the first encrypts, all decrypt), else from the JWT secret."""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from server.core.runtime import Part, Runtime


def _key(material: str) -> Fernet:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"reprally.chat", info=b"webhook urls").derive(
        material.encode())
    return Fernet(base64.urlsafe_b64encode(derived))


def _make(rt: Runtime) -> MultiFernet:
    materials = [k.strip() for k in rt.settings.integrations_secret.split(",") if k.strip()]
    return MultiFernet([_key(m) for m in materials or [rt.settings.jwt_secret]])


_FERNET: Part[MultiFernet] = Part("chat.vault", _make)


class Unreadable(Exception):
    """The URL was sealed under a key that is no longer configured."""


def seal(rt: Runtime, url: str) -> str:
    return rt.part(_FERNET).encrypt(url.encode()).decode()


def unseal(rt: Runtime, token: str) -> str:
    try:
        return rt.part(_FERNET).decrypt(token.encode()).decode()
    except InvalidToken:
        raise Unreadable("the webhook URL cannot be decrypted: was INTEGRATIONS_SECRET changed without "
                         "keeping the old key?") from None
