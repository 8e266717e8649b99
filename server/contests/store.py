"""Contests, their frozen participants, results, awards and log."""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import Any, NamedTuple, TypedDict

from sqlalchemy import Column, Row, and_, bindparam, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from server.accounts.models import User
from server.contests.models import Contest, ContestAward, ContestEvent, ContestParticipant, ContestResult
from server.core.db import table_of
from server.core.sql import pg
from server.ledger.models import ActivityType, LedgerEntry

C = table_of(Contest)
P = table_of(ContestParticipant)
R = table_of(ContestResult)
W = table_of(ContestAward)
E = table_of(ContestEvent)
L = table_of(LedgerEntry)
U = table_of(User)

COUNTED_KINDS = ("activity", "reversal")

#: Rows of chosen columns (SQLAlchemy 2.1 types a row by its columns: `Row[Any]` is a one-column row).
AnyRows = Sequence[Row[*tuple[Any, ...]]]


class Segment(TypedDict):
    """Who takes part: `contests.segments` holds a list of these ([] = the whole org)."""

    kind: str  # team | region | job_role
    value: int | str  # a team id, or a region / job role name


async def create(conn: AsyncConnection, row: dict[str, Any]) -> int:
    contest_id: int = (await conn.execute(insert(C).returning(C.c.id), row)).scalar_one()
    return contest_id


async def get(conn: AsyncConnection, org_id: int, contest_id: int) -> Row[Any] | None:
    return (await conn.execute(select(C).where(C.c.org_id == org_id, C.c.id == contest_id))).one_or_none()


async def get_any(conn: AsyncConnection, contest_id: int) -> Row[Any] | None:
    return (await conn.execute(select(C).where(C.c.id == contest_id))).one_or_none()


async def list_for(conn: AsyncConnection, org_id: int, *, states: Sequence[str] | None, include_hidden: bool,
                   limit: int, offset: int) -> tuple[int, Sequence[Row[Any]]]:
    q = select(C).where(C.c.org_id == org_id)
    if states:
        q = q.where(C.c.state.in_(states))
    if not include_hidden:
        q = q.where(C.c.hidden.is_(False))
    total = await conn.scalar(select(func.count()).select_from(q.subquery()))
    rows = (await conn.execute(q.order_by(C.c.starts_at.desc(), C.c.id.desc()).limit(limit).offset(offset))).all()
    return int(total or 0), rows


async def update_fields(conn: AsyncConnection, contest_id: int, values: dict[str, Any]) -> None:
    await conn.execute(update(C).where(C.c.id == contest_id).values(**values))


async def transition(conn: AsyncConnection, contest_id: int, from_states: Sequence[str], to_state: str,
                     **values: Any) -> bool:
    """Move a contest on only if it is still in one of `from_states`: the claim that makes every
    lifecycle step happen once even with several workers (the loser updates no row)."""
    result = await conn.execute(update(C).where(C.c.id == contest_id, C.c.state.in_(from_states))
                                .values(state=to_state, **values))
    return result.rowcount == 1


async def claim_ending_notice(conn: AsyncConnection, contest_id: int) -> bool:
    result = await conn.execute(update(C).where(C.c.id == contest_id, C.c.state == "live",
                                                C.c.ending_notified.is_(False)).values(ending_notified=True))
    return result.rowcount == 1


async def due(conn: AsyncConnection, now: datetime, ending_soon_before: datetime, settle_before: datetime,
              limit: int = 200) -> AnyRows:
    """Contests with a lifecycle step due: start, ending-soon notice, end, award."""
    q = select(C.c.id, C.c.org_id, C.c.state, C.c.starts_at, C.c.ends_at, C.c.ending_notified).where(or_(
        and_(C.c.state == "scheduled", C.c.starts_at <= now),
        and_(C.c.state == "live", or_(C.c.ends_at <= now, and_(C.c.ends_at <= ending_soon_before,
                                                               C.c.ending_notified.is_(False)))),
        and_(C.c.state == "ended", C.c.ends_at <= settle_before),
    )).order_by(C.c.ends_at).limit(limit)
    return (await conn.execute(q)).all()


