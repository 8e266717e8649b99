"""The push sender: works through the outbox with the firebase-admin SDK.

One run (`send_due`) claims due rows under a lease, applies the rep's preferences (kind off,
quiet hours in their own time zone, staleness, the hourly cap with bundling), sends one message
per device through `messaging.send_each_async` (chunks of 500), then records each row's outcome
under the same lease: sent / bundled, retry later with backoff and jitter, failed with a reason.
Tokens FCM calls unregistered or invalid are deleted.

Nothing a rep notices is lost or duplicated by a crash: a claimed row whose sender died is taken
again when its lease runs out, and a resend carries the same collapse key (`android.collapse_key`,
`apns-collapse-id`) and notification id, so the device shows it once.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from firebase_admin import messaging
from sqlalchemy import Row

from server.core.errors import DomainError
from server.core.observability import metrics
from server.core.periods import zone
from server.core.runtime import Runtime
from server.notifications import fcm, rules
from server.notifications import store as repo

log = logging.getLogger("reprally.push")

_DATA_LIMIT = 3000  # bytes of our JSON payload (FCM allows 4096 for the whole data map)


@dataclass(slots=True)
class Report:
    claimed: int = 0
    messages: int = 0
    sent: int = 0
    bundled: int = 0
    retried: int = 0
    failed: int = 0
    dropped: int = 0  # off, expired, no device
    deferred: int = 0  # quiet hours or cap
    tokens_removed: int = 0


@dataclass(slots=True)
class _Unit:
    """One push: a single notification or a bundle of several, to the rep's devices."""

    rows: list[Row[Any]]  # outbox rows, oldest first (the first carries the push)
    title: str
    body: str
    data: dict[str, str]
    collapse: str
    ttl: timedelta
    devices: list[repo.DeviceRow]
    ok: set[int] = field(default_factory=set)
    removed: set[int] = field(default_factory=set)
    retry: list[fcm.Outcome] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def _data(note: Row[Any], extra: dict[str, str] | None = None) -> dict[str, str]:
    payload = json.dumps(note.data or {}, separators=(",", ":"), default=str)
    out = {"notification_id": str(note.id), "kind": note.kind}
    if len(payload.encode()) <= _DATA_LIMIT:
        out["data"] = payload
    out.update(extra or {})
    return out


def _message(unit: _Unit, device: repo.DeviceRow, now: datetime) -> messaging.Message:
    expires = int((now + unit.ttl).timestamp())
    return fcm.message(
        device.token,
        notification=messaging.Notification(title=unit.title, body=unit.body),
        data=unit.data,
        android=messaging.AndroidConfig(collapse_key=unit.collapse, priority="high", ttl=unit.ttl),
        apns=messaging.APNSConfig(headers={"apns-collapse-id": unit.collapse, "apns-priority": "10",
                                           "apns-push-type": "alert", "apns-expiration": str(expires)}),
        webpush=messaging.WebpushConfig(headers={"TTL": str(int(unit.ttl.total_seconds())), "Urgency": "high"}),
    )


async def send_due(rt: Runtime, *, limit: int | None = None, now: datetime | None = None) -> Report:
    """One sender run. Safe to run in several workers at once."""
    report = Report()
    app = fcm.app_for(rt.settings)
    if app is None:
        return report
    now = now or rt.now()
    owner = uuid.uuid4().hex
    async with rt.engine.begin() as conn:
        rows = await repo.claim(conn, owner, now, now + timedelta(seconds=rt.settings.push_lease_s),
                                limit or rt.settings.push_claim)
    report.claimed = len(rows)
    if not rows:
        return report
    user_ids = sorted({r.user_id for r in rows})
    async with rt.engine.connect() as conn:
        notes = await repo.by_ids(conn, [r.id for r in rows])
        prefs = await repo.get_prefs(conn, user_ids)
        defaults = await repo.get_defaults(conn, sorted({r.org_id for r in rows}))
        tzs = await repo.time_zones(conn, user_ids)
        sent = await repo.sent_times(conn, user_ids, now - rules.CAP_WINDOW)
        devices = await repo.devices_of(conn, user_ids)
    updates: list[repo.OutboxUpdate] = []
    units: list[_Unit] = []
    by_user: dict[int, list[Row[Any]]] = defaultdict(list)
    for r in rows:
        by_user[r.user_id].append(r)
    for uid, group in by_user.items():
        units += _plan_user(rt, uid, group, notes, prefs.get(uid), defaults.get(group[0].org_id), tzs.get(uid),
                            sent.get(uid, []), devices.get(uid, []), now, updates, report)
    pairs = [(u, d) for u in units for d in u.devices]
    outcomes = await fcm.send(app, [_message(u, d, now) for u, d in pairs]) if pairs else []
    report.messages = len(pairs)
    for (unit, device), outcome in zip(pairs, outcomes, strict=True):
        _record(unit, device, outcome)
    removed: set[int] = set()
    for unit in units:
        removed |= unit.removed
        updates += _finish(unit, now, report)
    report.tokens_removed = len(removed)
    async with rt.engine.begin() as conn:
        await repo.remove_devices(conn, sorted(removed))
        await repo.finish(conn, owner, updates)
    return report


