"""Office TV displays: create, pair with a short code, configure, revoke.

A display token is a JWT carrying the display id and a `ver`; revoking or re-pairing
bumps the row's `token_version`, so older tokens stop working (checked on every HTTP
request and websocket authentication, through a 2-second cache).
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from server.domain.channels import parse_channel
from server.domain.errors import DomainError, NotFound, Unauthorized
from server.services.auth import Principal
from server.storage.models import Display

CODE_TTL = timedelta(minutes=15)
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read off a TV across a room
DEFAULT_BOARDS = ["lb:points:week:org", "lb:deal_won:month:org", "lb:points:day:org"]


def _code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


def validate_boards(boards: list[str]) -> list[str]:
    if not 1 <= len(boards) <= 12:
        raise DomainError("invalid_boards", "a display rotates through 1 to 12 boards")
    for name in boards:
        if parse_channel(name).kind not in ("lb", "contest"):
            raise DomainError("invalid_boards", f"'{name}' is not a board channel (lb:<metric>:<window>:<segment>)")
    return boards


async def create(rt, principal: Principal, name: str, boards: list[str] | None, rotate_seconds: int) -> Display:
    row = Display(org_id=principal.org_id, name=name, boards=validate_boards(boards or DEFAULT_BOARDS),
                  rotate_seconds=rotate_seconds, pairing_code=_code(),
                  code_expires_at=datetime.now(UTC) + CODE_TTL, token_version=1)
    async with rt.sessions() as s, s.begin():
        s.add(row)
    return row


async def get(rt, principal: Principal, display_id: int) -> Display:
    async with rt.sessions() as s:
        row = await s.get(Display, display_id)
    if row is None or row.org_id != principal.org_id:
        raise NotFound("display_not_found", f"display {display_id} not found")
    return row


async def list_for_org(rt, principal: Principal) -> list[Display]:
    async with rt.sessions() as s:
        return list(await s.scalars(select(Display).where(Display.org_id == principal.org_id).order_by(Display.id)))


async def update(rt, principal: Principal, display_id: int, changes: dict) -> Display:
    if "boards" in changes:
        validate_boards(changes["boards"])
    async with rt.sessions() as s, s.begin():
        row = await s.get(Display, display_id)
        if row is None or row.org_id != principal.org_id:
            raise NotFound("display_not_found", f"display {display_id} not found")
        for k, v in changes.items():
            setattr(row, k, v)
    return row


async def new_code(rt, principal: Principal, display_id: int) -> Display:
    """A fresh pairing code; the screen paired before keeps working until it pairs again or is revoked."""
    return await update(rt, principal, display_id, {"pairing_code": _code(),
                                                    "code_expires_at": datetime.now(UTC) + CODE_TTL,
                                                    "revoked_at": None})


async def revoke(rt, principal: Principal, display_id: int) -> Display:
    async with rt.sessions() as s, s.begin():
        row = await s.get(Display, display_id)
        if row is None or row.org_id != principal.org_id:
            raise NotFound("display_not_found", f"display {display_id} not found")
        row.revoked_at = datetime.now(UTC)
        row.token_version += 1
        row.pairing_code = None
    rt.displays.drop(display_id)
    return row


async def pair(rt, code: str) -> tuple[Display, str]:
    code = code.strip().upper()
    async with rt.sessions() as s, s.begin():
        row = await s.scalar(select(Display).where(Display.pairing_code == code))
        if row is None or row.code_expires_at is None or row.code_expires_at < datetime.now(UTC):
            raise NotFound("invalid_pairing_code", "this pairing code is unknown or has expired")
        row.pairing_code = None
        row.code_expires_at = None
        row.paired_at = datetime.now(UTC)
        row.revoked_at = None
        row.token_version += 1  # a screen paired before with this display stops working
    rt.displays.drop(row.id)
    return row, rt.tokens.issue_display(row.id, row.org_id, row.token_version)


async def principal_for(rt, token: str, claims: dict | None = None) -> Principal:
    """Verify a display token against its row (revocation, re-pairing)."""
    claims = claims or rt.tokens.decode(token, "display")
    display_id, version = int(claims["sub"]), int(claims.get("ver", 0))
    state = rt.displays.get(display_id)
    if state is None or version > state[0]:  # a token newer than the cached row: the row changed since
        async with rt.sessions() as s:
            row = await s.get(Display, display_id)
        state = (row.token_version, row.revoked_at is not None, row.org_id) if row else (-1, True, 0)
        rt.displays.put(display_id, state)
    current, revoked, org_id = state
    if revoked or current != version or org_id != int(claims["org"]):
        raise Unauthorized("display_revoked", "this display token was revoked; pair the screen again")
    return Principal(org_id=org_id, role="display", display_id=display_id)


async def authenticate(rt, token: str) -> Principal:
    """A user access token or a display token (what the game server and read endpoints accept)."""
    claims = rt.tokens.decode(token, None)
    if claims.get("typ") == "display":
        return await principal_for(rt, token, claims)
    return rt.tokens.principal(token, claims)
