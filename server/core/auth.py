"""Passwords (argon2), signed tokens (JWT, HS256, with a key id) and org API keys.

Access tokens are short-lived and name the user, the org and the sign-in session (`sid`); who
the user is *now* (active, role, team) and whether the session still stands is looked up per
request by the accounts package through a cache of at most a second (`accounts/auth_state.py`),
never taken from the token. Refresh tokens name the session and one rotation (`jti`): each use
returns a new one, and a used one presented again ends the session (`accounts/sessions.py`).

Every token carries `kid`, the id of the secret that signed it, so a secret can be rotated:
`JWT_SECRET` signs, `JWT_PREVIOUS_SECRET` still verifies until it is removed. API keys are random
32-byte secrets stored as SHA-256 (they are high-entropy, so a slow hash adds nothing); the prefix
finds the row.
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
#: The shortest signing secret accepted (RFC 7518 §3.2: an HS256 key at least as long as the hash).
MIN_SECRET_BYTES = 32


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: a user (rep/manager/admin; `session_id` their sign-in session, `role` and
    `team_id` as the database says now), an org API key (`role == "integration"`) or a display."""

    org_id: int
    role: str
    user_id: int | None = None
    api_key_id: int | None = None
    display_id: int | None = None
    session_id: int | None = None
    team_id: int | None = None

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


def check_secret(name: str, secret: str) -> None:
    """Refuse a signing secret shorter than `MIN_SECRET_BYTES` (a ValueError naming the setting)."""
    if len(secret.encode()) < MIN_SECRET_BYTES:
        raise ValueError(f"{name} must be at least {MIN_SECRET_BYTES} bytes (it has {len(secret.encode())}); "
                         f"generate one with: openssl rand -base64 48")


def key_id(secret: str) -> str:
    """The public id of a secret, carried in each token's header (it reveals nothing of the secret)."""
    return hashlib.sha256(b"reprally-kid:" + secret.encode()).hexdigest()[:12]


def new_jti() -> str:
    return secrets.token_urlsafe(16)


class Tokens:
    """Signs with `secret`; verifies with it and with `previous_secret` (rotation), chosen by `kid`."""

    def __init__(self, secret: str, access_ttl_s: int, refresh_ttl_s: int, previous_secret: str = "") -> None:
        check_secret("JWT_SECRET", secret)
        if previous_secret:
            check_secret("JWT_PREVIOUS_SECRET", previous_secret)
        self._secret = secret
        self._kid = key_id(secret)
        self._verifiers = {self._kid: secret}
        if previous_secret:
            self._verifiers.setdefault(key_id(previous_secret), previous_secret)
        self.access_ttl_s = access_ttl_s
        self.refresh_ttl_s = refresh_ttl_s

    def _sign(self, claims: dict[str, Any]) -> str:
        return jwt.encode({**claims, "iss": ISSUER}, self._secret, "HS256", headers={"kid": self._kid})

    def issue(self, user_id: int, org_id: int, session_id: int, refresh_jti: str) -> tuple[str, str]:
        """An access token and a refresh token of one sign-in session (`refresh_jti` is the
        rotation the session row expects next)."""
        now = int(wall_time())
        base = {"sub": str(user_id), "org": org_id, "sid": session_id, "iat": now}
        access = self._sign({**base, "typ": "access", "exp": now + self.access_ttl_s})
        refresh = self._sign({**base, "typ": "refresh", "exp": now + self.refresh_ttl_s, "jti": refresh_jti})
        return access, refresh

    def issue_web(self, user_id: int, org_id: int, session_id: int, ttl_s: int) -> str:
        """The web admin's cookie: names the sign-in session like an access token, but of its own
        type (`web`), so the JSON API refuses it as a bearer token and the admin refuses API tokens."""
        now = int(wall_time())
        return self._sign({"sub": str(user_id), "org": org_id, "sid": session_id, "iat": now, "typ": "web",
                           "exp": now + ttl_s})

    def decode(self, token: str, expected_type: str | None, *, verify_exp: bool = True) -> dict[str, Any]:
        """Verified claims; `expected_type` None accepts any token type (the caller branches on `typ`).
        A token without `kid` (issued before key ids) is checked against the current secret."""
        try:
            kid = jwt.get_unverified_header(token).get("kid")
            secret = self._verifiers.get(kid) if kid is not None else self._secret
            if secret is None:
                raise Unauthorized("invalid_token", "the token was signed with a key this server no longer has")
            claims: dict[str, Any] = jwt.decode(
                token, secret, algorithms=["HS256"], issuer=ISSUER,
                options={"require": ["exp", "sub", "org", "typ"], "verify_exp": verify_exp})
        except jwt.ExpiredSignatureError:
            raise Unauthorized("token_expired", "the token has expired; refresh it or log in again") from None
        except jwt.PyJWTError:
            raise Unauthorized("invalid_token", "the token is not valid") from None
        if expected_type is not None and claims.get("typ") != expected_type:
            raise Unauthorized("invalid_token", f"expected an {expected_type} token")
        return claims

    def issue_display(self, display_id: int, org_id: int, version: int) -> str:
        """A long-lived, read-only token for an office screen; revocable through `ver`."""
        now = int(wall_time())
        return self._sign({"sub": str(display_id), "org": org_id, "role": "display", "iat": now,
                           "typ": "display", "ver": version, "exp": now + DISPLAY_TOKEN_TTL_S})


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
