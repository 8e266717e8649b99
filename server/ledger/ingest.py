"""The activity path: validate, price under the current rule, write activity + ledger entry
in one transaction, then move the boards. Single posts, batches and integrations share it.

Daily caps are exact under concurrency because the usage counter's row is upserted
(`... ON CONFLICT DO UPDATE ... RETURNING units`) in the same transaction: concurrent
transactions on the same counter queue on its row lock and each sees the units before it.

That lock is held until the commit, so it is taken last: the transaction prices its items from
the counters as committed (a plain read), writes the entries, runs the feature hooks, and only
then upserts the counters. If the units before this transaction then differ from the ones read
in a way that changes any item's price (a concurrent transaction crossed the cap in between),
the transaction rolls back and runs again (`_CapRace`). Transactions therefore take their row
locks in one order: the hooks' rows (habits have their own documented order; notices go in user
order), then the counters in key order; a reversal releases its units last as well.

While a feature says its hooks must not run concurrently for the same reps
(`Registry.counters_first`: the habit loop, whose steps deadlock with each other otherwise), the
counters are locked first, as before this order existed; concurrent transactions of one rep,
type and day then run their hooks one after another.

After `OPTIMISTIC_ATTEMPTS` races the transaction also runs with the counters locked first. It
would then hold counters while its hooks wait for rows that optimistic transactions hold while
they wait for those counters, so it first takes the org's usage advisory lock exclusively,
which every optimistic read takes shared (`ledger.read_usage`): it waits until they are done
and runs alone. Should PostgreSQL still find a deadlock (e.g. with a reversal), the aborted
transaction runs again (`DEADLOCK_RETRIES`).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import partial
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Row
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from server.accounts.directory import active_users, inactive_users, org_info
from server.board import live
from server.core import events
from server.core.auth import Principal
from server.core.errors import Conflict, DomainError, Forbidden, NotFound, Unauthorized
from server.core.events import AfterCommit, EntryFacts, EntryRow
from server.core.observability import metrics, tracing
from server.core.periods import local_date
from server.core.runtime import Runtime
from server.ledger import sinks, trust
from server.ledger import store as ledger_repo
from server.ledger.group_commit import single_posts
from server.ledger.rules import (
    Priced,
    Rule,
    price,
    self_reported,
    validate_amounts,
    validate_occurred_at,
)
from server.ledger.sync import apply_entries, entry_facts
from server.ledger.types import TypeInfo, types_of

log = logging.getLogger("reprally.ingestion")


@dataclass(slots=True)
class ActivityInput:
    type: str
    quantity: int = 1
    value: float | None = None
    occurred_at: datetime | None = None
    external_id: str | None = None
    user_id: int | None = None
    #: who recorded it when that is not the caller's kind of token (e.g. "hubspot")
    source: str | None = None
    #: an activity this one replaces (a CRM deal re-priced, or moved to another rep): it is
    #: reversed in the same transaction, unless this item is refused
    replaces: int | None = None


@dataclass(frozen=True, slots=True)
class Committing:
    """What a `within` callback of `record` sees inside the transaction, before the commit."""

    #: per item, in order: its activity (new, or the original of a repeated external id);
    #: None where the item was refused or repeats an external id of the same call
    activity_ids: list[int | None]
    #: per item: whether its activity is new (it has a fresh ledger entry)
    fresh: list[bool]
    #: activity id -> the id of its reversal entry, or None where it had been reversed before
    reversal_entry_ids: dict[int, int | None]
    #: per item: why it was refused
    errors: list[DomainError | None]


#: Work of the caller that commits with the activities or not at all (e.g. the CRM inbox rows
#: that caused them): it runs in the transaction after the feature hooks, before the counters.
Within = Callable[[AsyncConnection, Committing], Awaitable[None]]


@dataclass(slots=True)
class Recorded:
    id: int
    user_id: int
    type: str
    quantity: int
    value: float | None
    occurred_at: datetime
    recorded_at: datetime
    source: str
    external_id: str | None
    points_awarded: int
    units_over_cap: int
    ledger_entry_id: int
    rule_version_id: int | None
    duplicate: bool = False
    boards_updated: bool = False
    #: what this activity unlocked (missions completed, badges earned, streak), from the feature hooks
    unlocked: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class ItemOutcome:
    recorded: Recorded | None = None
    error: DomainError | None = None


@dataclass(slots=True)
class _Prepared:
    index: int
    item: ActivityInput
    type: TypeInfo
    user_id: int
    occurred_at: datetime
    day: date  # local date of `occurred_at` in the org's time zone
    row: dict[str, Any] = field(default_factory=dict)
    #: the type's `self_report` mode when this is the rep's own report and the mode is not `full`
    trust: str | None = None

    @property
    def pending(self) -> bool:
        """A self-report that counts nothing until a CRM event confirms it (`ledger.trust`)."""
        return self.trust == "pending"


#: A daily usage counter: (user id, type id, local day).
_CounterKey = tuple[int, int, date]
#: A fresh item priced, before its ledger entry has an id: (prepared, activity id, price, value units).
_Pending = tuple[_Prepared, int, Priced, int]
#: What a written transaction hands on: the board facts, the hooks' batch and the feed rows written.
_Written = tuple[list[EntryFacts], events.ActivityBatch | None, list[AfterCommit]]


def _source(principal: Principal, batch: bool) -> str:
    if principal.api_key_id is not None:
        return "integration"
    return "batch" if batch else "app"


async def _check_users(rt: Runtime, principal: Principal, user_ids: set[int]) -> set[int]:
    """Which of the named users exist, are active, and are in the caller's org."""
    others = {u for u in user_ids if u != principal.user_id}
    if not others:
        return set(user_ids)
    found = await active_users(rt, principal.org_id, others)
    if principal.user_id in user_ids:
        found.add(principal.user_id)
    return found


