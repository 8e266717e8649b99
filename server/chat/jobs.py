"""The chat worker job: send what the outbox holds."""

from __future__ import annotations

from server.chat import sender
from server.core.runtime import Runtime


async def send_job(rt: Runtime) -> None:
    while await sender.drain(rt) >= sender.CLAIM:
        pass
