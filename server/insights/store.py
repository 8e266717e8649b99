"""SQL of the insights: settings, alerts, actions and outcomes, notes, day-close and digest claims,
and the streaks the last day close saw."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from server.core.db import table_of
from server.insights.models import (
    Alert,
    AlertAction,
    DayClose,
    DigestSent,
    InsightSettings,
    RepNote,
    StreakSeen,
)
from server.insights.rules import Thresholds
from server.ledger.store import _insert

S = table_of(InsightSettings)
A = table_of(Alert)
X = table_of(AlertAction)
N = table_of(RepNote)
C = table_of(DayClose)
G = table_of(DigestSent)
K = table_of(StreakSeen)


# -- settings -------------------------------------------------------------------------------------

async def thresholds(conn: AsyncConnection, org_id: int) -> Thresholds:
    row = (await conn.execute(select(S).where(S.c.org_id == org_id))).first()
    if row is None:
        return Thresholds()
    return Thresholds(**{f: getattr(row, f) for f in Thresholds.__dataclass_fields__})


async def save_thresholds(conn: AsyncConnection, org_id: int, t: Thresholds, now: datetime) -> None:
    values = {**asdict(t), "updated_at": now}
    ins = _insert(conn, S)
    await conn.execute(ins.values(org_id=org_id, **values).on_conflict_do_update(index_elements=["org_id"],
                                                                                set_=values))


# -- alerts ---------------------------------------------------------------------------------------

async def insert_alerts(conn: AsyncConnection, rows: list[dict[str, Any]]) -> list[tuple[int, dict[str, Any]]]:
    """Insert alerts, skipping any rep, reason and week that already has one; returns (id, row) of
    the new ones."""
    stmt = _insert(conn, A).on_conflict_do_nothing(index_elements=["org_id", "user_id", "reason", "week"])
    out = []
    for row in rows:  # one by one: a skipped row returns nothing, and each id must find its row
        found = (await conn.execute(stmt.values(**row).returning(A.c.id))).first()
        if found is not None:
            out.append((int(found.id), row))
    return out


async def alerts(conn: AsyncConnection, org_id: int, *, user_ids: Sequence[int] | None, status: str | None,
                 before_id: int | None, limit: int) -> list[Row[Any]]:
    q = select(A).where(A.c.org_id == org_id)
    if user_ids is not None:
        q = q.where(A.c.user_id.in_(list(user_ids)))
    if status is not None:
        q = q.where(A.c.status == status)
    if before_id is not None:
        q = q.where(A.c.id < before_id)
    return list((await conn.execute(q.order_by(A.c.id.desc()).limit(limit))).all())


async def alert(conn: AsyncConnection, org_id: int, alert_id: int) -> Row[Any] | None:
    return (await conn.execute(select(A).where(A.c.org_id == org_id, A.c.id == alert_id))).first()


async def close_alert(conn: AsyncConnection, alert_id: int, status: str, now: datetime, by: int | None,
                      *, only_open: bool) -> bool:
    q = update(A).where(A.c.id == alert_id)
    if only_open:
        q = q.where(A.c.status == "open")
    done = await conn.execute(q.values(status=status, closed_at=now, closed_by_user_id=by))
    return bool(done.rowcount)


async def open_alerts_count(conn: AsyncConnection, org_id: int, user_ids: Sequence[int] | None) -> int:
    q = select(func.count()).select_from(A).where(A.c.org_id == org_id, A.c.status == "open")
    if user_ids is not None:
        q = q.where(A.c.user_id.in_(list(user_ids)))
    return int((await conn.execute(q)).scalar_one())


# -- actions and outcomes ---------------------------------------------------------------------------

async def insert_action(conn: AsyncConnection, row: dict[str, Any]) -> int:
    return int((await conn.execute(X.insert().values(**row).returning(X.c.id))).scalar_one())


async def actions_of(conn: AsyncConnection, alert_ids: Sequence[int]) -> list[Row[Any]]:
    if not alert_ids:
        return []
    q = select(X).where(X.c.alert_id.in_(list(alert_ids))).order_by(X.c.id)
    return list((await conn.execute(q)).all())


async def unmeasured(conn: AsyncConnection, org_id: int, window_end_by: date) -> list[Row[Any]]:
    """Actions whose 7-day window is over (`window_end` <= the day given) and not measured yet."""
    q = select(X).where(X.c.org_id == org_id, X.c.measured_at.is_(None), X.c.window_end <= window_end_by)
    return list((await conn.execute(q.order_by(X.c.id))).all())


async def set_outcome(conn: AsyncConnection, action_id: int, outcome: dict[str, Any], now: datetime) -> bool:
    done = await conn.execute(update(X).where(X.c.id == action_id, X.c.measured_at.is_(None))
                              .values(outcome=outcome, measured_at=now))
    return bool(done.rowcount)


async def actions_in(conn: AsyncConnection, org_id: int, user_ids: Sequence[int] | None, since: datetime,
                     until: datetime) -> list[Row[Any]]:
    q = select(X).where(X.c.org_id == org_id, X.c.created_at >= since, X.c.created_at < until)
    if user_ids is not None:
        q = q.where(X.c.user_id.in_(list(user_ids)))
    return list((await conn.execute(q.order_by(X.c.id))).all())


# -- notes --------------------------------------------------------------------------------------------

async def insert_note(conn: AsyncConnection, row: dict[str, Any]) -> int:
    return int((await conn.execute(N.insert().values(**row).returning(N.c.id))).scalar_one())


async def notes(conn: AsyncConnection, org_id: int, user_id: int, limit: int) -> list[Row[Any]]:
    q = select(N).where(N.c.org_id == org_id, N.c.user_id == user_id).order_by(N.c.id.desc()).limit(limit)
    return list((await conn.execute(q)).all())


# -- claims ---------------------------------------------------------------------------------------------

async def claim_day_close(conn: AsyncConnection, org_id: int, team_id: int, day: date, now: datetime) -> bool:
    """Whether this transaction runs the team's close of `day` (the row is unique)."""
    stmt = _insert(conn, C).values(org_id=org_id, team_id=team_id, day=day, ran_at=now, flagged=0)
    found = (await conn.execute(stmt.on_conflict_do_nothing(index_elements=["org_id", "team_id", "day"])
                                .returning(C.c.day))).first()
    return found is not None