async def record_single(rt: Runtime, principal: Principal, item: ActivityInput) -> ItemOutcome:
    """One posted activity; concurrent posts of the same caller share a transaction
    (`services.group_commit`)."""
    return await single_posts(rt).submit(rt, principal, item, record)


async def record(rt: Runtime, principal: Principal, items: list[ActivityInput], *, batch: bool = False,
                 reverse: Sequence[int] = (), within: Within | None = None) -> list[ItemOutcome]:
    """Record activities; one outcome per item, in order. Bad items do not sink the others.
    Anything that escapes this function happened before the commit: nothing was recorded.

    `reverse` names activities to reverse in the same transaction (before the new ones are
    priced, so units they release count for them; one reversed before is left alone), as do
    the items' `replaces`; `within` adds the caller's own rows to the transaction."""
    now = rt.now()
    org = await org_info(rt, principal.org_id)
    types = await types_of(rt, principal.org_id)
    outcomes = [ItemOutcome() for _ in items]
    named = {it.user_id for it in items if it.user_id is not None}
    valid_users = await _check_users(rt, principal, named) if named else set()
    if principal.user_id is not None and principal.user_id in await inactive_users(rt, principal.org_id):
        raise Unauthorized("account_disabled", "this account is deactivated")
    prepared: list[_Prepared] = []
    seen_external: dict[str, int] = {}
    source = _source(principal, batch)
    for i, item in enumerate(items):
        try:
            p = _prepare(rt, principal, item, types, valid_users, now, org.tz)
        except DomainError as exc:
            outcomes[i].error = exc
            continue
        p.index = i
        if principal.user_id == p.user_id and p.type.self_report != "full":
            p.trust = p.type.self_report
        p.row = {
            "org_id": principal.org_id, "user_id": p.user_id, "type_id": p.type.id, "quantity": item.quantity,
            "value": item.value, "occurred_at": p.occurred_at, "recorded_at": now, "source": item.source or source,
            "external_id": item.external_id, "logged_by_user_id": principal.user_id,
            "api_key_id": principal.api_key_id,
        }
        if item.external_id is not None:
            if item.external_id in seen_external:  # repeated inside this batch: resolved below
                continue
            seen_external[item.external_id] = i
        prepared.append(p)
    if prepared or reverse or within is not None:
        facts, batch_ctx, feed_rows = await _write(rt, principal, prepared, outcomes, now, list(reverse), within)
        try:
            await _after_commit(rt, principal, prepared, outcomes, facts, batch_ctx, feed_rows)
        except Exception:  # noqa: BLE001 - committed: the answer stands, the sync loop catches the boards up
            log.exception("post-commit work of %d activities failed", len(prepared))
    _resolve_repeats(principal, items, outcomes, seen_external)
    _count(outcomes)
    return outcomes