def _plan_user(rt: Runtime, uid: int, group: list[Row[Any]], notes: dict[int, Row[Any]],
               pref: Row[Any] | None, org_defaults: rules.OrgDefaults | None, tz_name: str | None, sent: list[datetime], devices: list[repo.DeviceRow],
               now: datetime, updates: list[repo.OutboxUpdate], report: Report) -> list[_Unit]:
    live: list[Row[Any]] = []
    for r in group:
        if not rules.kind_enabled(r.kind, pref.kinds if pref else None, org_defaults):
            updates.append({"id": r.id, "state": "off"})
            report.dropped += 1
        elif rules.is_stale(r.kind, r.created_at, now):
            updates.append({"id": r.id, "state": "expired", "last_error": "stale before it could be sent"})
            report.dropped += 1
        else:
            live.append(r)
    if not live:
        return []
    if not devices:
        updates += [{"id": r.id, "state": "no_device"} for r in live]
        report.dropped += len(live)
        return []
    try:
        tz = zone(tz_name or "UTC")
    except DomainError:
        tz = zone("UTC")
    until = rules.quiet_until(now, tz, *rules.quiet_hours(pref.quiet_start if pref else None,
                                                          pref.quiet_end if pref else None, org_defaults))
    if until is not None:
        updates += [{"id": r.id, "due_at": until} for r in live]
        report.deferred += len(live)
        return []
    plan = rules.plan_pushes([r.id for r in live], sent, rt.settings.push_cap_per_hour, now)
    if plan.defer_until is not None:  # set exactly when ids are deferred
        updates += [{"id": rid, "due_at": plan.defer_until} for rid in plan.deferred]
        report.deferred += len(plan.deferred)
    by_id = {r.id: r for r in live}
    units: list[_Unit] = []
    for rid in plan.single:
        r, note = by_id[rid], notes[rid]
        done = set(r.sent_devices or [])
        units.append(_Unit([r], note.title, note.body, _data(note), note.collapse_key or rules.collapse_key(
            f"{note.kind}:{note.id}"), rules.spec(note.kind).ttl, [d for d in devices if d.id not in done]))
    if plan.bundle:
        members = [by_id[rid] for rid in plan.bundle]
        title, body = rules.bundle_text(len(members))
        first = notes[members[0].id]
        units.append(_Unit(members, title, body,
                           {"notification_id": str(first.id), "kind": rules.BUNDLE_KIND,
                            "ids": ",".join(str(m.id) for m in members)},
                           rules.collapse_key(f"bundle:{uid}"), timedelta(hours=1), list(devices)))
    return units


def _record(unit: _Unit, device: repo.DeviceRow, outcome: fcm.Outcome) -> None:
    metrics.PUSH_RESULTS.labels("ok" if outcome.ok else outcome.code or "unknown").inc()
    if outcome.ok:
        unit.ok.add(device.id)
        return
    action = rules.error_action(outcome.code, outcome.message)
    if action == rules.DELETE_TOKEN:
        unit.removed.add(device.id)
        unit.failed.append(f"{outcome.code}: token removed")
    elif action == rules.RETRY:
        unit.retry.append(outcome)
    else:
        unit.failed.append(f"{outcome.code}: {outcome.message}"[:200])


def _finish(unit: _Unit, now: datetime, report: Report) -> list[repo.OutboxUpdate]:
    carrier = unit.rows[0]
    reached = sorted(set(carrier.sent_devices or []) | unit.ok)
    if unit.retry:
        attempts = max(r.attempts for r in unit.rows) + 1
        worst = next((o for o in unit.retry if o.code == "quota_exceeded"), unit.retry[0])
        if attempts >= rules.MAX_ATTEMPTS:
            report.failed += len(unit.rows)
            return [{"id": r.id, "state": "failed", "attempts": attempts,
                     "last_error": f"gave up after {attempts} attempts: {worst.code}: {worst.message}"[:300]}
                    for r in unit.rows]
        delay = rules.backoff_s(attempts, quota=worst.code == "quota_exceeded", retry_after_s=worst.retry_after_s)
        report.retried += len(unit.rows)
        return [{"id": r.id, "attempts": attempts, "due_at": now + timedelta(seconds=delay),
                 "sent_devices": reached if r is carrier else list(r.sent_devices or []),
                 "last_error": f"{worst.code}: {worst.message}"[:300]} for r in unit.rows]
    if reached:
        report.sent += 1
        report.bundled += len(unit.rows) - 1
        out: list[repo.OutboxUpdate] = [
            {"id": carrier.id, "state": "sent", "sent_at": now, "sent_devices": reached,
             "bundle_size": len(unit.rows), "attempts": carrier.attempts + 1,
             "last_error": "; ".join(unit.failed)[:300] or None}]
        return out + [{"id": r.id, "state": "bundled", "sent_at": now} for r in unit.rows[1:]]
    report.failed += len(unit.rows)
    reason = "; ".join(unit.failed)[:300] or "no device accepted it"
    return [{"id": r.id, "state": "failed", "attempts": r.attempts + 1, "last_error": reason} for r in unit.rows]


async def drain(rt: Runtime, *, max_runs: int = 100) -> Report:
    """Run the sender until nothing due is left (or `max_runs`)."""
    total = Report()
    for _ in range(max_runs):
        r = await send_due(rt)
        for f in Report.__slots__:
            setattr(total, f, getattr(total, f) + getattr(r, f))
        if r.claimed < rt.settings.push_claim:
            break
    return total

