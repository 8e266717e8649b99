"""SQL of targets and of the daily per-rep rollups.

The rollup upsert runs on the activity path: on PostgreSQL it is one statement through the
driver (`core.sql.pg`), whose rows arrive as one JSON document and whose points, units and values
are read from the ledger entries themselves (joined by id in the same statement), so the rollups
count exactly what the ledger says, capped units included. SQLite runs the same two steps apart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

import msgspec
from sqlalchemy import Integer, Row, and_, case, cast, delete, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from server.board.rules import WALLET_KINDS
from server.core.db import table_of
from server.core.periods import local_date
from server.core.sql import pg
from server.ledger.models import LedgerEntry
from server.ledger.store import _insert
from server.targets.models import NO_TYPE, RepDay, RepWin, Target
from server.targets.rules import Version

T = table_of(Target)
D = table_of(RepDay)
W = table_of(RepWin)
L = table_of(LedgerEntry)

_encode = msgspec.json.Encoder().encode
#: Ledger kinds whose units and values are an activity's (every other kind only moves points).
ACTIVITY_KINDS = ("activity", "reversal")


# -- targets --------------------------------------------------------------------------------------

async def last_versions(conn: AsyncConnection, org_id: int, metric: str, period: str,
                        user_ids: list[int]) -> dict[int, int]:
    q = (select(T.c.user_id, func.max(T.c.version))
         .where(T.c.org_id == org_id, T.c.metric == metric, T.c.period == period, T.c.user_id.in_(user_ids))
         .group_by(T.c.user_id))
    return {uid: v for uid, v in (await conn.execute(q)).all()}


async def last_values(conn: AsyncConnection, org_id: int, metric: str, period: str,
                      user_ids: list[int]) -> dict[int, int | None]:
    """The value of each rep's latest version (what the audit log shows as "before")."""
    latest = (select(T.c.user_id, func.max(T.c.version).label("v"))
              .where(T.c.org_id == org_id, T.c.metric == metric, T.c.period == period, T.c.user_id.in_(user_ids))
              .group_by(T.c.user_id).subquery())
    q = (select(T.c.user_id, T.c.value).join(latest, (T.c.user_id == latest.c.user_id) & (T.c.version == latest.c.v))
         .where(T.c.org_id == org_id, T.c.metric == metric, T.c.period == period))
    return {uid: v for uid, v in (await conn.execute(q)).all()}


async def insert_versions(conn: AsyncConnection, rows: list[dict[str, Any]]) -> None:
    if rows:
        await conn.execute(T.insert(), rows)


def _version(r: Row[Any]) -> Version:
    return Version(r.user_id, r.value, r.version, r.starts_on, r.set_by_user_id, r.created_at)


async def versions(conn: AsyncConnection, org_id: int, metric: str, period: str, user_ids: list[int] | None,
                   upto: date) -> list[Version]:
    """Every version of these reps' targets that starts on or before `upto` (None: the whole org)."""
    q = select(T).where(T.c.org_id == org_id, T.c.metric == metric, T.c.period == period, T.c.starts_on <= upto)
    if user_ids is not None:
        q = q.where(T.c.user_id.in_(user_ids))
    return [_version(r) for r in (await conn.execute(q)).all()]


async def history(conn: AsyncConnection, org_id: int, metric: str, period: str,
                  user_ids: list[int]) -> list[Row[Any]]:
    """Every version of these reps' targets, newest first (the audit trail)."""
    q = (select(T).where(T.c.org_id == org_id, T.c.metric == metric, T.c.period == period,
                         T.c.user_id.in_(user_ids)).order_by(T.c.user_id, T.c.version.desc()))
    return list((await conn.execute(q)).all())


async def user_versions(conn: AsyncConnection, org_id: int, user_id: int, upto: date) -> dict[tuple[str, str], list[Version]]:
    """A rep's target versions by (metric, period) that start on or before `upto`."""
    q = select(T).where(T.c.org_id == org_id, T.c.user_id == user_id, T.c.starts_on <= upto)
    out: dict[tuple[str, str], list[Version]] = defaultdict(list)
    for r in (await conn.execute(q)).all():
        out[(r.metric, r.period)].append(_version(r))
    return out


async def targeted_metrics(conn: AsyncConnection, org_id: int, period: str, user_ids: list[int] | None,
                           upto: date) -> list[str]:
    q = select(T.c.metric).distinct().where(T.c.org_id == org_id, T.c.period == period, T.c.starts_on <= upto)
    if user_ids is not None:
        q = q.where(T.c.user_id.in_(user_ids))
    return sorted((await conn.execute(q)).scalars())