def _count(outcomes: list[ItemOutcome]) -> None:
    accepted = duplicate = rejected = 0
    for o in outcomes:
        if o.recorded is None:
            rejected += o.error is not None
        elif o.recorded.duplicate:
            duplicate += 1
        else:
            accepted += 1
    for outcome, n in (("accepted", accepted), ("duplicate", duplicate), ("rejected", rejected)):
        if n:
            metrics.ACTIVITIES.labels(outcome).inc(n)


async def _after_commit(rt: Runtime, principal: Principal, prepared: list[_Prepared], outcomes: list[ItemOutcome],
                        facts: list[EntryFacts], batch_ctx: events.ActivityBatch | None,
                        feed_rows: list[AfterCommit]) -> None:
    """Boards, live frames, feed and the features' post-commit work."""
    boarded = await apply_entries(rt, principal.org_id, facts)
    fresh = [rec for p in prepared if (rec := outcomes[p.index].recorded) is not None and not rec.duplicate]
    for rec in fresh:
        rec.boards_updated = boarded
    await live.activity_events(rt, principal.org_id, fresh, batch_ctx.frames if batch_ctx is not None else ())
    await sinks.run_after_commit(feed_rows)
    if batch_ctx is not None:
        for hook in rt.registry.after_boards:
            batch_ctx.after_commit.append(partial(hook, rt, principal.org_id, batch_ctx, facts))
        await sinks.run_after_commit(batch_ctx.after_commit)


def _resolve_repeats(principal: Principal, items: list[ActivityInput], outcomes: list[ItemOutcome],
                     seen_external: dict[str, int]) -> None:
    """Items repeating an external id seen earlier in the same batch answer like a retry would."""
    for i, item in enumerate(items):
        if outcomes[i].recorded is None and outcomes[i].error is None and item.external_id is not None:
            first = outcomes[seen_external[item.external_id]]
            user_id = item.user_id if item.user_id is not None else principal.user_id
            if first.recorded is not None and first.recorded.user_id != user_id:
                outcomes[i].error = Conflict("external_id_taken",
                                             "this external_id already names another rep's activity",
                                             details={"external_id": item.external_id})
            elif first.recorded is not None:
                outcomes[i].recorded = _as_duplicate(first.recorded)
            else:
                outcomes[i].error = first.error


def _as_duplicate(rec: Recorded) -> Recorded:
    return Recorded(**{**{f: getattr(rec, f) for f in Recorded.__slots__}, "duplicate": True,
                       "boards_updated": False})


def _prepare(rt: Runtime, principal: Principal, item: ActivityInput, types: dict[str, TypeInfo],
             valid_users: set[int], now: datetime, tz: ZoneInfo) -> _Prepared:
    atype = types.get(item.type)
    if atype is None or not atype.active:
        raise DomainError("unknown_activity_type", f"no active activity type '{item.type}' in this org",
                          details={"type": item.type})
    user_id = item.user_id if item.user_id is not None else principal.user_id
    if user_id is None:
        raise DomainError("user_id_required", "an integration key must name the rep in 'user_id'")
    if user_id != principal.user_id and not principal.can_log_for_others:
        raise Forbidden("forbidden", "reps can only log their own activities")
    if item.user_id is not None and user_id not in valid_users:
        raise NotFound("user_not_found", f"user {user_id} not found", details={"user_id": user_id})
    if principal.role == "rep" and not atype.self_reportable:
        raise Forbidden("not_self_reportable",
                        f"'{atype.key}' is recorded by your CRM or a manager, not self-reported")
    validate_amounts(item.quantity, item.value)
    if item.external_id is not None and (not 1 <= len(item.external_id) <= 200 or "\x00" in item.external_id):
        raise DomainError("invalid_external_id", "external_id must be 1 to 200 characters, none of them NUL")
    occurred_at = item.occurred_at or now
    validate_occurred_at(occurred_at, now, rt.settings.backdate_days)
    occurred_at = occurred_at.astimezone(UTC)
    return _Prepared(index=-1, item=item, type=atype, user_id=user_id, occurred_at=occurred_at,
                     day=local_date(occurred_at, tz))


#: Optimistic runs of one transaction before it locks the counters first (see the module doc).
OPTIMISTIC_ATTEMPTS = 2
#: Runs again of a transaction PostgreSQL aborted to break a deadlock.
DEADLOCK_RETRIES = 3
DEADLOCK_DETECTED = "40P01"


