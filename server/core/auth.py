"""Passwords (argon2), access/refresh tokens (JWT, HS256) and org API keys.

Access tokens are short-lived and carry the user's org and role, so the activity path
needs no database read to authorise. Refresh tokens are checked against the user row,
so a deactivated user cannot renew. API keys are random 32-byte secrets stored as
SHA-256 (they are high-entropy, so a slow hash adds nothing); the prefix finds the row.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from server.core.clock import wall_time
from server.core.errors import Unauthorized

ROLES = ("rep", "manager", "admin")
ISSUER = "reprally"
DISPLAY_TOKEN_TTL_S = 365 * 24 * 3600


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: a user (rep/manager/admin) or an org API key (`role == "integration"`)."""

    org_id: int
    role: str
    user_id: int | None = None
    api_key_id: int | None = None
    display_id: int | None = None

    @property
    def is_manager(self) -> bool:
        return self.role in ("manager", "admin")

    @property
    def can_log_for_others(self) -> bool:
        return self.role in ("manager", "admin", "integration")


class Passwords:
    def __init__(self, time_cost: int = 2) -> None:
        self._hasher = PasswordHasher(time_cost=time_cost, memory_cost=19 * 1024, parallelism=1)
        # A real hash to verify against when the email is unknown, so timing does not tell.
        self._dummy = self._hasher.hash(secrets.token_hex(8))

    async def hash(self, password: str) -> str:
        """Argon2 is deliberately slow: run it off the event loop."""
        return await asyncio.to_thread(self._hasher.hash, password)

    async def verify(self, stored: str | None, password: str) -> bool:
        return await asyncio.to_thread(self._verify, stored, password)

    def _verify(self, stored: str | None, password: str) -> bool:
        try:
            return self._hasher.verify(stored or self._dummy, password) and stored is not None
        except (VerificationError, InvalidHashError):
            return False


class Tokens:
    def __init__(self, secret: str, access_ttl_s: int, refresh_ttl_s: int) -> None:
        self._secret = secret
        self.access_ttl_s = access_ttl_s
        self.refresh_ttl_s = refresh_ttl_s

    def issue(self, user_id: int, org_id: int, role: str) -> tuple[str, str]:
        now = int(wall_time())
        base = {"sub": str(user_id), "org": org_id, "role": role, "iss": ISSUER, "iat": now}
        access = jwt.encode({**base, "typ": "access", "exp": now + self.access_ttl_s}, self._secret, "HS256")
        refresh = jwt.encode(
            {**base, "typ": "refresh", "exp": now + self.refresh_ttl_s, "jti": secrets.token_hex(8)},
            self._secret, "HS256",
        )
        return access, refresh

    def decode(self, token: str, expected_type: str | None) -> dict[str, Any]:
        """Verified claims; `expected_type` None accepts any token type (the caller branches on `typ`)."""
        try:
            claims = jwt.decode(token, self._secret, algorithms=["HS256"], issuer=ISSUER,
                                options={"require": ["exp", "sub", "org", "role", "typ"]})
        except jwt.ExpiredSignatureError:
            raise Unauthorized("token_expired", "the token has expired; refresh it or log in again") from None
        except jwt.PyJWTError:
            raise Unauthorized("invalid_token", "the token is not valid") from None
        if expected_type is not None and claims.get("typ") != expected_type:
            raise Unauthorized("invalid_token", f"expected an {expected_type} token")
        return claims

    def principal(self, token: str, claims: dict[str, Any] | None = None) -> Principal:
        claims = claims or self.decode(token, "access")
        if claims.get("typ") != "access":
            raise Unauthorized("invalid_token", "expected an access token")
        return Principal(org_id=int(claims["org"]), role=claims["role"], user_id=int(claims["sub"]))

    def issue_display(self, display_id: int, org_id: int, version: int) -> str:
        """A long-lived, read-only token for an office screen; revocable through `ver`."""
        now = int(wall_time())
        return jwt.encode({"sub": str(display_id), "org": org_id, "role": "display", "iss": ISSUER, "iat": now,
                           "typ": "display", "ver": version, "exp": now + DISPLAY_TOKEN_TTL_S},
                          self._secret, "HS256")



API_KEY_PREFIX = "rrk_"


def new_api_key() -> tuple[str, str, str]:
    """(full key shown once, lookup prefix, stored hash)."""
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    full = f"{API_KEY_PREFIX}{prefix}_{secret}"
    return full, prefix, hash_api_key(full)


def hash_api_key(full: str) -> str:
    return hashlib.sha256(full.encode()).hexdigest()


def parse_api_key(full: str) -> str | None:
    """The lookup prefix of a well-formed key, else None."""
    if not full.startswith(API_KEY_PREFIX):
        return None
    rest = full[len(API_KEY_PREFIX):]
    prefix, sep, _ = rest.partition("_")
    return prefix if sep and len(prefix) == 12 else None


def api_key_matches(full: str, stored_hash: str) -> bool:
    return hmac.compare_digest(hash_api_key(full), stored_hash)
