"""Job leases: one worker at a time runs each job, and a worker that lost its lease cannot act.

Several workers may run (for availability). Before each run of a job, a worker takes the job's
lease (`job_leases`, one row per job): it gets it if nobody holds it or the holder's lease
expired (`JOB_LEASE_S` without renewal), and every grant carries a new **fencing token** (the
row's `token`, one more than the last). While the run lasts the worker renews the lease, keeping
its token.

The token is checked where the job acts, in the database: every transaction begun inside a
leased run (the run's task and the tasks it starts; `contextvars`) first reads the lease row and
aborts with `LeaseLost` unless it still carries the run's token. On PostgreSQL that read takes
a share lock on the row until the transaction ends, so the lease cannot change hands while a
transaction of its holder is open, and the transaction is given
`idle_in_transaction_session_timeout` = the lease time: a holder frozen inside a transaction
(a paused VM, SIGSTOP) loses its session and its uncommitted work instead of blocking the job
forever. So a worker paused past its lease that wakes up and goes on cannot commit anything for
that job: the worker that took over owns it (Kleppmann's fencing tokens, with the database as the
storage that checks them). SQLite runs one writer at a time (BEGIN IMMEDIATE) and one worker.
"""

from __future__ import annotations

import contextvars
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import BigInteger, Connection, String, bindparam, event, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column

from server.core.db import Base, UTCDateTime, table_of
from server.core.runtime import Runtime

log = logging.getLogger("reprally.worker")


class JobLease(Base):
    __tablename__ = "job_leases"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    token: Mapped[int] = mapped_column(BigInteger)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


J = table_of(JobLease)


class LeaseLost(Exception):
    """This worker's lease on the job was taken over: the run stops; nothing more is committed."""


@dataclass(frozen=True, slots=True)
class Lease:
    name: str
    holder: str
    token: int


_FENCE: contextvars.ContextVar[Lease | None] = contextvars.ContextVar("reprally_job_lease", default=None)


async def acquire(rt: Runtime, name: str, holder: str, lease_s: float) -> Lease | None:
    """The job's lease with a new token, or None while another worker's lease is live."""
    now = rt.now()
    expires = now + timedelta(seconds=lease_s)
    postgres = rt.engine.dialect.name == "postgresql"
    insert = (postgresql.insert if postgres else sqlite.insert)(J).values(
        name=name, holder=holder, token=1, expires_at=expires).on_conflict_do_nothing(index_elements=["name"])
    async with rt.engine.begin() as conn:
        if postgres:  # a frozen holder's open transaction holds the row: give up this round, not forever
            await conn.execute(text("SET LOCAL lock_timeout = '2s'"))
        if (await conn.execute(insert)).rowcount:
            return Lease(name, holder, 1)
        token = (await conn.execute(
            update(J).where(J.c.name == name, (J.c.expires_at <= now) | (J.c.holder == holder))
            .values(holder=holder, token=J.c.token + 1, expires_at=expires).returning(J.c.token))).scalar()
    return Lease(name, holder, int(token)) if token is not None else None


async def renew(rt: Runtime, lease: Lease, lease_s: float) -> bool:
    """Push the lease's expiry on, keeping its token; False if it was taken over."""
    async with rt.engine.begin() as conn:
        res = await conn.execute(update(J).where(J.c.name == lease.name, J.c.token == lease.token)
                                 .values(expires_at=rt.now() + timedelta(seconds=lease_s)))
    return bool(res.rowcount)


async def release(rt: Runtime, lease: Lease) -> None:
    """Let the next worker take the job at once (a clean stop)."""
    async with rt.engine.begin() as conn:
        await conn.execute(update(J).where(J.c.name == lease.name, J.c.token == lease.token)
                           .values(expires_at=rt.now()))


def fence(lease: Lease) -> contextvars.Token[Lease | None]:
    """Fence the transactions begun from here on in this context (and the tasks it starts)."""
    return _FENCE.set(lease)


def unfence(token: contextvars.Token[Lease | None]) -> None:
    _FENCE.reset(token)


def current() -> Lease | None:
    """The lease the running job holds (None outside a leased run)."""
    return _FENCE.get()


def install(rt: Runtime, lease_s: float) -> None:
    """Check the fence at the start of every transaction of the runtime's engine (once per engine)."""
    engine = rt.engine.sync_engine
    if getattr(engine, "_reprally_fenced", False):
        return
    engine._reprally_fenced = True  # type: ignore[attr-defined]
    postgres = rt.engine.dialect.name == "postgresql"
    check = select(J.c.token).where(J.c.name == bindparam("name"))
    if postgres:
        check = check.with_for_update(read=True)
    timeout = text(f"SET LOCAL idle_in_transaction_session_timeout = '{int(lease_s * 1000)}ms'")

    @event.listens_for(engine, "begin")
    def _check_fence(conn: Connection) -> None:
        lease = _FENCE.get()
        if lease is None:
            return
        if postgres:
            conn.execute(timeout)
        current = conn.execute(check, {"name": lease.name}).scalar()
        if current != lease.token:
            raise LeaseLost(f"the lease on {lease.name} passed to token {current}; this run had {lease.token}")