class _CapRace(Exception):
    """The counters moved between the read and the locked upsert so that an item's price changed."""


async def _write(rt: Runtime, principal: Principal, prepared: list[_Prepared], outcomes: list[ItemOutcome],
                 now: datetime, reverse: list[int], within: Within | None) -> _Written:
    races, deadlocks, integrity_retried = 0, 0, False
    while True:
        raced = races >= OPTIMISTIC_ATTEMPTS
        try:
            with tracing.span("ledger.transaction", items=len(prepared), attempt=races + deadlocks + 1):
                return await _write_once(
                    rt, principal, prepared, outcomes, now, reverse, within, exclusive=raced,
                    lock_first=raced or any(f(rt, principal.org_id) for f in rt.registry.counters_first))
        except _CapRace:
            races += 1
        except IntegrityError:
            # A concurrent request inserted one of our external ids between our checks: the whole
            # transaction rolled back, so run it again (once); those items now answer as duplicates.
            if integrity_retried:
                raise
            integrity_retried = True
        except DBAPIError as exc:
            # PostgreSQL broke a lock cycle by aborting this transaction.
            if getattr(exc.orig, "sqlstate", None) != DEADLOCK_DETECTED or deadlocks >= DEADLOCK_RETRIES:
                raise
            deadlocks += 1
            log.warning("activity transaction aborted by a deadlock; running it again")


async def _write_once(rt: Runtime, principal: Principal, prepared: list[_Prepared], outcomes: list[ItemOutcome],
                      now: datetime, reverse: list[int], within: Within | None, *, lock_first: bool = False,
                      exclusive: bool = False) -> _Written:
    """One transaction: the reversals asked for, activities, ledger entries, the feature hooks'
    rows, the caller's `within`, then the usage counters (first, with `lock_first`). Returns the
    board facts of every new entry, the hooks' batch (None if nothing was new) and the post-commit
    work (the feed rows written, the reversals' own)."""
    undo: list[Callable[[], None]] = []
    try:
        async with rt.engine.begin() as conn:
            tx = await _transaction(rt, conn, principal, prepared, outcomes, now, lock_first, exclusive, undo,
                                    reverse, within)
    except BaseException:
        for fn in undo:  # process-local state the hooks set for rows that were rolled back
            fn()
        raise
    facts: list[EntryFacts] = []
    for (p, activity_id, priced, value_units), entry_id in zip(tx.pending, tx.entry_ids, strict=True):
        rec = outcomes[p.index].recorded = Recorded(
            id=activity_id, user_id=p.user_id, type=p.type.key, quantity=p.item.quantity, value=p.item.value,
            occurred_at=p.occurred_at, recorded_at=now, source=p.row["source"], external_id=p.item.external_id,
            points_awarded=priced.points, units_over_cap=p.item.quantity - priced.earning_units,
            ledger_entry_id=entry_id, rule_version_id=p.type.version_id,
        )
        if tx.batch is not None:
            rec.unlocked = tx.batch.unlocks.get(activity_id, {})
        facts.append(EntryFacts(entry_id, p.user_id, p.type.key, p.type.valued, priced.points,
                                0 if p.pending else priced.earning_units, value_units, p.occurred_at, now))
    if tx.batch is not None:
        facts.extend(await _extra_facts(rt, principal.org_id, tx.batch.entries, tx.extra_ids))
    after = list(tx.feed_rows)
    for done in tx.reversals:
        facts.extend(done.facts)
        after.extend(done.after)
    return facts, tx.batch, after


@dataclass(slots=True)
class _Tx:
    """What one activity transaction wrote."""

    pending: list[_Pending]
    entry_ids: list[int]
    batch: events.ActivityBatch | None
    extra_ids: list[int]
    feed_rows: list[AfterCommit]
    reversals: list[_Reversed]