async def live_ids(conn: AsyncConnection) -> AnyRows:
    return (await conn.execute(select(C.c.id, C.c.org_id).where(C.c.state.in_(("live", "ended"))))).all()


# -- participants -----------------------------------------------------------------------------------

async def candidates(conn: AsyncConnection, org_id: int, segments: Sequence[Segment]) -> AnyRows:
    """Active reps of the org in any of the segments (all of them for []): who takes part."""
    q = select(U.c.id, U.c.team_id, U.c.display_name, U.c.email).where(U.c.org_id == org_id, U.c.active.is_(True),
                                                                      U.c.role == "rep")
    if segments:
        cols = {"team": U.c.team_id, "region": User.effective_region, "job_role": U.c.job_role, "user": U.c.id}
        q = q.where(or_(*(cols[s["kind"]] == s["value"] for s in segments)))
    return (await conn.execute(q.order_by(U.c.id))).all()


async def add_participants(conn: AsyncConnection, rows: list[dict[str, Any]]) -> None:
    if rows:
        await conn.execute(insert(P), rows)


async def participants(conn: AsyncConnection, contest_id: int) -> AnyRows:
    q = (select(P.c.user_id, P.c.team_id, P.c.baseline, U.c.display_name, U.c.email)
         .join(U, U.c.id == P.c.user_id).where(P.c.contest_id == contest_id).order_by(P.c.user_id))
    return (await conn.execute(q)).all()


async def set_baselines(conn: AsyncConnection, contest_id: int, baselines: dict[int, int]) -> None:
    """One executemany: each participant's pre-contest baseline."""
    if baselines:
        stmt = (update(P).where(P.c.contest_id == bindparam("cid"), P.c.user_id == bindparam("uid"))
                .values(baseline=bindparam("b")))
        await conn.execute(stmt, [{"cid": contest_id, "uid": u, "b": b} for u, b in baselines.items()])


_RUNNING_SQL = (
    "SELECT c.id, c.measure, c.type_id, c.starts_at, c.ends_at, c.start_date, c.end_date, c.format, c.rules, "
    "p.user_id, c.launched_at FROM contests c JOIN contest_participants p ON p.contest_id = c.id "
    "WHERE c.org_id = $1 AND c.state IN ('live', 'ended') AND p.user_id = ANY($2::BIGINT[])")


class Running(NamedTuple):
    """A (contest, participant) pair read through the driver (the same columns as the SQL row)."""

    id: int
    measure: str
    type_id: int | None
    starts_at: datetime
    ends_at: datetime
    start_date: date
    end_date: date
    format: str
    rules: dict[str, Any] | None
    user_id: int
    launched_at: datetime | None


async def running_for_users(conn: AsyncConnection, org_id: int,
                            user_ids: Collection[int]) -> list[Running] | AnyRows:
    """(contest, participant) pairs of live or settling contests for these users: the activity path's
    one extra read, on every transaction (through the driver on PostgreSQL: SQLAlchemy compiled the
    expanding IN again for every call, ~16 % of a lone post's CPU)."""
    if conn.dialect.name == "postgresql":
        rows = await pg.run(conn, _RUNNING_SQL, (org_id, list(user_ids)))
        return [Running._make((*r[:8], json.loads(r[8]) if isinstance(r[8], str) else r[8], r[9], r[10]))
                for r in rows]
    q = (select(C.c.id, C.c.measure, C.c.type_id, C.c.starts_at, C.c.ends_at, C.c.start_date, C.c.end_date,
                C.c.format, C.c.rules, P.c.user_id, C.c.launched_at)
         .join(P, P.c.contest_id == C.c.id)
         .where(C.c.org_id == org_id, C.c.state.in_(("live", "ended")), P.c.user_id.in_(list(user_ids))))
    return (await conn.execute(q)).all()


