"""Extension points of the activity path, so features plug in instead of editing ingestion.

Streaks, missions, badges, contests and notifications all react to the same moments:

* `on_activities` hooks run inside the transaction that wrote a set of fresh activities.
  They may add ledger rows (`batch.add_entry`, e.g. a mission bonus: it commits with the
  activity or not at all and reaches the boards with it), notices for the notification
  outbox and feed items (both written in the same transaction), report what the activity
  unlocked (`batch.unlock`), and queue work for after the commit (`batch.after_commit`).
* `on_reversal` hooks run inside the transaction that reverses an activity.
* `after_boards` hooks run after the commit and after the boards moved (rank changes).

A hook is `async def hook(rt, conn, batch)`; register it with the decorators at import
time of the feature's service module, and import that module in `server/features.py`.
Hooks must not raise for a rep's bad luck (a failed rule is logged, not a 500): raising
rolls back the whole request, which is right only for storage failures.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

log = logging.getLogger("reprally.hooks")


@dataclass(slots=True)
class FreshActivity:
    """One activity just written with its ledger entry (duplicates never reach hooks)."""

    activity_id: int
    entry_id: int
    user_id: int
    type_id: int
    type_key: str
    quantity: int
    value: float | None
    value_units: int
    points: int
    occurred_at: datetime
    day: date  # local date of `occurred_at` in the org's time zone
    source: str


@dataclass(slots=True)
class Notice:
    """Something to tell one person (push + in-app). The notifications feature owns delivery;
    until it is installed notices are dropped. `dedupe_key` makes a repeat harmless."""

    user_id: int
    kind: str  # e.g. badge_earned, mission_done, passed, top_n, kudos, contest_result, streak_at_risk
    title: str
    body: str
    data: dict[str, Any] = field(default_factory=dict)
    actor_user_id: int | None = None  # who caused it: never notified about their own action
    dedupe_key: str | None = None
    collapse_key: str | None = None


@dataclass(slots=True)
class FeedItem:
    """An entry of the org's recognition feed (kudos, wins, badges, results, milestones)."""

    kind: str
    user_id: int | None  # whom it is about
    data: dict[str, Any] = field(default_factory=dict)
    actor_user_id: int | None = None
    ref: str | None = None  # idempotency: one item per (org, kind, ref)


@dataclass(slots=True)
class ActivityBatch:
    org_id: int
    org: Any  # runtime.OrgInfo (tz, week_start)
    actor_user_id: int | None  # who logged it (None for an integration key)
    now: datetime
    activities: list[FreshActivity]
    #: extra ledger rows (dicts with LedgerEntry columns; org_id/created_at filled in)
    entries: list[dict] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    feed: list[FeedItem] = field(default_factory=list)
    #: activity_id -> {"missions_completed": [...], "badges_earned": [...], "streak": {...}}
    unlocks: dict[int, dict[str, Any]] = field(default_factory=dict)
    after_commit: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    #: realtime frames for reps' private channels, (user id, data): published after the commit
    #: in the same call as the activities' own `points` frames (one Redis round trip)
    frames: list[tuple[int, dict]] = field(default_factory=list)
    #: undo callbacks for process-local state a hook set for this transaction's rows (e.g. a
    #: cache of "missions exist"): run if the transaction rolls back (it may then run again)
    on_rollback: list[Callable[[], None]] = field(default_factory=list)

    def add_entry(self, *, user_id: int, kind: str, points: int, occurred_at: datetime,
                  activity_id: int | None = None, type_id: int | None = None, units: int = 0,
                  value_units: int = 0, rule_version_id: int | None = None) -> dict:
        row = {"org_id": self.org_id, "user_id": user_id, "kind": kind, "activity_id": activity_id,
               "type_id": type_id, "rule_version_id": rule_version_id, "reverses_id": None, "points": points,
               "units": units, "value_units": value_units, "occurred_at": occurred_at, "created_at": self.now,
               "created_by_user_id": self.actor_user_id}
        self.entries.append(row)
        return row

    def unlock(self, activity_id: int, what: str, item: Any) -> None:
        """Report something an activity unlocked; lists append, dicts (e.g. `streak`) replace."""
        slot = self.unlocks.setdefault(activity_id, {})
        if isinstance(item, dict) and what == "streak":
            slot[what] = item
        else:
            slot.setdefault(what, []).append(item)