async def _transaction(rt: Runtime, conn: AsyncConnection, principal: Principal, prepared: list[_Prepared],
                       outcomes: list[ItemOutcome], now: datetime, lock_first: bool, exclusive: bool,
                       undo: list[Callable[[], None]], reverse: list[int], within: Within | None) -> _Tx:
    org_id = principal.org_id
    batch_ctx: events.ActivityBatch | None = None
    extra_ids: list[int] = []
    feed_rows: list[AfterCommit] = []
    if exclusive:  # waits for the org's optimistic transactions; none starts until this one ends
        await ledger_repo.lock_usage(conn, org_id)
    reversals = await _reversals(rt, conn, principal, prepared, reverse, now)
    ids = await ledger_repo.insert_activities(conn, [p.row for p in prepared])
    # (prepared, its external id): `insert_activities` answers None only where the external id existed
    dupes = [(p, cast(str, p.item.external_id)) for p, new_id in zip(prepared, ids, strict=True) if new_id is None]
    fresh = [(p, new_id) for p, new_id in zip(prepared, ids, strict=True) if new_id is not None]
    if dupes:
        originals = await ledger_repo.existing_by_external_id(conn, org_id, [ext for _, ext in dupes])
        types_by_id = {t.id: t.key for t in (await types_of(rt, org_id, conn)).values()}
        for p, ext in dupes:
            orig = originals[ext]
            if orig.user_id != p.user_id:  # never hand one rep's activity to another
                outcomes[p.index].error = Conflict(
                    "external_id_taken", "this external_id already names another rep's activity",
                    details={"external_id": p.item.external_id})
            else:
                outcomes[p.index].recorded = _from_row(orig, types_by_id.get(orig.type_id, p.item.type))
    # Units per counter in item order, so the cap goes to the earliest items of the batch.
    totals: dict[_CounterKey, int] = {}
    for p, _ in fresh:
        if p.type.daily_cap is not None and not p.pending:
            key = (p.user_id, p.type.id, p.day)
            totals[key] = totals.get(key, 0) + p.item.quantity
    usage = [{"org_id": org_id, "user_id": u, "type_id": t, "day": d, "units": n} for (u, t, d), n in totals.items()]
    used_before: dict[_CounterKey, int]
    if not totals:
        used_before = {}
    elif lock_first:
        used_before = await _add_usage(conn, usage, totals)
    else:  # as committed; checked against the locked counters at the end
        read = await ledger_repo.read_usage(conn, org_id, list(totals))
        used_before = {k: read.get(k, 0) for k in totals}
    entry_rows: list[EntryRow] = []
    facts_pending: list[_Pending] = []
    for p, activity_id, priced in _priced(fresh, used_before):
        # units over the cap count nowhere but on the activity; a pending self-report counts nowhere yet
        value_units = 0 if p.pending else priced.value_units
        entry_rows.append({
            "org_id": org_id, "user_id": p.user_id, "kind": "activity", "activity_id": activity_id,
            "type_id": p.type.id, "rule_version_id": p.type.version_id, "reverses_id": None,
            "points": priced.points, "units": 0 if p.pending else priced.earning_units, "value_units": value_units,
            "occurred_at": p.occurred_at, "created_at": now, "created_by_user_id": principal.user_id,
        })
        facts_pending.append((p, activity_id, priced, value_units))
    entry_ids = await ledger_repo.insert_entries(conn, entry_rows) if entry_rows else []
    await _trust(rt, conn, principal, now, fresh)
    counted = [(f, e) for f, e in zip(facts_pending, entry_ids, strict=True)
               if not f[0].pending and f[2].earning_units]
    if counted:
        batch_ctx, extra_ids, feed_rows = await _run_hooks(rt, conn, principal, now, counted, undo)
    if within is not None:
        await within(conn, _committing(prepared, ids, outcomes, reversals))
    if totals and not lock_first:  # the counters' row locks, held from here to the commit
        actual = await _add_usage(conn, usage, totals)
        if actual != used_before and [priced for *_, priced in _priced(fresh, actual)] != \
                [priced for _, _, priced, _ in facts_pending]:
            raise _CapRace()
    return _Tx(facts_pending, entry_ids, batch_ctx, extra_ids, feed_rows,
               [r for r in reversals.values() if r is not None])


def _committing(prepared: list[_Prepared], ids: list[int | None], outcomes: list[ItemOutcome],
                reversals: dict[int, _Reversed | None]) -> Committing:
    activity_ids: list[int | None] = [None] * len(outcomes)
    fresh = [False] * len(outcomes)
    for p, new_id in zip(prepared, ids, strict=True):
        if new_id is not None:
            activity_ids[p.index], fresh[p.index] = new_id, True
        elif (rec := outcomes[p.index].recorded) is not None:
            activity_ids[p.index] = rec.id
    return Committing(activity_ids, fresh, {a: r.entry_id if r is not None else None for a, r in reversals.items()},
                      [o.error for o in outcomes])