async def set_flagged(conn: AsyncConnection, org_id: int, team_id: int, day: date, flagged: int) -> None:
    await conn.execute(update(C).where(C.c.org_id == org_id, C.c.team_id == team_id, C.c.day == day)
                       .values(flagged=flagged))


async def claim_digest(conn: AsyncConnection, org_id: int, user_id: int, week: date, now: datetime) -> bool:
    stmt = _insert(conn, G).values(org_id=org_id, user_id=user_id, week=week, sent_at=now)
    found = (await conn.execute(stmt.on_conflict_do_nothing(index_elements=["org_id", "user_id", "week"])
                                .returning(G.c.week))).first()
    return found is not None


# -- streaks seen ---------------------------------------------------------------------------------------

async def streaks_seen(conn: AsyncConnection, org_id: int, user_ids: Sequence[int]) -> dict[int, Row[Any]]:
    if not user_ids:
        return {}
    q = select(K).where(K.c.org_id == org_id, K.c.user_id.in_(list(user_ids)))
    return {r.user_id: r for r in (await conn.execute(q)).all()}


async def save_streaks(conn: AsyncConnection, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    ins = _insert(conn, K)
    await conn.execute(ins.on_conflict_do_update(
        index_elements=["org_id", "user_id"],
        set_={"current": ins.excluded.current, "run_start": ins.excluded.run_start,
              "last_day": ins.excluded.last_day, "seen_on": ins.excluded.seen_on}), rows)
