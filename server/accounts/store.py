"""Orgs, teams and users."""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence

from sqlalchemy import Row, func, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from server.accounts.models import ApiKey, Org, Team, User


def slugify(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60]
    return slug or "org"


async def create_org(session: AsyncSession, name: str, timezone: str, week_start: int) -> Org:
    slug = slugify(name)
    if await session.scalar(select(Org.id).where(Org.slug == slug)):
        slug = f"{slug}-{secrets.token_hex(3)}"
    org = Org(name=name, slug=slug, timezone=timezone, week_start=week_start)
    session.add(org)
    await session.flush()
    return org


async def get_org(session: AsyncSession, org_id: int) -> Org | None:
    return await session.get(Org, org_id)


async def all_org_ids(session: AsyncSession) -> list[int]:
    return list(await session.scalars(select(Org.id).order_by(Org.id)))


async def get_team(session: AsyncSession, org_id: int, team_id: int) -> Team | None:
    team = await session.get(Team, team_id)
    return team if team is not None and team.org_id == org_id else None


async def list_teams(session: AsyncSession, org_id: int) -> Sequence[Team]:
    return (await session.scalars(select(Team).where(Team.org_id == org_id).order_by(Team.id))).all()


async def team_name_taken(session: AsyncSession, org_id: int, name: str, except_id: int | None = None) -> bool:
    q = select(Team.id).where(Team.org_id == org_id, func.lower(Team.name) == name.lower())
    if except_id is not None:
        q = q.where(Team.id != except_id)
    return (await session.scalar(q)) is not None


async def get_user(session: AsyncSession, org_id: int, user_id: int) -> User | None:
    user = await session.get(User, user_id)
    return user if user is not None and user.org_id == org_id else None


async def user_by_email(session: AsyncSession, email: str) -> User | None:
    return await session.scalar(select(User).where(User.email == email.lower()))


async def list_users(
    session: AsyncSession, org_id: int, *, team_id: int | None, role: str | None,
    active: bool | None, limit: int, offset: int,
) -> tuple[int, Sequence[User]]:
    q = select(User).where(User.org_id == org_id)
    if team_id is not None:
        q = q.where(User.team_id == team_id)
    if role is not None:
        q = q.where(User.role == role)
    if active is not None:
        q = q.where(User.active == active)
    total = await session.scalar(select(func.count()).select_from(q.subquery()))
    rows = (await session.scalars(q.order_by(User.id).limit(limit).offset(offset))).all()
    return int(total or 0), rows


SEGMENT_COLUMNS = {"team": User.team_id, "region": User.effective_region, "job_role": User.job_role,
                   "shift": User.shift}


async def segment_members(session: AsyncSession, org_id: int, kind: str, value: str | int) -> list[User]:
    column = SEGMENT_COLUMNS[kind]
    q = select(User).where(User.org_id == org_id, User.active.is_(True), column == value)
    return list((await session.scalars(q)).all())


async def active_user_id_set(session: AsyncSession, org_id: int) -> set[int]:
    """Core on the session's connection: the ORM's row loading cost ~10x more per id, and the
    activity path re-reads the whole org's ids every few seconds (`Runtime.active_users`)."""
    q = select(User.__table__.c.id).where(User.__table__.c.org_id == org_id, User.__table__.c.active.is_(True))
    return set((await (await session.connection()).execute(q)).scalars())


async def inactive_user_ids(session: AsyncSession, org_id: int) -> set[int]:
    q = select(User.__table__.c.id).where(User.__table__.c.org_id == org_id, User.__table__.c.active.is_(False))
    return set((await (await session.connection()).execute(q)).scalars())


async def user_timezones(session: AsyncSession, org_id: int, user_ids: Sequence[int]) -> dict[int, str | None]:
    """The time zone set on each of the org's `user_ids` (None: the org's)."""
    if not user_ids:
        return {}
    t = User.__table__.c
    q = select(t.id, t.timezone).where(t.org_id == org_id, t.id.in_(list(user_ids)))
    return {uid: tz for uid, tz in (await (await session.connection()).execute(q)).all()}


async def active_users(session: AsyncSession, org_id: int) -> Sequence[User]:
    return (await session.scalars(select(User).where(User.org_id == org_id, User.active.is_(True)))).all()


# -- API keys --
async def create_api_key(session: AsyncSession, org_id: int, name: str, prefix: str, key_hash: str,
                 created_by: int | None) -> ApiKey:
    row = ApiKey(org_id=org_id, name=name, prefix=prefix, key_hash=key_hash, created_by_user_id=created_by)
    session.add(row)
    await session.flush()
    return row


async def api_key_by_prefix(session: AsyncSession, prefix: str) -> ApiKey | None:
    return await session.scalar(select(ApiKey).where(ApiKey.prefix == prefix))


async def list_api_keys(session: AsyncSession, org_id: int) -> Sequence[ApiKey]:
    return (await session.scalars(select(ApiKey).where(ApiKey.org_id == org_id).order_by(ApiKey.id))).all()


async def get_api_key(session: AsyncSession, org_id: int, key_id: int) -> ApiKey | None:
    row = await session.get(ApiKey, key_id)
    return row if row is not None and row.org_id == org_id else None


async def lock_user(conn: AsyncConnection, org_id: int, user_id: int) -> Row[int, bool, str] | None:
    """Lock a user's row for the rest of the transaction (PostgreSQL `FOR NO KEY UPDATE`, which
    still lets ledger inserts reference the row); SQLite transactions are already serialised
    by `BEGIN IMMEDIATE`. Per-user limits (kudos allowance, spendable points) are then checked
    and written by one transaction at a time. Returns (id, active, display_name) or None."""
    q = (select(User.__table__.c.id, User.__table__.c.active, User.__table__.c.display_name).where(User.__table__.c.org_id == org_id, User.__table__.c.id == user_id)
         .with_for_update(key_share=True))
    return (await conn.execute(q)).one_or_none()


async def lock_org(session: AsyncSession, org_id: int) -> None:
    """Serialise changes to an org's set of admins (PostgreSQL `FOR NO KEY UPDATE` of the org row,
    which inserts referencing the org do not wait for; SQLite transactions are serial already)."""
    await session.execute(select(Org.id).where(Org.id == org_id).with_for_update(key_share=True))


async def other_active_admins(session: AsyncSession, org_id: int, user_id: int) -> int:
    """Active admins of the org besides `user_id`."""
    q = select(func.count()).select_from(User).where(User.org_id == org_id, User.role == "admin",
                                                     User.active.is_(True), User.id != user_id)
    return int(await session.scalar(q) or 0)