async def _add_usage(conn: AsyncConnection, usage: list[dict[str, Any]],
                     totals: dict[_CounterKey, int]) -> dict[_CounterKey, int]:
    """Add the units to the counters (locking them); returns each counter's units before."""
    after = await ledger_repo.add_usage(conn, usage)
    return {k: after[k] - n for k, n in totals.items()}


def _priced(fresh: list[tuple[_Prepared, int]],
            used_before: dict[_CounterKey, int]) -> Iterator[tuple[_Prepared, int, Priced]]:
    """(prepared, activity id, Priced) per fresh item, in item order, from the counters' units before."""
    used = dict(used_before)
    for p, activity_id in fresh:
        key = (p.user_id, p.type.id, p.day)
        before = used.get(key, 0)
        if key in used:
            used[key] = before + p.item.quantity
        rule = Rule(p.type.version_id, p.type.points, p.type.value_points, p.type.daily_cap)
        yield p, activity_id, self_reported(price(rule, p.item.quantity, p.item.value, before), p.item.quantity,
                                            p.trust, p.type.self_report_weight)


async def _trust(rt: Runtime, conn: AsyncConnection, principal: Principal, now: datetime,
                 fresh: list[tuple[_Prepared, int]]) -> None:
    """Keep the self-reports that are not taken at face value; an integration's activities
    confirm pending ones (`ledger.trust`)."""
    reports = [trust.Report(a, p.user_id, p.type.id, p.day, p.trust, p.type.self_report_weight)
               for p, a in fresh if p.trust is not None]
    verified = [trust.Verified(a, p.user_id, p.type.id, p.day) for p, a in fresh
                if principal.user_id is None and p.type.self_report == "pending"]
    if reports or verified:
        org = await org_info(rt, principal.org_id, conn)
        await trust.write(conn, principal.org_id, org.tz, now, reports, verified)


async def _run_hooks(rt: Runtime, conn: AsyncConnection, principal: Principal, now: datetime,
                     counted: list[tuple[_Pending, int]], undo: list[Callable[[], None]],
                     ) -> tuple[events.ActivityBatch, list[int], list[AfterCommit]]:
    """Let the features react inside the transaction (to what counts: not pending self-reports, nor
    an activity whose units are all over the daily cap); write what they produced."""
    org = await org_info(rt, principal.org_id, conn)
    batch_ctx = events.ActivityBatch(
        org_id=principal.org_id, org=org, actor_user_id=principal.user_id, now=now, on_rollback=undo, activities=[
            events.FreshActivity(activity_id, entry_id, p.user_id, p.type.id, p.type.key, p.item.quantity,
                                 priced.earning_units, p.item.value, value_units, priced.points, p.occurred_at,
                                 p.day, p.row["source"], p.type.valued)
            for (p, activity_id, priced, value_units), entry_id in counted])
    for hook in rt.registry.activity_hooks:
        await hook(rt, conn, batch_ctx)
    extra_ids = await ledger_repo.insert_entries(conn, batch_ctx.entries) if batch_ctx.entries else []
    await sinks.write_notices(rt, conn, principal.org_id, batch_ctx.notices)
    feed_rows = await sinks.write_feed(rt, conn, principal.org_id, batch_ctx.feed, now)
    return batch_ctx, extra_ids, feed_rows


async def _extra_facts(rt: Runtime, org_id: int, rows: list[EntryRow], ids: list[int]) -> list[EntryFacts]:
    """Board facts of the ledger rows the hooks added (bonuses move the points boards)."""
    return entry_facts(await types_of(rt, org_id), rows, ids) if rows else []


def _from_row(row: Row[Any], type_key: str) -> Recorded:
    return Recorded(
        id=row.id, user_id=row.user_id, type=type_key, quantity=row.quantity, value=row.value,
        occurred_at=row.occurred_at, recorded_at=row.recorded_at, source=row.source,
        external_id=row.external_id, points_awarded=row.entry_points, units_over_cap=0,
        ledger_entry_id=row.entry_id, rule_version_id=None, duplicate=True,
    )


@dataclass(slots=True)
class Reversal:
    activity_id: int
    user_id: int
    reversal_entry_id: int
    points_reversed: int
    boards_updated: bool