@dataclass(slots=True)
class ReversalBatch:
    org_id: int
    org: Any
    actor_user_id: int | None
    now: datetime
    activity_id: int
    user_id: int
    type_id: int
    type_key: str
    quantity: int
    value_units: int
    points: int  # the points the original entry awarded (the reversal subtracts them)
    occurred_at: datetime
    day: date
    recorded_at: datetime | None = None  # when the reversed activity was recorded
    entries: list[dict] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    feed: list[FeedItem] = field(default_factory=list)
    after_commit: list[Callable[[], Awaitable[None]]] = field(default_factory=list)

    add_entry = ActivityBatch.add_entry


TxHook = Callable[[Any, Any, ActivityBatch], Awaitable[None]]
ReversalHook = Callable[[Any, Any, ReversalBatch], Awaitable[None]]
#: (rt, conn, org_id, notices) -> writes them durably in the caller's transaction
NoticeSink = Callable[[Any, Any, int, list[Notice]], Awaitable[None]]
#: (rt, org_id, batch, facts) after the commit and the board move
AfterBoardsHook = Callable[[Any, int, Any, list], Awaitable[None]]

ACTIVITY_HOOKS: list[TxHook] = []
#: `fn(rt, org_id) -> bool`, True while a feature's activity hook takes row locks of the reps
#: that concurrent transactions may take in another order. While any says True for an org, the
#: activity path locks the daily-cap counters before the hooks (see `services.ingestion`), which
#: makes transactions of the same rep, type and day run their hooks one after another.
COUNTERS_FIRST: list[Callable[[Any, int], bool]] = []
REVERSAL_HOOKS: list[ReversalHook] = []
NOTICE_SINKS: list[NoticeSink] = []
AFTER_BOARDS_HOOKS: list[AfterBoardsHook] = []


def on_activities(fn: TxHook) -> TxHook:
    ACTIVITY_HOOKS.append(fn)
    return fn


def on_reversal(fn: ReversalHook) -> ReversalHook:
    REVERSAL_HOOKS.append(fn)
    return fn


def notice_sink(fn: NoticeSink) -> NoticeSink:
    NOTICE_SINKS.append(fn)
    return fn


def after_boards(fn: AfterBoardsHook) -> AfterBoardsHook:
    AFTER_BOARDS_HOOKS.append(fn)
    return fn


async def write_notices(rt, conn, org_id: int, notices: list[Notice]) -> None:
    """Hand notices to the notification outbox in the caller's transaction (if installed).
    Self-caused notices are dropped here so no feature has to remember the rule."""
    keep = [n for n in notices if n.actor_user_id is None or n.actor_user_id != n.user_id]
    if keep:
        for sink in NOTICE_SINKS:
            await sink(rt, conn, org_id, keep)


async def run_after_commit(callbacks: list[Callable[[], Awaitable[None]]]) -> None:
    """Post-commit work never fails the request that already committed."""
    for cb in callbacks:
        try:
            await cb()
        except Exception:  # noqa: BLE001 - logged; the ledger already holds the truth
            log.exception("after-commit hook failed")


# -- achievements: events that do not come from one activity ----------------------------------

@dataclass(slots=True)
class Achievement:
    """A non-activity event other features' rules may react to: `contest_won`, `contest_placed`,
    `kudos_received`, `mission_completed`, `badge_earned`, `streak_extended`, ..."""

    kind: str
    user_id: int
    data: dict[str, Any] = field(default_factory=dict)
    ref: str | None = None  # what caused it (e.g. "contest:12"), for idempotent reactions


@dataclass(slots=True)
class EventBatch:
    """What achievement hooks get and fill, like `ActivityBatch` (see `effects.emit`)."""

    org_id: int
    org: Any
    actor_user_id: int | None
    now: datetime
    events: list[Achievement]
    entries: list[dict] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    feed: list[FeedItem] = field(default_factory=list)
    after_commit: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    #: achievements raised by the hooks themselves (a badge for a contest win); run in turn
    more: list[Achievement] = field(default_factory=list)

    add_entry = ActivityBatch.add_entry


AchievementHook = Callable[[Any, Any, EventBatch], Awaitable[None]]
ACHIEVEMENT_HOOKS: list[AchievementHook] = []


def on_achievements(fn: AchievementHook) -> AchievementHook:
    ACHIEVEMENT_HOOKS.append(fn)
    return fn
