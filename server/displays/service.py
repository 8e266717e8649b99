"""Office TV displays: create, pair with a short code, configure, revoke.

A display token is a JWT carrying the display id and a `ver`; revoking or re-pairing
bumps the row's `token_version`, so older tokens stop working (checked on every HTTP
request and websocket authentication, through a 2-second cache that the process making the
change drops at once), and sets a new org auth epoch, so game servers close the sockets of
the old token within a second.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from server.accounts import audit, auth_state
from server.accounts import service as accounts
from server.accounts.directory import org_info
from server.board.channel_names import parse_channel
from server.board.rules import POINTS
from server.core.auth import Principal
from server.core.cache import TTLCache
from server.core.errors import DomainError, NotFound, Unauthorized
from server.core.runtime import Part, Runtime
from server.displays.models import Display
from server.ledger.types import types_of

CODE_TTL = timedelta(minutes=15)
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read off a TV across a room
DEFAULT_BOARDS = ["lb:points:week:org", "lb:deal_won:month:org", "lb:points:day:org"]


#: display id -> (token version, revoked, org id): checked on every request of a display token
TOKEN_STATE: Part[TTLCache[int, tuple[int, bool, int]]] = Part("displays.tokens", lambda rt: TTLCache(2.0))


def _code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


async def validate_boards(rt: Runtime, org_id: int, boards: list[str]) -> list[str]:
    """Board channels of the org: a metric it has, its own team, its own contest (404 otherwise:
    a board of another org's team or contest would only ever show nothing)."""
    if not 1 <= len(boards) <= 12:
        raise DomainError("invalid_boards", "a display rotates through 1 to 12 boards")
    for name in boards:
        channel = parse_channel(name)
        if channel.kind == "lb" and channel.metric and channel.segment:
            if channel.metric != POINTS and channel.metric not in await types_of(rt, org_id):
                raise NotFound("unknown_metric", f"no leaderboard '{channel.metric}'", details={"board": name})
            kind, _, value = channel.segment.partition(":")
            if kind == "team":
                await accounts.require_team(rt, org_id, int(value))
        elif channel.kind == "contest" and channel.contest_id is not None:
            check = rt.registry.board_subjects.get("contest")
            if check is None:
                raise NotFound("contest_not_found", f"contest {channel.contest_id} not found")
            await check(rt, org_id, channel.contest_id)
        else:
            raise DomainError("invalid_boards", f"'{name}' is not a board channel (lb:<metric>:<window>:<segment>)")
    return boards


async def create(rt: Runtime, principal: Principal, name: str, boards: list[str] | None, rotate_seconds: int) -> Display:
    boards = await validate_boards(rt, principal.org_id, boards) if boards else DEFAULT_BOARDS
    row = Display(org_id=principal.org_id, name=name, boards=boards,
                  rotate_seconds=rotate_seconds, pairing_code=_code(),
                  code_expires_at=rt.now() + CODE_TTL, token_version=1)
    async with rt.sessions() as s, s.begin():
        s.add(row)
        await s.flush()
        await audit.record(rt, s, principal, "display", row.id, "create", after=audit.fields_of(row, AUDITED))
    return row


#: What the audit log keeps of a display.
AUDITED = ("name", "boards", "rotate_seconds")


async def get(rt: Runtime, principal: Principal, display_id: int) -> Display:
    async with rt.sessions() as s:
        row = await s.get(Display, display_id)
    if row is None or row.org_id != principal.org_id:
        raise NotFound("display_not_found", f"display {display_id} not found")
    return row


async def list_for_org(rt: Runtime, principal: Principal) -> list[Display]:
    async with rt.sessions() as s:
        return list(await s.scalars(select(Display).where(Display.org_id == principal.org_id).order_by(Display.id)))


async def update(rt: Runtime, principal: Principal, display_id: int, changes: dict[str, Any]) -> Display:
    if "boards" in changes:
        await validate_boards(rt, principal.org_id, changes["boards"])
    async with rt.sessions() as s, s.begin():
        row = await s.get(Display, display_id)
        if row is None or row.org_id != principal.org_id:
            raise NotFound("display_not_found", f"display {display_id} not found")
        before = audit.fields_of(row, [*AUDITED, "revoked_at"])
        for k, v in changes.items():
            setattr(row, k, v)
        after = audit.fields_of(row, [*AUDITED, "revoked_at"])
        await audit.record(rt, s, principal, "display", row.id,
                           "new_code" if "pairing_code" in changes else "update", before=before,
                           after=after if before != after else {**after, "pairing_code_renewed": True},
                           only_changes=before != after)
    return row


async def new_code(rt: Runtime, principal: Principal, display_id: int) -> Display:
    """A fresh pairing code; the screen paired before keeps working until it pairs again or is revoked."""
    return await update(rt, principal, display_id, {"pairing_code": _code(),
                                                    "code_expires_at": rt.now() + CODE_TTL,
                                                    "revoked_at": None})


async def revoke(rt: Runtime, principal: Principal, display_id: int) -> Display:
    async with rt.sessions() as s, s.begin():
        row = await s.get(Display, display_id)
        if row is None or row.org_id != principal.org_id:
            raise NotFound("display_not_found", f"display {display_id} not found")
        row.revoked_at = rt.now()
        row.token_version += 1
        row.pairing_code = None
        await audit.record(rt, s, principal, "display", row.id, "revoke", after={"name": row.name})
    rt.part(TOKEN_STATE).drop(display_id)
    await auth_state.new_epoch(rt, row.org_id)  # game servers close its sockets
    return row


async def pair(rt: Runtime, code: str) -> tuple[Display, str]:
    code = code.strip().upper()
    async with rt.sessions() as s, s.begin():
        row = await s.scalar(select(Display).where(Display.pairing_code == code))
        if row is None or row.code_expires_at is None or row.code_expires_at < rt.now():
            raise NotFound("invalid_pairing_code", "this pairing code is unknown or has expired")
        row.pairing_code = None
        row.code_expires_at = None
        row.paired_at = rt.now()
        row.revoked_at = None
        row.token_version += 1  # a screen paired before with this display stops working
    rt.part(TOKEN_STATE).drop(row.id)
    await auth_state.new_epoch(rt, row.org_id)
    return row, rt.tokens.issue_display(row.id, row.org_id, row.token_version)


@dataclass(frozen=True, slots=True)
class Title:
    channel: str
    title: str | None  # None for a contest: its frames carry its name
    segment: str | None


async def board_titles(rt: Runtime, org_id: int, boards: list[str]) -> tuple[str, list[Title]]:
    """The org's time zone, and how the screen titles each board: by the metric's name (an
    activity type's label) and whom it ranks (a team by its name)."""
    org = await org_info(rt, org_id)
    types = await types_of(rt, org_id)
    teams = {t.id: t.name for t in await accounts.list_teams(rt, Principal(org_id, "display"))}
    out = []
    for name in boards:
        ch = parse_channel(name)
        if ch.kind != "lb" or ch.metric is None or ch.segment is None:
            out.append(Title(name, None, None))
            continue
        t = types.get(ch.metric)
        title = "Points" if ch.metric == POINTS else t.label if t else ch.metric.replace("_", " ").capitalize()
        out.append(Title(name, title, _segment_title(ch.segment, teams)))
    return org.timezone, out


def _segment_title(segment: str, teams: dict[int, str]) -> str:
    kind, _, value = segment.partition(":")
    if kind == "org":
        return "Whole org"
    if kind == "team":
        return f"Team {teams.get(int(value), value)}"
    return {"region": f"Region {value}", "job_role": value, "shift": f"{value.capitalize()} shift"}.get(kind, value)


async def principal_for(rt: Runtime, token: str, claims: dict[str, Any] | None = None, *,
                        fresh: bool = False) -> Principal:
    """The resolver of display tokens: verify one against its row (revocation, re-pairing)."""
    claims = claims or rt.tokens.decode(token, "display")
    display_id, version = int(claims["sub"]), int(claims.get("ver", 0))
    cache = rt.part(TOKEN_STATE)
    state = None if fresh else cache.get(display_id)
    if state is None or version > state[0]:  # a token newer than the cached row: the row changed since
        async with rt.sessions() as s:
            row = await s.get(Display, display_id)
        state = (row.token_version, row.revoked_at is not None, row.org_id) if row else (-1, True, 0)
        cache.put(display_id, state)
    current, revoked, org_id = state
    if revoked or current != version or org_id != int(claims["org"]):
        raise Unauthorized("display_revoked", "this display token was revoked; pair the screen again")
    return Principal(org_id=org_id, role="display", display_id=display_id)
