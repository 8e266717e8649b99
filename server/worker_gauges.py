"""The queue depths the worker samples for /metrics (docs/observability.md): committed entries
not yet on the boards, push outbox rows waiting, CRM events waiting. One cheap count each,
every `EVERY_S` seconds, by the worker only (the API processes do not repeat them)."""

from __future__ import annotations

from sqlalchemy import func, select

from server.core.observability import metrics
from server.core.runtime import Job, Runtime
from server.integrations.models import InboxEvent
from server.ledger.models import BoardPending
from server.notifications.models import PushOutbox

EVERY_S = 15.0


async def sample(rt: Runtime) -> None:
    async with rt.engine.connect() as conn:
        pending = await conn.scalar(select(func.count()).select_from(BoardPending))
        outbox = await conn.scalar(
            select(func.count()).select_from(PushOutbox).where(PushOutbox.state == "pending")
        )
        crm = await conn.scalar(
            select(func.count()).select_from(InboxEvent).where(InboxEvent.status == "pending")
        )
    metrics.BOARD_PENDING.set(pending or 0)
    metrics.OUTBOX_DEPTH.set(outbox or 0)
    metrics.CRM_PENDING.set(crm or 0)


JOB = Job("metrics_sample", EVERY_S, sample, exclusive=False)  # each worker exports its own