@dataclass(slots=True)
class _Reversed:
    """A reversal written in a transaction: its entry, its board facts and its post-commit work."""

    user_id: int
    entry_id: int
    points: int
    facts: list[EntryFacts]
    after: list[AfterCommit]


async def reverse(rt: Runtime, principal: Principal, activity_id: int) -> Reversal:
    """Write the compensating ledger entry for an activity; every board moves back."""
    if not principal.is_manager:
        raise Forbidden("forbidden", "only managers and admins can reverse activities")
    await org_info(rt, principal.org_id)  # cached before the transaction, which reads it
    try:
        async with rt.engine.begin() as conn:
            done = await _reverse_in(rt, conn, principal.org_id, principal.user_id, activity_id, rt.now())
    except IntegrityError:
        done = None
    if done is None:
        raise Conflict("already_reversed", f"activity {activity_id} is already reversed")
    boarded = await apply_entries(rt, principal.org_id, done.facts)
    await sinks.run_after_commit(done.after)
    return Reversal(activity_id, done.user_id, done.entry_id, done.points, boarded)


async def _reversals(rt: Runtime, conn: AsyncConnection, principal: Principal, prepared: list[_Prepared],
                     reverse: list[int], now: datetime) -> dict[int, _Reversed | None]:
    """The reversals a `record` call asked for, the replaced activities of its accepted items included."""
    wanted = [*reverse, *(p.item.replaces for p in prepared if p.item.replaces is not None)]
    done: dict[int, _Reversed | None] = {}
    for activity_id in wanted:
        if activity_id not in done:
            done[activity_id] = await _reverse_in(rt, conn, principal.org_id, principal.user_id, activity_id, now)
    return done


async def _reverse_in(rt: Runtime, conn: AsyncConnection, org_id: int, actor_user_id: int | None,
                      activity_id: int, now: datetime) -> _Reversed | None:
    """In the caller's transaction: the compensating entry of one activity, the reversal hooks,
    their notices and feed, then the release of its capped units (that lock last). None if the
    activity was reversed before."""
    org = await org_info(rt, org_id, conn)
    orig = await ledger_repo.get_activity(conn, org_id, activity_id)
    if orig is None:
        raise NotFound("activity_not_found", f"activity {activity_id} not found")
    if await ledger_repo.reversal_of(conn, orig.entry_id) is not None:
        return None
    (entry_id,) = await ledger_repo.insert_entries(conn, [{
        "org_id": org_id, "user_id": orig.user_id, "kind": "reversal",
        "activity_id": orig.id, "type_id": orig.type_id, "rule_version_id": orig.rule_version_id,
        "reverses_id": orig.entry_id, "points": -orig.entry_points, "units": -orig.entry_units,
        "value_units": -orig.entry_value_units, "occurred_at": orig.occurred_at, "created_at": now,
        "created_by_user_id": actor_user_id,
    }])
    day = local_date(orig.occurred_at, org.tz)
    ctx = events.ReversalBatch(
        org_id=org_id, org=org, actor_user_id=actor_user_id, now=now, activity_id=orig.id,
        user_id=orig.user_id, type_id=orig.type_id, type_key=orig.type_key, quantity=orig.quantity,
        units=orig.entry_units, value_units=orig.entry_value_units, points=orig.entry_points,
        occurred_at=orig.occurred_at, day=day, recorded_at=orig.recorded_at)
    for hook in rt.registry.reversal_hooks:
        await hook(rt, conn, ctx)
    extra_ids = await ledger_repo.insert_entries(conn, ctx.entries) if ctx.entries else []
    await sinks.write_notices(rt, conn, org_id, ctx.notices)
    feed_rows = await sinks.write_feed(rt, conn, org_id, ctx.feed, now)
    if orig.rule_daily_cap is not None:  # only a capped rule counted these units; the lock goes last
        await ledger_repo.release_usage(conn, org_id, orig.user_id, orig.type_id, day, orig.quantity)
    facts = [EntryFacts(entry_id, orig.user_id, orig.type_key, orig.rule_value_points is not None,
                        -orig.entry_points, -orig.entry_units, -orig.entry_value_units, orig.occurred_at, now)]
    if ctx.entries:
        facts.extend(entry_facts(await types_of(rt, org_id, conn), ctx.entries, extra_ids))
    return _Reversed(orig.user_id, entry_id, orig.entry_points, facts, [*feed_rows, *ctx.after_commit])
