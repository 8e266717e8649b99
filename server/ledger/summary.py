"""A rep's own standing: points balance and org points rank today and this week.

One reading for `GET /api/v1/me` and the game server's `user:<id>` snapshot.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from redis.exceptions import RedisError
from sqlalchemy import Row

from server.accounts.directory import org_info
from server.board.rules import POINTS
from server.board.store import Page, board_store
from server.core.periods import local_date, period_for
from server.core.runtime import Runtime
from server.ledger import store, trust
from server.ledger.sync import ViewRebuilding, read_intact


@dataclass(frozen=True, slots=True)
class Standing:
    rank: int
    score: int


@dataclass(frozen=True, slots=True)
class MeSummary:
    points_balance: int
    rank_today: Standing | None  # None while the boards are unavailable
    rank_this_week: Standing | None


async def my_ranks(rt: Runtime, org_id: int, user_id: int) -> dict[str, Page | None]:
    """The rep's org points board pages around them today and this week (None where Redis is down or
    the lost view is still being rebuilt)."""
    org = await org_info(rt, org_id)
    now = rt.now()
    out: dict[str, Page | None] = {}
    for window in ("day", "week"):
        period = period_for(window, now, org.tz, org.week_start)
        try:
            out[window] = await read_intact(rt, org_id, partial(board_store(rt).around, org_id, POINTS, period,
                                                                user_id, 0))
        except (RedisError, OSError) as exc:
            rt.redis_failed(exc)
            out[window] = None
        except ViewRebuilding:
            out[window] = None
    return out


def _standing(page: Page | None, user_id: int) -> Standing | None:
    if page is None:
        return None
    mine = next((e for e in page.entries if e.user_id == user_id), None)
    return Standing(mine.rank, mine.score) if mine else Standing(page.total + 1, 0)


async def me_summary(rt: Runtime, org_id: int, user_id: int) -> MeSummary:
    async with rt.engine.connect() as conn:
        balance = await store.balance(conn, org_id, user_id)
    ranks = await my_ranks(rt, org_id, user_id)
    return MeSummary(balance, _standing(ranks["day"], user_id), _standing(ranks["week"], user_id))


async def my_entries(rt: Runtime, org_id: int, user_id: int, before_id: int | None, limit: int) -> Sequence[Row[Any]]:
    """The rep's ledger page, newest first, with the activity and the rule version behind each entry."""
    async with rt.engine.connect() as conn:
        return await store.user_entries(conn, org_id, user_id, before_id, limit)


async def self_reports(rt: Runtime, org_id: int, rows: Sequence[Row[Any]]) -> dict[int, dict[str, Any]]:
    """How each entry's self-report counted (weighted, pending, confirmed, expired), by entry id."""
    today = local_date(rt.now(), (await org_info(rt, org_id)).tz)
    found = {r.id: trust.shown(r, today, rt.settings.backdate_days) for r in rows}
    return {k: v for k, v in found.items() if v is not None}


async def entry_causes(rt: Runtime, org_id: int, rows: Sequence[Row[Any]]) -> dict[int, dict[str, Any]]:
    """What the features know of why these entries were written (`Registry.entry_causes`)."""
    refs = [(r.id, r.kind, r.activity_id, r.source) for r in rows]
    found: dict[int, dict[str, Any]] = {}
    for causes in rt.registry.entry_causes:
        found.update(await causes(rt, org_id, refs))
    return found