# -- rollups: writes on the activity path ------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class DayItem:
    """One contribution to a rep's day: from ledger entry `entry_id` (its points, units and value
    are read from the entry) or, for rows not written yet (a hook's bonus), from the given numbers."""

    user_id: int
    day: date
    type_id: int
    entry_id: int | None = None
    points: int = 0
    units: int = 0
    value_units: int = 0


@dataclass(frozen=True, slots=True)
class ReversalRef:
    """The reversal entry of `activity_id` (the rep's newest entry of that activity), counted on `day`."""

    user_id: int
    activity_id: int
    day: date


_PG_ADD_DAYS = """
INSERT INTO rep_days AS d (org_id, user_id, day, type_id, points, units, value_units)
SELECT $1, x.user_id, x.day, x.type_id, sum(x.points), sum(x.units), sum(x.value_units) FROM (
  SELECT r.user_id, r.day, r.type_id, coalesce(e.points, r.points) AS points, coalesce(e.units, r.units) AS units,
         coalesce(e.value_units, r.value_units) AS value_units
  FROM json_to_recordset($2::json) AS r(entry_id bigint, user_id bigint, day date, type_id bigint, points bigint,
                                       units bigint, value_units bigint)
  LEFT JOIN LATERAL (SELECT l.points, l.units, l.value_units FROM ledger_entries l WHERE l.id = r.entry_id
                     LIMIT 1) e ON true  -- one primary-key probe per row, whatever the estimates
  UNION ALL
  (SELECT e.user_id, $5::date, coalesce(e.type_id, 0), e.points, e.units, e.value_units FROM ledger_entries e
   WHERE $4::bigint IS NOT NULL AND e.org_id = $1 AND e.user_id = $3 AND e.activity_id = $4 AND e.kind = 'reversal'
   ORDER BY e.id DESC LIMIT 1)
) x GROUP BY x.user_id, x.day, x.type_id ORDER BY x.user_id, x.day, x.type_id
ON CONFLICT (org_id, user_id, day, type_id) DO UPDATE SET points = d.points + excluded.points,
  units = d.units + excluded.units, value_units = d.value_units + excluded.value_units
"""


def _item_json(it: DayItem) -> dict[str, Any]:
    return {"entry_id": it.entry_id, "user_id": it.user_id, "day": it.day, "type_id": it.type_id,
            "points": it.points, "units": it.units, "value_units": it.value_units}


async def add_days(conn: AsyncConnection, org_id: int, items: Sequence[DayItem],
                   reversal: ReversalRef | None = None) -> None:
    """Add the items (and the reversal entry) to the reps' days, rows locked in key order."""
    if not items and reversal is None:
        return
    if conn.dialect.name == "postgresql":
        await pg.run(conn, _PG_ADD_DAYS, (
            org_id, _encode([_item_json(i) for i in items]).decode(),
            reversal.user_id if reversal else None, reversal.activity_id if reversal else None,
            reversal.day if reversal else None))
        return
    await _add_days_sqlite(conn, org_id, items, reversal)


async def _add_days_sqlite(conn: AsyncConnection, org_id: int, items: Sequence[DayItem],
                           reversal: ReversalRef | None) -> None:
    ids = [i.entry_id for i in items if i.entry_id is not None]
    found: dict[int, tuple[int, int, int]] = {}
    if ids:
        q = select(L.c.id, L.c.points, L.c.units, L.c.value_units).where(L.c.id.in_(ids))
        found = {r.id: (r.points, r.units, r.value_units) for r in (await conn.execute(q)).all()}
    sums: dict[tuple[int, date, int], list[int]] = defaultdict(lambda: [0, 0, 0])
    for it in items:
        amounts = found.get(it.entry_id, (it.points, it.units, it.value_units)) if it.entry_id else \
            (it.points, it.units, it.value_units)
        acc = sums[(it.user_id, it.day, it.type_id)]
        for k in range(3):
            acc[k] += amounts[k]
    if reversal is not None:
        q = (select(L.c.type_id, L.c.points, L.c.units, L.c.value_units)
             .where(L.c.org_id == org_id, L.c.user_id == reversal.user_id, L.c.activity_id == reversal.activity_id,
                    L.c.kind == "reversal").order_by(L.c.id.desc()).limit(1))
        r = (await conn.execute(q)).first()
        if r is not None:
            acc = sums[(reversal.user_id, reversal.day, r.type_id or NO_TYPE)]
            acc[0], acc[1], acc[2] = acc[0] + r.points, acc[1] + r.units, acc[2] + r.value_units
    if not sums:
        return
    rows = [{"org_id": org_id, "user_id": u, "day": d, "type_id": t, "points": p, "units": n, "value_units": v}
            for (u, d, t), (p, n, v) in sorted(sums.items())]
    ins = _insert(conn, D)
    await conn.execute(ins.on_conflict_do_update(
        index_elements=["org_id", "user_id", "day", "type_id"],
        set_={"points": D.c.points + ins.excluded.points, "units": D.c.units + ins.excluded.units,
              "value_units": D.c.value_units + ins.excluded.value_units}), rows)


