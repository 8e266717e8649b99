"""The integrations' secrets: encrypted where we must use them again (a signing secret to verify
with, an access token to call the CRM with), hashed where we only compare (the secret path of
a Salesforce endpoint), and made here where we issue them.

Encryption is Fernet (AES-128-CBC + HMAC-SHA256, from `cryptography`) under keys derived with
HKDF from `INTEGRATIONS_SECRET` (comma-separated: the first encrypts, every one decrypts, so a
key is rotated by putting the new one first); without it, from the JWT secret.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from server.core.runtime import Part, Runtime

SIGNING_SECRET_PREFIX = "whsec_"


def _key(material: str) -> Fernet:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"reprally.integrations",
                   info=b"secrets at rest").derive(material.encode())
    return Fernet(base64.urlsafe_b64encode(derived))


def _make(rt: Runtime) -> MultiFernet:
    materials = [k.strip() for k in rt.settings.integrations_secret.split(",") if k.strip()]
    return MultiFernet([_key(m) for m in materials or [rt.settings.jwt_secret]])


_FERNET: Part[MultiFernet] = Part("integrations.vault", _make)


class Unreadable(Exception):
    """The secrets were sealed under a key that is no longer configured."""


def seal(rt: Runtime, values: dict[str, str]) -> str:
    return rt.part(_FERNET).encrypt(json.dumps(values, sort_keys=True).encode()).decode()


def unseal(rt: Runtime, token: str) -> dict[str, str]:
    try:
        found: dict[str, str] = json.loads(rt.part(_FERNET).decrypt(token.encode()))
    except InvalidToken:
        # The key changed without the old one kept for rotation: say so without a secret in it.
        raise Unreadable("an integration's secrets cannot be decrypted: was INTEGRATIONS_SECRET changed "
                         "without keeping the old key after the new one?") from None
    return found


def new_signing_secret() -> str:
    """A Standard Webhooks secret: `whsec_` + base64 of 32 random bytes."""
    return SIGNING_SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def valid_signing_secret(value: str) -> bool:
    raw = value.removeprefix(SIGNING_SECRET_PREFIX)
    try:
        key = base64.b64decode(raw + "==", validate=False)
    except ValueError:
        return False
    return 24 <= len(key) <= 64


def new_hook_id() -> str:
    return secrets.token_hex(12)


def new_path_secret() -> tuple[str, str]:
    """(the secret path segment, shown once; its hash, stored)."""
    value = secrets.token_urlsafe(24)
    return value, hash_path_secret(value)


def hash_path_secret(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def path_secret_matches(value: str, stored_hash: str | None) -> bool:
    return stored_hash is not None and hmac.compare_digest(hash_path_secret(value), stored_hash)
