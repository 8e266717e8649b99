"""What happens on the activity path, as the typed values features receive and fill.

The activity path (`server/ledger/`) publishes three moments; features subscribe to them
through the runtime's `Registry` (`server/core/runtime.py`), never the other way round:

* activity hooks run inside the transaction that wrote a set of fresh activities
  (`ActivityBatch`). They may add ledger rows (`batch.add_entry`, e.g. a mission bonus: it
  commits with the activity or not at all and reaches the boards with it), notices for the
  notification outbox and feed items (both written in the same transaction, through the
  registered sinks), report what the activity unlocked (`batch.unlock`), and queue work for
  after the commit (`batch.after_commit`).
* reversal hooks run inside the transaction that reverses an activity (`ReversalBatch`).
* after-boards hooks run after the commit and after the boards moved (rank changes).

Events that do not come from one activity (a contest won, kudos received) are
`Achievement`s, handed to achievement hooks in an `EventBatch` (`server/ledger/effects.py`).

Hooks must not raise for a rep's bad luck (a failed rule is logged, not a 500): raising
rolls back the whole request, which is right only for storage failures.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

#: Work queued for after the commit: it never fails the request that already committed.
AfterCommit = Callable[[], Awaitable[None]]
#: A ledger row a hook adds (the `LedgerEntry` columns; see `ActivityBatch.add_entry`).
EntryRow = dict[str, Any]


@dataclass(frozen=True, slots=True)
class OrgInfo:
    """What the activity path needs of an org on every call: its zone and week (cached)."""

    id: int
    timezone: str
    tz: ZoneInfo
    week_start: int


@dataclass(frozen=True, slots=True)
class EntryFacts:
    """What the boards need to know about one ledger entry."""

    entry_id: int
    user_id: int
    type_key: str | None
    valued: bool  # the pricing rule scores value, so the type board sums value
    points: int
    units: int
    value_units: int
    occurred_at: datetime
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Cause:
    """What a ledger entry that is not an activity's own was paid for, so a rep can trace every
    point: the kind of cause, its id and the version of the rule that set the amount (None where
    the cause is its own frozen rule, e.g. a mission's target and bonus are copied onto it).

    | entry kind | kind | id | version |
    |---|---|---|---|
    | badge_bonus | badge | badge | the badge's version |
    | mission_bonus | mission | mission | None (frozen on the mission) |
    | mission_bonus (all done) | missions_day | the mission that completed the day | None (frozen on the day) |
    | streak_bonus | streak | None (the rep's own; `activity_id` names the activity) | habit settings version |
    | prize | contest | contest | the contest's rules version |
    | kudos | kudos | kudos | None |
    | instant_win | instant_win | the instant-win program (`activity_id`: the activity that won) | None |
    | redemption, redemption_refund | reward | reward | None |
    """

    kind: str
    id: int | None = None
    version: int | None = None


def entry_row(org_id: int, *, user_id: int, kind: str, points: int, now: datetime, cause: Cause,
              occurred_at: datetime | None = None, actor_user_id: int | None = None,
              activity_id: int | None = None, type_id: int | None = None, units: int = 0,
              value_units: int = 0, rule_version_id: int | None = None) -> EntryRow:
    """A ledger row that is not an activity's own entry: a bonus, a prize, kudos points, a redemption,
    naming its `cause`."""
    return {"org_id": org_id, "user_id": user_id, "kind": kind, "activity_id": activity_id, "type_id": type_id,
            "rule_version_id": rule_version_id, "reverses_id": None, "points": points, "units": units,
            "value_units": value_units, "occurred_at": occurred_at or now, "created_at": now,
            "created_by_user_id": actor_user_id, "cause_kind": cause.kind, "cause_id": cause.id,
            "cause_version": cause.version}


class WritesEntries:
    """What every batch a hook fills shares: the ledger rows it adds, stamped with its org and time."""

    __slots__ = ()
    org_id: int
    actor_user_id: int | None
    now: datetime
    entries: list[EntryRow]

    def add_entry(self, *, user_id: int, kind: str, points: int, occurred_at: datetime, cause: Cause,
                  activity_id: int | None = None, type_id: int | None = None, units: int = 0,
                  value_units: int = 0, rule_version_id: int | None = None) -> EntryRow:
        row = entry_row(self.org_id, user_id=user_id, kind=kind, points=points, now=self.now, cause=cause,
                        occurred_at=occurred_at, actor_user_id=self.actor_user_id, activity_id=activity_id,
                        type_id=type_id, units=units, value_units=value_units, rule_version_id=rule_version_id)
        self.entries.append(row)
        return row


@dataclass(slots=True)
class FreshActivity:
    """One activity just written with its ledger entry (duplicates never reach hooks, nor an
    activity whose units are all over the daily cap).

    `units` and `value_units` are what counts: the units within the daily cap and the value
    prorated to them (the ledger entry's own `units` and `value_units`). `quantity` and `value`
    are the activity as logged, over-cap units included: for display, never for counting."""

    activity_id: int
    entry_id: int
    user_id: int
    type_id: int
    type_key: str
    quantity: int
    units: int
    value: float | None
    value_units: int
    points: int
    occurred_at: datetime
    day: date  # local date of `occurred_at` in the org's time zone
    source: str
    valued: bool = False  # its type scores value (a won deal): a win for the feed


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
class ActivityBatch(WritesEntries):
    org_id: int
    org: OrgInfo
    actor_user_id: int | None  # who logged it (None for an integration key)
    now: datetime
    activities: list[FreshActivity]
    #: extra ledger rows (dicts with LedgerEntry columns; org_id/created_at filled in)
    entries: list[EntryRow] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    feed: list[FeedItem] = field(default_factory=list)
    #: activity_id -> {"missions_completed": [...], "badges_earned": [...], "streak": {...}}
    unlocks: dict[int, dict[str, Any]] = field(default_factory=dict)
    after_commit: list[AfterCommit] = field(default_factory=list)
    #: realtime frames for reps' private channels, (user id, data): published after the commit
    #: in the same call as the activities' own `points` frames (one Redis round trip)
    frames: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    #: undo callbacks for process-local state a hook set for this transaction's rows (e.g. a
    #: cache of "missions exist"): run if the transaction rolls back (it may then run again)
    on_rollback: list[Callable[[], None]] = field(default_factory=list)

    def unlock(self, activity_id: int, what: str, item: Any) -> None:
        """Report something an activity unlocked; lists append, dicts (e.g. `streak`) replace."""
        slot = self.unlocks.setdefault(activity_id, {})
        if isinstance(item, dict) and what == "streak":
            slot[what] = item
        else:
            slot.setdefault(what, []).append(item)


@dataclass(slots=True)
class ReversalBatch(WritesEntries):
    org_id: int
    org: OrgInfo
    actor_user_id: int | None
    now: datetime
    activity_id: int
    user_id: int
    type_id: int
    type_key: str
    quantity: int  # as logged
    units: int  # what the original entry counted (within the cap); the reversal takes these back
    value_units: int
    points: int  # the points the original entry awarded (the reversal subtracts them)
    occurred_at: datetime
    day: date
    recorded_at: datetime | None = None  # when the reversed activity was recorded
    entries: list[EntryRow] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    feed: list[FeedItem] = field(default_factory=list)
    after_commit: list[AfterCommit] = field(default_factory=list)



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
class EventBatch(WritesEntries):
    """What achievement hooks get and fill, like `ActivityBatch` (see `effects.emit`)."""

    org_id: int
    org: OrgInfo
    actor_user_id: int | None
    now: datetime
    events: list[Achievement]
    entries: list[EntryRow] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    feed: list[FeedItem] = field(default_factory=list)
    after_commit: list[AfterCommit] = field(default_factory=list)
    #: achievements raised by the hooks themselves (a badge for a contest win); run in turn
    more: list[Achievement] = field(default_factory=list)

