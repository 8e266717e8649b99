"""Async engine and session factory for PostgreSQL (asyncpg) or SQLite (aiosqlite)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import BigInteger, Connection, DateTime, Dialect, Integer, MetaData, Table, event
from sqlalchemy.engine import make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.pool import ConnectionPoolEntry
from sqlalchemy.types import TypeDecorator

from server.core.clock import utcnow as utcnow  # the models' audit-stamp default, beside the column types


def normalise_url(url: str) -> str:
    """Accept plain `postgresql://` and `sqlite:///` URLs and pick the async drivers."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+asyncpg://" + url[len("postgresql://"):]
    if url.startswith("sqlite:///"):
        url = "sqlite+aiosqlite:///" + url[len("sqlite:///"):]
    return url


def create_engine(url: str, *, pool_size: int = 10) -> AsyncEngine:
    """The engine. Its errors never show the values of a statement (they hold password hashes,
    emails and token hashes, and errors end up in logs): `hide_parameters`, and no DETAIL of
    PostgreSQL's (`without_values`)."""
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # aiosqlite logs each call with its arguments (statement and parameters) at DEBUG
        logging.getLogger("aiosqlite").setLevel(max(logging.INFO, logging.getLogger("aiosqlite").level))
        engine = create_async_engine(url, connect_args={"timeout": 30}, hide_parameters=True)
        _sqlite_serialised_writes(engine)
        return engine
    # Few connections, and requests queue for them: on a small machine PostgreSQL does best with
    # a handful of busy backends, and many API processes must fit under max_connections. No
    # overflow: a connection opened for a burst and closed after it costs a backend fork and
    # empties asyncpg's prepared-statement cache, which under load cost more than the wait.
    engine = create_async_engine(url, pool_size=pool_size, max_overflow=0, pool_timeout=30,
                                 pool_pre_ping=False, hide_parameters=True)
    event.listen(engine.sync_engine, "handle_error", lambda context: without_values(context.original_exception))
    return engine


def without_values(exc: BaseException) -> None:
    """Drop PostgreSQL's DETAIL from a driver error and the errors it was raised from: it quotes
    the values of the offending row (`Key (email)=(...) already exists`). The message, the
    SQLSTATE and the constraint's name stay."""
    seen = 0
    current: BaseException | None = exc
    while current is not None and seen < 5:
        if getattr(current, "detail", None) is not None:
            try:
                current.detail = None  # type: ignore[attr-defined]
            except AttributeError:
                pass
        current, seen = current.__cause__ or current.__context__, seen + 1


def _sqlite_serialised_writes(engine: AsyncEngine) -> None:
    """WAL, foreign keys, and BEGIN IMMEDIATE so concurrent writers queue instead of failing."""

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


Id = BigInteger().with_variant(Integer, "sqlite")


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend (SQLite hands back naive ones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to UTCDateTime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def table_of(model: type[Base]) -> Table:
    """A model's table: declarative models map a `Table` (SQLAlchemy types `__table__` as a FromClause)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table