# -- what counts -------------------------------------------------------------------------------------

def _amount(measure: str) -> Column[Any]:
    return {"points": L.c.points, "count": L.c.units, "value": L.c.value_units}[measure]


async def counted_rows(conn: AsyncConnection, org_id: int, contest_id: int, measure: str, type_id: int | None,
                       since: datetime, until: datetime) -> AnyRows:
    """The participants' activity and reversal ledger rows that occurred in [since, until) and move
    the measure (an activity whose units were all over the daily cap moves none: it never counts,
    live or final)."""
    amount = _amount(measure)
    q = (select(L.c.id, L.c.user_id, L.c.activity_id, L.c.kind, amount.label("amount"), L.c.occurred_at,
                L.c.created_at, ActivityType.key.label("type_key"))
         .join(P, and_(P.c.contest_id == contest_id, P.c.user_id == L.c.user_id))
         .outerjoin(ActivityType, ActivityType.id == L.c.type_id)
         .where(L.c.org_id == org_id, L.c.kind.in_(COUNTED_KINDS), L.c.occurred_at >= since, L.c.occurred_at < until,
                amount != 0)
         .order_by(L.c.id))
    if type_id is not None:
        q = q.where(L.c.type_id == type_id)
    return (await conn.execute(q)).all()


async def baseline_totals(conn: AsyncConnection, org_id: int, user_ids: Sequence[int], measure: str,
                          type_id: int | None, since: datetime, until: datetime) -> dict[int, int]:
    if not user_ids:
        return {}
    q = (select(L.c.user_id, func.coalesce(func.sum(_amount(measure)), 0))
         .where(L.c.org_id == org_id, L.c.kind.in_(COUNTED_KINDS), L.c.occurred_at >= since,
                L.c.occurred_at < until, L.c.user_id.in_(list(user_ids)))
         .group_by(L.c.user_id))
    if type_id is not None:
        q = q.where(L.c.type_id == type_id)
    return {uid: int(v) for uid, v in (await conn.execute(q)).all()}


# -- results, awards, log ---------------------------------------------------------------------------

async def add_results(conn: AsyncConnection, rows: list[dict[str, Any]]) -> None:
    if rows:
        await conn.execute(insert(R), rows)


async def results(conn: AsyncConnection, contest_id: int) -> AnyRows:
    q = (select(R, U.c.display_name, U.c.email).join(U, U.c.id == R.c.user_id)
         .where(R.c.contest_id == contest_id).order_by(R.c.group, R.c.place.nulls_last(), R.c.user_id))
    return (await conn.execute(q)).all()


async def add_awards(conn: AsyncConnection, rows: list[dict[str, Any]]) -> None:
    if rows:
        await conn.execute(insert(W), rows)


async def awards(conn: AsyncConnection, contest_id: int) -> Sequence[Row[Any]]:
    return (await conn.execute(select(W).where(W.c.contest_id == contest_id).order_by(W.c.id))).all()


async def log(conn: AsyncConnection, contest_id: int, kind: str, now: datetime, *, reason: str | None = None,
              actor_user_id: int | None = None, data: dict[str, Any] | None = None) -> None:
    await conn.execute(insert(E).values(contest_id=contest_id, kind=kind, reason=reason, actor_user_id=actor_user_id,
                                        data=data or {}, created_at=now))


async def events(conn: AsyncConnection, contest_id: int) -> Sequence[Row[Any]]:
    return (await conn.execute(select(E).where(E.c.contest_id == contest_id).order_by(E.c.id))).all()


async def wins_of(conn: AsyncConnection, org_id: int, user_id: int) -> set[int]:
    """Ids of the org's contests (hidden ones aside) the rep won, as frozen in the results."""
    q = (select(R.c.contest_id).join(C, C.c.id == R.c.contest_id)
         .where(C.c.org_id == org_id, C.c.hidden.is_(False), R.c.user_id == user_id, R.c.won.is_(True)))
    return set((await conn.execute(q)).scalars().all())
