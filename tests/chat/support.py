"""Helpers of the chat tests: connect channels through the API, read the outbox, run the sender."""

from __future__ import annotations

from sqlalchemy import select

from server.chat import sender
from server.chat.models import ChatChannel, ChatOutbox
from tests.conftest import Api


async def connect(admin: Api, provider: str, url: str, **fields) -> dict:
    body = {"provider": provider, "name": f"{provider} wins", "url": url, "topics": ["deals_won"], **fields}
    return await admin.ok("post", "/chat/channels", body, status=201)


async def outbox(rt, channel_id: int) -> list:
    async with rt.engine.connect() as conn:
        return list((await conn.execute(select(ChatOutbox).where(ChatOutbox.channel_id == channel_id)
                                        .order_by(ChatOutbox.id))).all())


async def channel_row(rt, channel_id: int):
    async with rt.engine.connect() as conn:
        return (await conn.execute(select(ChatChannel).where(ChatChannel.id == channel_id))).one()


async def drain(rt) -> int:
    """Run the sender until nothing is due; returns the rows it handled."""
    total = 0
    while n := await sender.drain(rt):
        total += n
    return total