async def add_wins(conn: AsyncConnection, rows: list[dict[str, Any]]) -> None:
    """Record wins once per (rep, kind, ref)."""
    if not rows:
        return
    await conn.execute(_insert(conn, W).on_conflict_do_nothing(index_elements=["org_id", "user_id", "kind", "ref"]), rows)


# -- rollups: rebuild from the ledger -----------------------------------------------------------------

_PG_REBUILD = """
INSERT INTO rep_days AS d (org_id, user_id, day, type_id, points, units, value_units)
SELECT $1, k.user_id, k.day, k.type_id, k.points, k.units, k.value_units FROM (
  SELECT coalesce(l.user_id, s.user_id) AS user_id, coalesce(l.day, s.day) AS day,
         coalesce(l.type_id, s.type_id) AS type_id, coalesce(l.points, 0) - coalesce(s.points, 0) AS points,
         coalesce(l.units, 0) - coalesce(s.units, 0) AS units,
         coalesce(l.value_units, 0) - coalesce(s.value_units, 0) AS value_units
  FROM (SELECT user_id, (occurred_at AT TIME ZONE $2)::date AS day,
               CASE WHEN kind IN ('activity', 'reversal') THEN coalesce(type_id, 0) ELSE 0 END AS type_id,
               sum(points) AS points, sum(CASE WHEN kind IN ('activity', 'reversal') THEN units ELSE 0 END) AS units,
               sum(CASE WHEN kind IN ('activity', 'reversal') THEN value_units ELSE 0 END) AS value_units
        FROM ledger_entries WHERE org_id = $1 AND kind NOT IN ('redemption', 'redemption_refund')
        GROUP BY 1, 2, 3) l
  FULL JOIN (SELECT user_id, day, type_id, points, units, value_units FROM rep_days WHERE org_id = $1) s
    ON s.user_id = l.user_id AND s.day = l.day AND s.type_id = l.type_id
) k WHERE k.points <> 0 OR k.units <> 0 OR k.value_units <> 0
ORDER BY 2, 3, 4
ON CONFLICT (org_id, user_id, day, type_id) DO UPDATE SET points = d.points + excluded.points,
  units = d.units + excluded.units, value_units = d.value_units + excluded.value_units
RETURNING 1
"""


async def rebuild_days(conn: AsyncConnection, org_id: int, tz: ZoneInfo) -> int:
    """Make the org's rollups the sums of its ledger; returns how many rows were corrected.

    PostgreSQL: one statement reads the ledger's sums and the stored rows in one snapshot and
    *adds* the difference, so activities committing meanwhile are counted exactly once (their own
    upsert adds to whatever the rebuild wrote; what the snapshot saw of them cancels out).
    SQLite has one writer at a time: the rows are replaced inside the transaction."""
    if conn.dialect.name == "postgresql":
        fixed = len(await pg.run(conn, _PG_REBUILD, (org_id, tz.key)))
        await conn.execute(delete(D).where(D.c.org_id == org_id, D.c.points == 0, D.c.units == 0,
                                           D.c.value_units == 0))
        return fixed
    before = {r[:3]: r[3:] for r in await day_rows(conn, org_id)}
    await conn.execute(delete(D).where(D.c.org_id == org_id))
    sums: dict[tuple[int, date, int], list[int]] = defaultdict(lambda: [0, 0, 0])
    q = (select(L.c.user_id, L.c.kind, L.c.type_id, L.c.points, L.c.units, L.c.value_units, L.c.occurred_at)
         .where(L.c.org_id == org_id, L.c.kind.not_in(WALLET_KINDS)))
    for r in (await conn.execute(q)).all():
        own = r.kind in ACTIVITY_KINDS
        acc = sums[(r.user_id, local_date(r.occurred_at, tz), (r.type_id or NO_TYPE) if own else NO_TYPE)]
        acc[0] += r.points
        if own:
            acc[1] += r.units
            acc[2] += r.value_units
    rows = [{"org_id": org_id, "user_id": u, "day": d, "type_id": t, "points": p, "units": n, "value_units": v}
            for (u, d, t), (p, n, v) in sums.items() if p or n or v]
    for i in range(0, len(rows), 5000):
        await conn.execute(D.insert(), rows[i:i + 5000])
    after = {r[:3]: r[3:] for r in await day_rows(conn, org_id)}
    zero = (0, 0, 0)
    return sum(1 for k in before.keys() | after.keys() if before.get(k, zero) != after.get(k, zero))


