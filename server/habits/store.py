"""Storage of the habit loop: settings, per-day counters, streak snapshots, missions, badges.

Core statements on the caller's connection (the hooks run inside the activity transaction).
Upserts with `ON CONFLICT` and conditional updates carry the concurrency guarantees.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple, Protocol, TypedDict

from sqlalchemy import ColumnDefault, Executable, Row, Table, and_, case, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from server.accounts.models import User
from server.board.rules import WALLET_KINDS
from server.core.db import table_of
from server.core.sql import pg
from server.habits.models import (
    BadgeAward,
    BadgeDef,
    HabitDay,
    HabitSettings,
    Mission,
    MissionCalibration,
    MissionDay,
    MissionTemplate,
    RankClose,
    StreakState,
)
from server.ledger.models import LedgerEntry
from server.ledger.store import _insert, _params

S, D, K = table_of(HabitSettings), table_of(HabitDay), table_of(StreakState)
T, MD, M = table_of(MissionTemplate), table_of(MissionDay), table_of(Mission)
B, BA, L, UT = table_of(BadgeDef), table_of(BadgeAward), table_of(LedgerEntry), table_of(User)
RC = table_of(RankClose)
CAL = table_of(MissionCalibration)

#: Rows of chosen columns (SQLAlchemy 2.1 types a row by its columns: `Row[Any]` is a one-column row).
ColumnRows = Sequence[Row[*tuple[Any, ...]]]


class StreakSnapshot(TypedDict):
    """What `save_streak` stores of a recomputed streak."""
    current: int
    best: int
    freezes: int
    last_day: date | None
    run_start: date | None
    updated_at: datetime


class NewAward(TypedDict):
    """A `badge_awards` row `award` inserts."""
    org_id: int
    badge_id: int
    user_id: int
    period_key: str
    points: int
    message: str | None
    awarded_by_user_id: int | None
    awarded_at: datetime


class MissionRow(Protocol):
    """What the habit loop reads of a mission row: a `missions` row, the columns `bump_missions`
    returns or a `MissionProgress` (the PostgreSQL step's)."""
    @property
    def id(self) -> int: ...
    @property
    def label(self) -> str: ...
    @property
    def target(self) -> int: ...
    @property
    def progress(self) -> int: ...
    @property
    def bonus_points(self) -> int: ...
    @property
    def completed_at(self) -> datetime | None: ...
    @property
    def slot(self) -> int: ...


# -- settings and definitions -------------------------------------------------------------------
async def settings(conn: AsyncConnection, org_id: int) -> Row[Any] | None:
    return (await conn.execute(select(S).where(S.c.org_id == org_id))).one_or_none()


async def create_settings(conn: AsyncConnection, org_id: int, now: datetime) -> bool:
    """Insert the org's default settings; False if they existed (someone else seeded)."""
    stmt = _insert(conn, S).on_conflict_do_nothing(index_elements=["org_id"]).returning(S.c.org_id)
    row = {c.name: c.default.arg for c in S.c if isinstance(c.default, ColumnDefault) and not callable(c.default.arg)}
    row.update(org_id=org_id, workdays=[0, 1, 2, 3, 4], qualifying_types=[], holidays=[], updated_at=now)
    return (await conn.execute(stmt, row)).first() is not None


async def update_settings(conn: AsyncConnection, org_id: int, values: dict[str, Any], *,
                          new_version: bool = False) -> None:
    if new_version:
        values = {**values, "version": S.c.version + 1}
    await conn.execute(update(S).where(S.c.org_id == org_id).values(**values))


async def update_badge(conn: AsyncConnection, badge_id: int, values: dict[str, Any], *, new_version: bool) -> None:
    if new_version:
        values = {**values, "version": B.c.version + 1}
    await conn.execute(update(B).where(B.c.id == badge_id).values(**values))


async def insert_ignore(conn: AsyncConnection, table: Table, rows: list[dict[str, Any]], keys: list[str]) -> None:
    if rows:
        await conn.execute(_insert(conn, table).on_conflict_do_nothing(index_elements=keys), rows)


async def templates(conn: AsyncConnection, org_id: int, active_only: bool = True) -> Sequence[Row[Any]]:
    q = select(T).where(T.c.org_id == org_id).order_by(T.c.id)
    if active_only:
        q = q.where(T.c.active.is_(True))
    return (await conn.execute(q)).all()


async def badges(conn: AsyncConnection, org_id: int, active_only: bool = True) -> Sequence[Row[Any]]:
    q = select(B).where(B.c.org_id == org_id).order_by(B.c.id)
    if active_only:
        q = q.where(B.c.active.is_(True))
    return (await conn.execute(q)).all()


async def users(conn: AsyncConnection, org_id: int) -> ColumnRows:
    q = select(UT.c.id, UT.c.timezone, UT.c.team_id, UT.c.role, UT.c.active, UT.c.display_name,
               UT.c.created_at).where(UT.c.org_id == org_id)
    return (await conn.execute(q)).all()


# -- streaks ------------------------------------------------------------------------------------
async def add_days(conn: AsyncConnection, org_id: int, deltas: dict[tuple[int, date], int]
                   ) -> dict[tuple[int, date], int]:
    """Add qualifying units per (user, day) in key order; returns each counter's new value."""
    rows = [{"org_id": org_id, "user_id": u, "day": d, "units": n} for (u, d), n in sorted(deltas.items())]
    ins = _insert(conn, D)
    stmt = ins.on_conflict_do_update(index_elements=["org_id", "user_id", "day"],
                                     set_={"units": D.c.units + ins.excluded.units}
                                     ).returning(D.c.user_id, D.c.day, D.c.units)
    out: dict[tuple[int, date], int] = {}
    for row in rows:  # one by one: RETURNING order of a multi-row upsert is not guaranteed
        u, d, n = (await conn.execute(stmt, row)).one()
        out[(u, d)] = n
    return out


async def qualified_days(conn: AsyncConnection, org_id: int, user_ids: list[int], min_units: int,
                         since: date) -> dict[int, list[date]]:
    q = select(D.c.user_id, D.c.day).where(D.c.org_id == org_id, D.c.user_id.in_(user_ids),
                                           D.c.units >= min_units, D.c.day >= since)
    out: dict[int, list[date]] = {u: [] for u in user_ids}
    for u, d in (await conn.execute(q)).all():
        out[u].append(d)
    return out


_built: dict[tuple[str, str], Executable] = {}


def _upsert(conn: AsyncConnection, table: Table,
            build: Callable[[postgresql.Insert | sqlite.Insert], Executable]) -> Executable:
    """`build(insert(table))` for the connection's dialect, built once (building costs ~0.1 ms)."""
    key = (table.name, conn.dialect.name)
    stmt = _built.get(key)
    if stmt is None:
        stmt = _built[key] = build(_insert(conn, table))
    return stmt


async def lock_streak(conn: AsyncConnection, org_id: int, user_id: int, now: datetime) -> Row[Any]:
    """The rep's streak row, created if missing and row-locked until the transaction ends (one statement:
    the upsert returns the row)."""
    stmt = _upsert(conn, K, lambda ins: ins.on_conflict_do_update(
        index_elements=["org_id", "user_id"], set_={"updated_at": ins.excluded.updated_at}).returning(*K.c))
    return (await conn.execute(stmt, {"org_id": org_id, "user_id": user_id, "current": 0, "best": 0, "freezes": 0,
                                      "updated_at": now})).one()


async def save_streak(conn: AsyncConnection, org_id: int, user_id: int, values: StreakSnapshot) -> None:
    await conn.execute(update(K).where(K.c.org_id == org_id, K.c.user_id == user_id).values(**values))


async def streak_rows(conn: AsyncConnection, org_id: int, user_ids: list[int] | None = None
                      ) -> dict[int, Row[Any]]:
    q = select(K).where(K.c.org_id == org_id)
    if user_ids is not None:
        q = q.where(K.c.user_id.in_(user_ids))
    return {r.user_id: r for r in (await conn.execute(q)).all()}


async def claim_at_risk(conn: AsyncConnection, org_id: int, user_id: int, day: date) -> bool:
    res = await conn.execute(update(K).where(
        K.c.org_id == org_id, K.c.user_id == user_id,
        (K.c.at_risk_day.is_(None)) | (K.c.at_risk_day != day)).values(at_risk_day=day))
    return res.rowcount == 1


# -- missions -----------------------------------------------------------------------------------
async def claim_mission_day(conn: AsyncConnection, org_id: int, user_id: int, day: date, now: datetime,
                            all_done_bonus: int) -> bool:
    """Claim the rep's day: only the transaction that inserts the row creates the missions."""
    stmt = _insert(conn, MD).on_conflict_do_nothing(index_elements=["org_id", "user_id", "day"]).returning(MD.c.day)
    row = {"org_id": org_id, "user_id": user_id, "day": day, "total": 0, "remaining": 0,
           "all_done_bonus": all_done_bonus, "created_at": now}
    return (await conn.execute(stmt, row)).first() is not None


async def has_mission_day(conn: AsyncConnection, org_id: int, user_id: int, day: date) -> bool:
    q = select(MD.c.day).where(MD.c.org_id == org_id, MD.c.user_id == user_id, MD.c.day == day)
    return (await conn.execute(q)).first() is not None


async def insert_missions(conn: AsyncConnection, org_id: int, user_id: int, day: date,
                          rows: list[dict[str, Any]]) -> None:
    if rows:
        await conn.execute(_insert(conn, M), _params(rows))
    await conn.execute(update(MD).where(MD.c.org_id == org_id, MD.c.user_id == user_id, MD.c.day == day)
                       .values(total=len(rows), remaining=len(rows)))


async def missions(conn: AsyncConnection, org_id: int, user_id: int, day: date) -> Sequence[Row[Any]]:
    q = select(M).where(M.c.org_id == org_id, M.c.user_id == user_id, M.c.day == day).order_by(M.c.slot)
    return (await conn.execute(q)).all()


async def mission_day(conn: AsyncConnection, org_id: int, user_id: int, day: date) -> Row[Any] | None:
    q = select(MD).where(MD.c.org_id == org_id, MD.c.user_id == user_id, MD.c.day == day)
    return (await conn.execute(q)).one_or_none()


async def bump_missions(conn: AsyncConnection, org_id: int, user_id: int, day: date, type_key: str, count: int,
                        value: int) -> Sequence[Row[Any]]:
    """Add an activity's amount to the rep's missions of that day and type; returns the rows after."""
    res = await conn.execute(
        update(M).where(M.c.org_id == org_id, M.c.user_id == user_id, M.c.day == day, M.c.type_key == type_key)
        .values(progress=M.c.progress + case((M.c.metric == "count", count), else_=value))
        .returning(M.c.id, M.c.label, M.c.target, M.c.progress, M.c.bonus_points, M.c.completed_at, M.c.slot))
    return res.all()


async def set_completed(conn: AsyncConnection, mission_id: int, at: datetime | None) -> bool:
    """Mark done (at) or undone (None) only if it is not already so: exactly one caller wins."""
    cond = M.c.completed_at.is_(None) if at is not None else M.c.completed_at.is_not(None)
    res = await conn.execute(update(M).where(M.c.id == mission_id, cond).values(completed_at=at))
    return res.rowcount == 1


async def count_down(conn: AsyncConnection, org_id: int, user_id: int, day: date, delta: int,
                     now: datetime) -> tuple[bool, bool, int]:
    """Move `remaining` by `delta` (-1: a mission done, +1: one undone) and set or clear `all_done_at`
    with it, in one statement; returns (all done now, all-done revoked, the all-done bonus). The row
    lock serialises the moves, so exactly one transaction sees `remaining` reach 0 (or leave it)."""
    where = and_(MD.c.org_id == org_id, MD.c.user_id == user_id, MD.c.day == day)
    left = MD.c.remaining + delta
    remaining, bonus = (await conn.execute(
        update(MD).where(where).values(remaining=left, all_done_at=case((left == 0, now), else_=None))
        .returning(MD.c.remaining, MD.c.all_done_bonus))).one()
    return delta < 0 and remaining == 0, delta > 0 and remaining == delta, bonus


async def completed_count(conn: AsyncConnection, org_id: int, user_id: int, since: date | None,
                          until: date | None) -> int:
    q = select(func.count()).select_from(M).where(M.c.org_id == org_id, M.c.user_id == user_id,
                                                  M.c.completed_at.is_not(None))
    if since is not None:
        q = q.where(M.c.day >= since, M.c.day < until)
    return int(await conn.scalar(q) or 0)


async def mission_rates(conn: AsyncConnection, org_id: int, user_ids: list[int], since: date
                        ) -> dict[int, tuple[int, int]]:
    """Per rep since a day: (missions, completed)."""
    q = (select(M.c.user_id, func.count(), func.count(M.c.completed_at))
         .where(M.c.org_id == org_id, M.c.user_id.in_(user_ids), M.c.day >= since).group_by(M.c.user_id))
    return {u: (n, done) for u, n, done in (await conn.execute(q)).all()}


async def type_history(conn: AsyncConnection, org_id: int, user_ids: list[int], type_ids: list[int],
                       since: datetime, exclude_activity_ids: list[int] | None = None) -> ColumnRows:
    """Activity and reversal entries of those reps and types since an instant (for baselines)."""
    q = (select(L.c.user_id, L.c.type_id, L.c.units, L.c.value_units, L.c.occurred_at)
         .where(L.c.org_id == org_id, L.c.user_id.in_(user_ids), L.c.type_id.in_(type_ids),
                L.c.kind.in_(("activity", "reversal")), L.c.occurred_at >= since))
    if exclude_activity_ids:
        q = q.where(L.c.activity_id.notin_(exclude_activity_ids))
    return (await conn.execute(q)).all()


# -- badges -------------------------------------------------------------------------------------
async def award(conn: AsyncConnection, row: NewAward) -> int | None:
    """Insert an award once per (badge, rep, period); None when it was already awarded."""
    stmt = _upsert(conn, BA, lambda ins: ins.on_conflict_do_nothing(
        index_elements=["org_id", "badge_id", "user_id", "period_key"]).returning(BA.c.id))
    found = (await conn.execute(stmt, row)).first()
    return None if found is None else found[0]


# -- rank badges, at the close of their periods -------------------------------------------------------
async def decided_periods(conn: AsyncConnection, org_id: int, badge_id: int, period_ids: list[str]) -> set[str]:
    """Which of these periods the rank badge was already decided for."""
    q = select(RC.c.period_id).where(RC.c.org_id == org_id, RC.c.badge_id == badge_id,
                                     RC.c.period_id.in_(period_ids))
    return set((await conn.execute(q)).scalars().all())


async def claim_rank_close(conn: AsyncConnection, org_id: int, badge_id: int, period_id: str,
                           now: datetime) -> bool:
    """Claim deciding the rank badge for the period; False when another transaction did (or does)."""
    stmt = _upsert(conn, RC, lambda ins: ins.on_conflict_do_nothing(
        index_elements=["org_id", "badge_id", "period_id"]).returning(RC.c.period_id))
    row = {"org_id": org_id, "badge_id": badge_id, "period_id": period_id, "decided_at": now}
    return (await conn.execute(stmt, row)).first() is not None


async def period_points(conn: AsyncConnection, org_id: int, since: datetime, until: datetime) -> dict[int, int]:
    """Each rep's points of the entries that occurred in [since, until): the period's points board
    as the ledger has it (every kind but the wallet's, as `board.rules` moves the boards)."""
    q = (select(L.c.user_id, func.sum(L.c.points))
         .where(L.c.org_id == org_id, L.c.occurred_at >= since, L.c.occurred_at < until,
                L.c.kind.notin_(WALLET_KINDS))
         .group_by(L.c.user_id))
    return {uid: int(total) for uid, total in (await conn.execute(q)).all()}


async def user_awards(conn: AsyncConnection, org_id: int, user_id: int) -> Sequence[Row[Any]]:
    q = (select(BA, B.c.key, B.c.name, B.c.tier, B.c.rule, B.c.description)
         .join(B, B.c.id == BA.c.badge_id).where(BA.c.org_id == org_id, BA.c.user_id == user_id)
         .order_by(BA.c.id.desc()))
    return (await conn.execute(q)).all()


async def window_sum(conn: AsyncConnection, org_id: int, user_id: int, type_id: int, start: datetime,
                     end: datetime | None) -> tuple[int, int]:
    """A rep's (units, value) of one type in [start, end), reversals included."""
    q = select(func.coalesce(func.sum(L.c.units), 0), func.coalesce(func.sum(L.c.value_units), 0)).where(
        L.c.org_id == org_id, L.c.user_id == user_id, L.c.type_id == type_id,
        L.c.kind.in_(("activity", "reversal")), L.c.occurred_at >= start)
    if end is not None:
        q = q.where(L.c.occurred_at < end)
    units, value = (await conn.execute(q)).one()
    return int(units), int(value)


async def bonus_entries(conn: AsyncConnection, org_id: int, activity_id: int, kinds: tuple[str, ...]
                        ) -> ColumnRows:
    q = select(L.c.kind, L.c.points, L.c.user_id, L.c.cause_version).where(
        L.c.org_id == org_id, L.c.activity_id == activity_id, L.c.kind.in_(kinds))
    return (await conn.execute(q)).all()


# -- the one-activity step (the hot path) --------------------------------------------------------
# On PostgreSQL its statements go through the driver directly (`storage.pg`): they run once per activity.
class MissionProgress(NamedTuple):
    """A mission row after an activity moved it (the columns `bump_missions` returns)."""
    id: int
    label: str
    target: int
    progress: int
    bonus_points: int
    completed_at: datetime | None
    slot: int


@dataclass(slots=True)
class Step:
    units: int | None = None  # the day counter after the upsert (None: not asked)
    current: int = 0  # streak snapshot (0 / None when the rep has no row or it was not asked)
    last_day: date | None = None
    missions: list[MissionRow] = field(default_factory=list)  # mission rows after the bump
    sums: list[int] = field(default_factory=list)  # one per asked window, in order


#: Windows asked by `step`: (ledger column "units" | "value_units", start, end or None).
Window = tuple[str, datetime, datetime | None]
#: A window of one rep and type, as `step_many` sums it: (rep, type id, *window).
RepWindow = tuple[int, int, str, datetime, datetime | None]
#: Days [since, until) a completed-missions count covers ((None, None): all time).
DayWindow = tuple[date | None, date | None]

_step_sql: dict[tuple[bool, bool, bool, tuple[tuple[str, bool], ...]], pg.Statement] = {}


def _pg_step(hd: bool, snap: bool, mission: bool, windows: tuple[tuple[str, bool], ...]) -> pg.Statement:
    """The PostgreSQL statement of one `step` shape (built once per shape): data-modifying CTEs
    for the day counter and the mission progress, scalar subqueries for the window sums."""
    shape = (hd, snap, mission, windows)
    stmt = _step_sql.get(shape)
    if stmt is not None:
        return stmt
    ctes: list[str] = []
    cols: list[str] = []
    if hd:
        ctes.append("d AS (INSERT INTO habit_days AS h (org_id, user_id, day, units) "
                    "VALUES (CAST(:org AS bigint), CAST(:uid AS bigint), CAST(:day AS date), CAST(:n AS integer)) "
                    "ON CONFLICT (org_id, user_id, day) DO UPDATE SET units = h.units + EXCLUDED.units "
                    "RETURNING h.units)")
        cols.append("(SELECT units FROM d) AS h_units")
    if mission:
        ctes.append("m AS (UPDATE missions SET progress = progress + CASE WHEN metric = 'count' "
                    "THEN CAST(:q AS integer) ELSE CAST(:v AS integer) END "
                    "WHERE org_id = CAST(:org AS bigint) AND user_id = CAST(:uid AS bigint) "
                    "AND day = CAST(:mday AS date) AND type_key = CAST(:tkey AS varchar) "
                    "RETURNING id, label, target, progress, bonus_points, completed_at, slot)")
    if snap:
        cols += ["s.current AS s_current", "s.last_day AS s_last_day"]
    for i, (col, has_end) in enumerate(windows):
        cols.append(f"(SELECT coalesce(sum({col}), 0) FROM ledger_entries WHERE org_id = CAST(:org AS bigint) "
                    "AND user_id = CAST(:uid AS bigint) AND type_id = CAST(:tid AS bigint) "
                    f"AND kind IN ('activity', 'reversal') AND occurred_at >= CAST(:ws{i} AS timestamptz)"
                    + (f" AND occurred_at < CAST(:we{i} AS timestamptz)" if has_end else "") + f") AS w{i}")
    head = f"SELECT {', '.join(cols) or '1 AS one'} FROM (SELECT 1) AS one"
    if snap:
        head += " LEFT JOIN streaks AS s ON s.org_id = CAST(:org AS bigint) AND s.user_id = CAST(:uid AS bigint)"
    sql = (f"SELECT hd.*, m.* FROM ({head}) AS hd LEFT JOIN m ON true ORDER BY m.slot" if mission
           else f"SELECT hd.* FROM ({head}) AS hd")
    if ctes:
        sql = "WITH " + ", ".join(ctes) + " " + sql
    stmt = _step_sql[shape] = pg.statement(sql)
    return stmt


async def step(conn: AsyncConnection, org_id: int, user_id: int, *, day: date, units: int = 0,
               snapshot: bool = False, mission: tuple[date, str, int, int] | None = None, type_id: int = 0,
               windows: Sequence[Window] = ()) -> Step:
    """What one activity changes and needs, in one round trip on PostgreSQL: add `units` to the
    rep's day counter (if > 0), read their streak snapshot (`snapshot`), add the activity's amount
    to their missions of `mission` = (day, type key, count, value) and sum their `type_id` ledger
    units or value over each of `windows`. Locks taken: the day counter, then the missions (the
    order every habit path follows). Other dialects run the same as separate statements."""
    out = Step()
    if conn.dialect.name == "postgresql":
        shape = tuple((col, end is not None) for col, _, end in windows)
        params = {"org": org_id, "uid": user_id, "day": day, "n": units, "tid": type_id}
        if mission is not None:
            params.update(mday=mission[0], tkey=mission[1], q=mission[2], v=mission[3])
        for i, (_, start, end) in enumerate(windows):
            params[f"ws{i}"] = start
            if end is not None:
                params[f"we{i}"] = end
        rows = await pg.fetch(conn, _pg_step(units > 0, snapshot, mission is not None, shape), params)
        head = rows[0]
        if units > 0:
            out.units = head["h_units"]
        if snapshot:
            out.current, out.last_day = head["s_current"] or 0, head["s_last_day"]
        out.sums = [int(head[f"w{i}"]) for i in range(len(windows))]
        if mission is not None:
            out.missions = [MissionProgress(*(r[f] for f in MissionProgress._fields)) for r in rows
                            if r["id"] is not None]
        return out
    if units > 0:
        out.units = (await add_days(conn, org_id, {(user_id, day): units}))[(user_id, day)]
    if mission is not None:
        out.missions = list(await bump_missions(conn, org_id, user_id, *mission))
    if snapshot:
        row = (await streak_rows(conn, org_id, [user_id])).get(user_id)
        if row is not None:
            out.current, out.last_day = row.current, row.last_day
    for col, start, end in windows:
        units_sum, value_sum = await window_sum(conn, org_id, user_id, type_id, start, end)
        out.sums.append(units_sum if col == "units" else value_sum)
    return out


# -- several activities in one statement (a batch, or a group of single posts) --------------------
@dataclass(slots=True)
class StepItem:
    """One activity's part in `step_many` (the same parts as `step`'s arguments)."""
    user_id: int
    day: date
    units: int = 0  # qualifying units for the day counter
    mission: tuple[date, str, int, int] | None = None  # (day, type key, count, value) to add to missions


@dataclass(slots=True)
class StepMany:
    """What `step_many` returns, as it stands after *all* its items (callers replay the items in order)."""
    units: dict[tuple[int, date], int] = field(default_factory=dict)  # (rep, day) -> day counter
    missions: dict[tuple[int, date, str], list[tuple[MissionProgress, str]]] = field(default_factory=dict)
    streaks: dict[int, tuple[int, date | None]] = field(default_factory=dict)  # rep -> (current, last day)
    sums: list[int] = field(default_factory=list)  # one per asked window, in order


_STEP_MANY = pg.statement(
    "WITH a AS (SELECT * FROM unnest(CAST(:uids AS bigint[]), CAST(:days AS date[]), CAST(:ns AS integer[]), "
    "CAST(:mdays AS date[]), CAST(:tkeys AS varchar[]), CAST(:qs AS integer[]), CAST(:vs AS integer[])) "
    "AS a(uid, day, n, mday, tkey, q, v)), "
    "d AS (INSERT INTO habit_days AS h (org_id, user_id, day, units) "
    "SELECT CAST(:org AS bigint), uid, day, sum(n) FROM a WHERE n > 0 GROUP BY uid, day ORDER BY uid, day "
    "ON CONFLICT (org_id, user_id, day) DO UPDATE SET units = h.units + EXCLUDED.units "
    "RETURNING h.user_id, h.day, h.units), "
    "s AS (SELECT uid, mday, tkey, sum(q) AS q, sum(v) AS v FROM a WHERE mday IS NOT NULL "
    "GROUP BY uid, mday, tkey ORDER BY uid, mday, tkey), "
    # each (rep, day, type)'s mission rows, looked up by the unique index and locked in that order
    "lk AS (SELECT x.id, s.q, s.v FROM s CROSS JOIN LATERAL (SELECT id FROM missions "
    "WHERE org_id = CAST(:org AS bigint) AND user_id = s.uid AND day = s.mday AND type_key = s.tkey "
    "ORDER BY slot FOR UPDATE) AS x), "
    "m AS (UPDATE missions AS ms SET progress = ms.progress + CASE WHEN ms.metric = 'count' THEN lk.q ELSE lk.v END "
    "FROM lk WHERE ms.id = lk.id "
    "RETURNING ms.id, ms.user_id, ms.day, ms.type_key, ms.metric, ms.label, ms.target, ms.progress, "
    "ms.bonus_points, ms.completed_at, ms.slot), "
    "w AS (SELECT r.i, CAST((SELECT coalesce(sum(CASE WHEN r.col = 'units' THEN l.units ELSE l.value_units END), 0) "
    "FROM ledger_entries AS l WHERE l.org_id = CAST(:org AS bigint) AND l.user_id = r.uid AND l.type_id = r.tid "
    "AND l.kind IN ('activity', 'reversal') AND l.occurred_at >= r.ws AND (r.we IS NULL OR l.occurred_at < r.we)) "
    "AS bigint) AS total FROM unnest(CAST(:wuids AS bigint[]), CAST(:wtids AS bigint[]), CAST(:wcols AS varchar[]), "
    "CAST(:wss AS timestamptz[]), CAST(:wes AS timestamptz[])) WITH ORDINALITY AS r(uid, tid, col, ws, we, i)) "
    # Lock order: the day counters (sorted), then the missions (sorted); the streaks are only read.
    "SELECT 'd' AS k, user_id, day, CAST(units AS bigint) AS n, CAST(NULL AS bigint) AS id, "
    "CAST(NULL AS varchar) AS type_key, CAST(NULL AS varchar) AS metric, CAST(NULL AS varchar) AS label, "
    "CAST(NULL AS integer) AS target, CAST(NULL AS integer) AS progress, CAST(NULL AS integer) AS bonus_points, "
    "CAST(NULL AS timestamptz) AS completed_at, CAST(NULL AS integer) AS slot, CAST(NULL AS date) AS last_day "
    "FROM d "
    "UNION ALL SELECT 'm', user_id, day, NULL, id, type_key, metric, label, target, progress, bonus_points, "
    "completed_at, slot, NULL FROM m "
    "UNION ALL SELECT 's', su.uid, NULL, st.current, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
    "st.last_day FROM unnest(CAST(:suids AS bigint[])) AS su(uid) CROSS JOIN LATERAL (SELECT current, last_day "
    "FROM streaks WHERE org_id = CAST(:org AS bigint) AND user_id = su.uid OFFSET 0) AS st "
    "UNION ALL SELECT 'w', NULL, NULL, total, i, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM w")


async def step_many(conn: AsyncConnection, org_id: int, items: Sequence[StepItem], snapshot_users: Sequence[int],
                    windows: Sequence[RepWindow]) -> StepMany:
    """`step` for several activities in one round trip (PostgreSQL only): every item's units go to
    its day counter and its amount to its missions, the streak snapshots of `snapshot_users` are
    read and each window (rep, type id, ledger column, start, end) summed. Everything comes back
    as it stands after all items; the day counters are locked in (rep, day) order, then the missions."""
    rows = await pg.fetch(conn, _STEP_MANY, {
        "org": org_id, "uids": [it.user_id for it in items], "days": [it.day for it in items],
        "ns": [it.units for it in items], "mdays": [it.mission[0] if it.mission else None for it in items],
        "tkeys": [it.mission[1] if it.mission else None for it in items],
        "qs": [it.mission[2] if it.mission else None for it in items],
        "vs": [it.mission[3] if it.mission else None for it in items],
        "suids": list(snapshot_users), "wuids": [w[0] for w in windows], "wtids": [w[1] for w in windows],
        "wcols": [w[2] for w in windows], "wss": [w[3] for w in windows], "wes": [w[4] for w in windows]})
    out = StepMany(sums=[0] * len(windows))
    for r in rows:
        k = r["k"]
        if k == "d":
            out.units[(r["user_id"], r["day"])] = int(r["n"])
        elif k == "m":
            out.missions.setdefault((r["user_id"], r["day"], r["type_key"]), []).append(
                (MissionProgress(*(r[f] for f in MissionProgress._fields)), r["metric"]))
        elif k == "s":
            out.streaks[r["user_id"]] = (r["n"] or 0, r["last_day"])
        else:
            out.sums[r["id"] - 1] = int(r["n"])
    for rows_of_key in out.missions.values():
        rows_of_key.sort(key=lambda rm: rm[0].slot)
    return out


_done_sql: dict[tuple[bool, ...], pg.Statement] = {}


async def complete_mission(conn: AsyncConnection, org_id: int, user_id: int, day: date, mission_id: int,
                           now: datetime, windows: Sequence[DayWindow] = ()
                           ) -> tuple[bool, bool, int, list[int]]:
    """Mark a mission done if it is not (exactly one caller wins), count the day's remaining missions
    down (setting `all_done_at` on the last) and count the rep's completed missions over each of
    `windows` (days [since, until), None: all), in one round trip on PostgreSQL. Returns (won,
    all done now, the all-done bonus, counts); the counts include this mission when it falls in."""
    if conn.dialect.name != "postgresql":
        if not await set_completed(conn, mission_id, now):
            return False, False, 0, []
        all_done, _, bonus = await count_down(conn, org_id, user_id, day, -1, now)
        return True, all_done, bonus, [await completed_count(conn, org_id, user_id, since, until)
                                       for since, until in windows]
    shape = tuple(since is not None for since, _ in windows)
    stmt = _done_sql.get(shape)
    if stmt is None:
        cols = ["(SELECT count(*) FROM c) AS won", "md.remaining", "md.all_done_bonus"]
        for i, bounded in enumerate(shape):
            cols.append("(SELECT count(*) FROM missions WHERE org_id = CAST(:org AS bigint) "
                        "AND user_id = CAST(:uid AS bigint) AND completed_at IS NOT NULL"
                        + (f" AND day >= CAST(:s{i} AS date) AND day < CAST(:u{i} AS date)" if bounded else "")
                        + f") AS n{i}")
        stmt = _done_sql[shape] = pg.statement(
            "WITH c AS (UPDATE missions SET completed_at = CAST(:now AS timestamptz) "
            "WHERE id = CAST(:mid AS bigint) AND completed_at IS NULL RETURNING id), "
            "md AS (UPDATE mission_days SET remaining = remaining - 1, all_done_at = CASE WHEN remaining - 1 = 0 "
            "THEN CAST(:now AS timestamptz) ELSE NULL END WHERE org_id = CAST(:org AS bigint) "
            "AND user_id = CAST(:uid AS bigint) AND day = CAST(:day AS date) AND EXISTS (SELECT 1 FROM c) "
            "RETURNING remaining, all_done_bonus) "
            f"SELECT {', '.join(cols)} FROM (SELECT 1) AS one LEFT JOIN md ON true")
    params = {"org": org_id, "uid": user_id, "day": day, "mid": mission_id, "now": now}
    for i, (since, until) in enumerate(windows):
        if since is not None:
            params[f"s{i}"], params[f"u{i}"] = since, until
    (row,) = await pg.fetch(conn, stmt, params)
    if not row["won"]:
        return False, False, 0, []
    counts = []
    for i, (since, until) in enumerate(windows):  # the statement's snapshot predates its own update
        inside = (since is None or since <= day) and (until is None or day < until)
        counts.append(int(row[f"n{i}"]) + (1 if inside else 0))
    return True, row["remaining"] == 0, row["all_done_bonus"] or 0, counts


# -- mission calibrations (easier missions for a while) ----------------------------------------------

async def add_calibration(conn: AsyncConnection, row: dict[str, Any]) -> None:
    await conn.execute(CAL.insert().values(**row))


async def calibration_pct(conn: AsyncConnection, org_id: int, user_id: int, day: date) -> int | None:
    """The percent of their baseline the rep's missions of `day` aim at (the latest calibration
    that covers the day), or None: the usual nudge above it."""
    q = (select(CAL.c.pct).where(CAL.c.org_id == org_id, CAL.c.user_id == user_id, CAL.c.first_day <= day,
                                 CAL.c.last_day >= day).order_by(CAL.c.id.desc()).limit(1))
    return (await conn.execute(q)).scalar_one_or_none()


# -- what managers oversee ---------------------------------------------------------------------------
async def missions_on(conn: AsyncConnection, org_id: int, days: dict[int, date]) -> dict[int, list[Row[Any]]]:
    """Each rep's missions of their own day (`days`: rep -> their local today), in slot order."""
    out: dict[int, list[Row[Any]]] = {u: [] for u in days}
    if not days:
        return out
    q = (select(M).where(M.c.org_id == org_id, M.c.user_id.in_(list(days)), M.c.day.in_(set(days.values())))
         .order_by(M.c.user_id, M.c.slot))
    for r in (await conn.execute(q)).all():
        if r.day == days[r.user_id]:
            out[r.user_id].append(r)
    return out


async def calibrations_on(conn: AsyncConnection, org_id: int, days: dict[int, date]) -> dict[int, Row[Any]]:
    """Each rep's latest calibration covering their day or a later one (pct, first_day, last_day)."""
    if not days:
        return {}
    q = (select(CAL)
         .where(CAL.c.org_id == org_id, CAL.c.user_id.in_(list(days)), CAL.c.last_day >= min(days.values()))
         .order_by(CAL.c.id))
    out: dict[int, Row[Any]] = {}
    for r in (await conn.execute(q)).all():
        if r.last_day >= days[r.user_id]:
            out[r.user_id] = r  # the latest wins, as `calibration_pct` reads it
    return out


async def badge_awards(conn: AsyncConnection, org_id: int, badge_id: int, user_ids: list[int] | None,
                       limit: int) -> Sequence[Row[Any]]:
    """A badge's awards, newest first (to `user_ids` only, unless None)."""
    q = (select(BA, B.c.key, B.c.name, B.c.tier, B.c.rule, B.c.description).join(B, B.c.id == BA.c.badge_id)
         .where(BA.c.org_id == org_id, BA.c.badge_id == badge_id).order_by(BA.c.id.desc()).limit(limit))
    if user_ids is not None:
        q = q.where(BA.c.user_id.in_(user_ids))
    return (await conn.execute(q)).all()


async def holder_counts(conn: AsyncConnection, org_id: int, user_ids: list[int] | None) -> dict[int, int]:
    """How many distinct reps hold each badge (among `user_ids` unless None)."""
    q = (select(BA.c.badge_id, func.count(func.distinct(BA.c.user_id))).where(BA.c.org_id == org_id)
         .group_by(BA.c.badge_id))
    if user_ids is not None:
        q = q.where(BA.c.user_id.in_(user_ids))
    return {b: n for b, n in (await conn.execute(q)).all()}


async def award_row(conn: AsyncConnection, org_id: int, award_id: int) -> Row[Any] | None:
    return (await conn.execute(select(BA).where(BA.c.org_id == org_id, BA.c.id == award_id))).one_or_none()


async def delete_award(conn: AsyncConnection, org_id: int, award_id: int) -> bool:
    """Take an award back; False when it is already gone (exactly one caller wins)."""
    res = await conn.execute(BA.delete().where(BA.c.org_id == org_id, BA.c.id == award_id))
    return res.rowcount == 1
