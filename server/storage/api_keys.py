"""Org API keys for server-to-server ingestion (stored hashed)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from server.storage.models import ApiKey


async def create(session: AsyncSession, org_id: int, name: str, prefix: str, key_hash: str,
                 created_by: int | None) -> ApiKey:
    row = ApiKey(org_id=org_id, name=name, prefix=prefix, key_hash=key_hash, created_by_user_id=created_by)
    session.add(row)
    await session.flush()
    return row


async def by_prefix(session: AsyncSession, prefix: str) -> ApiKey | None:
    return await session.scalar(select(ApiKey).where(ApiKey.prefix == prefix))


async def list_for_org(session: AsyncSession, org_id: int) -> Sequence[ApiKey]:
    return (await session.scalars(select(ApiKey).where(ApiKey.org_id == org_id).order_by(ApiKey.id))).all()


async def get(session: AsyncSession, org_id: int, key_id: int) -> ApiKey | None:
    row = await session.get(ApiKey, key_id)
    return row if row is not None and row.org_id == org_id else None