# -- rollups: reads -------------------------------------------------------------------------------------

def _scope(q: Any, table: Any, org_id: int, user_ids: Sequence[int] | None, first: date, end: date) -> Any:
    q = q.where(table.c.org_id == org_id, table.c.day >= first, table.c.day < end)
    return q if user_ids is None else q.where(table.c.user_id.in_(list(user_ids)))


async def totals(conn: AsyncConnection, org_id: int, user_ids: Sequence[int] | None, first: date,
                 end: date) -> list[Row[Any]]:
    """(user_id, type_id, points, units, value_units) summed over the days `[first, end)`."""
    q = select(D.c.user_id, D.c.type_id, func.sum(D.c.points).label("points"), func.sum(D.c.units).label("units"),
               func.sum(D.c.value_units).label("value_units"))
    q = _scope(q, D, org_id, user_ids, first, end).group_by(D.c.user_id, D.c.type_id)
    return list((await conn.execute(q)).all())


async def daily_units(conn: AsyncConnection, org_id: int, user_ids: Sequence[int] | None, first: date,
                      end: date) -> list[Row[Any]]:
    """(user_id, day, units): each rep's activity (capped units of every type) per day with any."""
    q = select(D.c.user_id, D.c.day, func.sum(D.c.units).label("units")).where(D.c.type_id != NO_TYPE)
    q = _scope(q, D, org_id, user_ids, first, end).group_by(D.c.user_id, D.c.day)
    return list((await conn.execute(q)).all())


async def window_sums(conn: AsyncConnection, org_id: int, user_ids: Sequence[int] | None,
                      windows: dict[str, tuple[date, date]]) -> dict[int, dict[str, int]]:
    """Each rep's activity summed over each named window of days `[first, end)`: one row per rep."""
    cols = [func.coalesce(func.sum(D.c.units).filter(and_(D.c.day >= a, D.c.day < b)), 0).label(name)
            for name, (a, b) in windows.items()]
    first, end = min(a for a, _ in windows.values()), max(b for _, b in windows.values())
    q = _scope(select(D.c.user_id, *cols).where(D.c.type_id != NO_TYPE), D, org_id, user_ids, first, end)
    rows = (await conn.execute(q.group_by(D.c.user_id))).all()
    return {r.user_id: {name: int(getattr(r, name)) for name in windows} for r in rows}


async def active_by_day(conn: AsyncConnection, org_id: int, user_ids: Sequence[int] | None, first: date,
                        end: date) -> dict[date, int]:
    """How many of the reps were active (any units) on each day of `[first, end)` that had any."""
    per_rep = _scope(select(D.c.user_id, D.c.day).where(D.c.type_id != NO_TYPE), D, org_id, user_ids, first, end)
    inner = per_rep.group_by(D.c.user_id, D.c.day).having(func.sum(D.c.units) > 0).subquery()
    rows = (await conn.execute(select(inner.c.day, func.count()).group_by(inner.c.day))).all()
    return {day: int(n) for day, n in rows}


def _week_index(conn: AsyncConnection, first: date) -> Any:
    """Whole weeks from `first` to the row's day, in SQLite (integer division)."""
    return cast((func.julianday(D.c.day) - func.julianday(first.isoformat())) / 7, Integer)


_PG_WEEKLY = """
SELECT user_id, type_id, (day - $2::date) / 7 AS week, sum(units)::bigint AS units,
       sum(value_units)::bigint AS value_units
FROM rep_days WHERE org_id = $1 AND user_id = ANY($3::bigint[]) AND day >= $2::date AND day < $4::date
  AND type_id <> 0
GROUP BY 1, 2, 3
"""


