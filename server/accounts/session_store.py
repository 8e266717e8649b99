"""SQL of sign-in sessions (`auth_sessions`) and the per-request access row."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Row, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from server.accounts.models import AuthSession, User
from server.core.db import table_of

_S = table_of(AuthSession).c
_U = table_of(User).c

#: The most sessions `GET /me/sessions` lists (newest first).
LIST_LIMIT = 100


async def insert(session: AsyncSession, org_id: int, user_id: int, device: str | None, jti: str,
                 now: datetime, expires_at: datetime) -> AuthSession:
    row = AuthSession(org_id=org_id, user_id=user_id, device=device, refresh_jti=jti, created_at=now,
                      last_used_at=now, expires_at=expires_at)
    session.add(row)
    await session.flush()
    return row


async def rotate(session: AsyncSession, session_id: int, user_id: int, presented_jti: str, new_jti: str,
                 now: datetime, expires_at: datetime) -> bool:
    """Move a live session to its next refresh token, if `presented_jti` is the one it expects.
    One conditional UPDATE, so of two refreshes racing with the same token only one wins."""
    result = await session.execute(
        update(AuthSession)
        .where(_S.id == session_id, _S.user_id == user_id, _S.refresh_jti == presented_jti,
               _S.revoked_at.is_(None))
        .values(refresh_jti=new_jti, last_used_at=now, expires_at=expires_at)
        .execution_options(synchronize_session=False))
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def get(session: AsyncSession, session_id: int) -> AuthSession | None:
    return await session.get(AuthSession, session_id)


async def revoke(session: AsyncSession, user_id: int, reason: str, now: datetime, *,
                 only: int | None = None, keep: int | None = None) -> list[int]:
    """End the user's live sessions (`only` one of them, or all but `keep`); returns the ids ended."""
    q = update(AuthSession).where(_S.user_id == user_id, _S.revoked_at.is_(None))
    if only is not None:
        q = q.where(_S.id == only)
    if keep is not None:
        q = q.where(_S.id != keep)
    result = await session.execute(q.values(revoked_at=now, revoked_reason=reason).returning(_S.id)
                                   .execution_options(synchronize_session=False))
    return list(result.scalars())


async def live(session: AsyncSession, user_id: int, now: datetime) -> Sequence[AuthSession]:
    q = (select(AuthSession).where(_S.user_id == user_id, _S.revoked_at.is_(None), _S.expires_at > now)
         .order_by(_S.last_used_at.desc(), _S.id.desc()).limit(LIST_LIMIT))
    return (await session.scalars(q)).all()


async def access_row(conn: AsyncConnection, org_id: int, user_id: int,
                     session_id: int) -> Row[bool, str, int | None, int | None, datetime | None] | None:
    """(active, role, team id, the session's user id, the session's end) of a user of the org and
    one of their sessions (None, None when the session is not theirs or gone), in one statement."""
    q = (select(_U.active, _U.role, _U.team_id, _S.user_id, _S.revoked_at)
         .select_from(table_of(User).outerjoin(table_of(AuthSession),
                                               (_S.id == session_id) & (_S.user_id == _U.id)))
         .where(_U.id == user_id, _U.org_id == org_id))
    return (await conn.execute(q)).one_or_none()


async def prune(session: AsyncSession, ended_before: datetime) -> int:
    """Delete sessions that expired or ended before `ended_before` (an absent session is an ended one)."""
    result = await session.execute(
        delete(AuthSession).where(or_(_S.expires_at < ended_before, _S.revoked_at < ended_before))
        .execution_options(synchronize_session=False))
    return int(result.rowcount)  # type: ignore[attr-defined]
