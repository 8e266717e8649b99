"""Orgs, teams and users."""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from server.storage.models import Org, Team, User


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


SEGMENT_COLUMNS = {"team": User.team_id, "region": User.region, "job_role": User.job_role, "shift": User.shift}


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


async def active_users(session: AsyncSession, org_id: int) -> Sequence[User]:
    return (await session.scalars(select(User).where(User.org_id == org_id, User.active.is_(True)))).all()