async def weekly(conn: AsyncConnection, org_id: int, user_ids: Sequence[int], first: date,
                 end: date) -> list[tuple[int, int, int, int, int]]:
    """(user_id, type_id, week, units, value_units) per whole week from `first` (week 0) to `end`.
    Thousands of rows for a team's 17 weeks: PostgreSQL's go through the driver (SQLAlchemy's row
    handling was two thirds of this read's time)."""
    if conn.dialect.name == "postgresql":
        return [tuple(r) for r in await pg.run(conn, _PG_WEEKLY, (org_id, first, list(user_ids), end))]
    week = _week_index(conn, first).label("week")
    q = select(D.c.user_id, D.c.type_id, week, func.sum(D.c.units).label("units"),
               func.sum(D.c.value_units).label("value_units")).where(D.c.type_id != NO_TYPE)
    q = _scope(q, D, org_id, user_ids, first, end).group_by(D.c.user_id, D.c.type_id, week)
    return [(r.user_id, r.type_id, int(r.week), int(r.units), int(r.value_units))
            for r in (await conn.execute(q)).all()]


_PG_WEEKLY_UNITS = """
SELECT user_id, (day - $2::date) / 7 AS week, sum(units)::bigint AS units
FROM rep_days WHERE org_id = $1 AND user_id = ANY($3::bigint[]) AND day >= $2::date AND day < $4::date
  AND type_id <> 0
GROUP BY 1, 2
"""


async def weekly_units(conn: AsyncConnection, org_id: int, user_ids: Sequence[int], first: date,
                       end: date) -> list[tuple[int, int, int]]:
    """(user_id, week, units): each rep's activity per whole week from `first` (week 0) to `end`."""
    if conn.dialect.name == "postgresql":
        return [tuple(r) for r in await pg.run(conn, _PG_WEEKLY_UNITS, (org_id, first, list(user_ids), end))]
    week = _week_index(conn, first).label("week")
    q = select(D.c.user_id, week, func.sum(D.c.units).label("units")).where(D.c.type_id != NO_TYPE)
    q = _scope(q, D, org_id, user_ids, first, end).group_by(D.c.user_id, week)
    return [(r.user_id, int(r.week), int(r.units)) for r in (await conn.execute(q)).all()]


async def winners(conn: AsyncConnection, org_id: int, user_ids: Sequence[int] | None, first: date,
                  end: date) -> dict[int, int]:
    """Reps with at least one win on the days `[first, end)`, and how many."""
    q = select(W.c.user_id, func.count()).group_by(W.c.user_id)
    return {uid: n for uid, n in (await conn.execute(_scope(q, W, org_id, user_ids, first, end))).all()}


def metric_amount(kind: str, type_id: int | None) -> Any:
    """The SQL sum of one metric over `rep_days` rows (for grouped reads of several periods)."""
    if kind == "points":
        return func.sum(D.c.points)
    column = D.c.units if kind == "count" else D.c.value_units
    return func.sum(case((D.c.type_id == type_id, column), else_=0))


async def metric_by_period(conn: AsyncConnection, org_id: int, user_ids: Sequence[int] | None,
                           bounds: Sequence[tuple[date, date]], kind: str, type_id: int | None) -> list[Row[Any]]:
    """(user_id, period index, amount, active): one metric per rep and period `bounds[i]`, and
    whether the rep had any activity (units) in it."""
    idx = case(*((and_(D.c.day >= a, D.c.day < b), i) for i, (a, b) in enumerate(bounds)), else_=-1).label("i")
    active = func.sum(case((D.c.type_id != NO_TYPE, D.c.units), else_=0)).label("active")
    q = select(D.c.user_id, idx, metric_amount(kind, type_id).label("amount"), active)
    first, end = min(a for a, _ in bounds), max(b for _, b in bounds)
    q = _scope(q, D, org_id, user_ids, first, end).group_by(D.c.user_id, idx)
    return list((await conn.execute(q)).all())


async def day_rows(conn: AsyncConnection, org_id: int) -> list[tuple[int, date, int, int, int, int]]:
    """Every rollup row of an org, in key order (tests and the rebuild check compare them)."""
    q = (select(D.c.user_id, D.c.day, D.c.type_id, D.c.points, D.c.units, D.c.value_units)
         .where(D.c.org_id == org_id).order_by(D.c.user_id, D.c.day, D.c.type_id))
    return [(r.user_id, r.day, r.type_id, r.points, r.units, r.value_units) for r in (await conn.execute(q)).all()]
