"""The worker's side of chat posting: claim due outbox rows, post them, record what happened.

Per channel, in order: a channel switched off or broken drops its messages; inside quiet hours
(the org's time zone) they wait for the window's end; at the hourly cap they wait for the
oldest send of the hour to age out; a message older than `CHAT_MAX_AGE_S` is dropped. Each post
is read by `rules.outcome`: sent; retried with exponential back-off (429: after `Retry-After`) up
to `CHAT_MAX_ATTEMPTS`; a message the provider refuses fails alone; a webhook the provider says is
gone (401/403/404/410, `invalid_token`, `channel_not_found`...) marks the channel broken, with
the error on it, and drops what it still had queued. The webhook URL is never logged: log lines
and stored errors name the channel id and the provider's answer only.
"""

from __future__ import annotations

import logging
import os
import socket
from collections import defaultdict
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import Row

from server.accounts import service as accounts
from server.accounts.directory import org_info
from server.chat import rules, store, vault
from server.core.observability import metrics
from server.core.runtime import Part, Runtime
from server.ledger.types import types_of

log = logging.getLogger("reprally.chat")

#: Rows claimed per run; a full run is followed by another at once (`jobs.py`).
CLAIM = 50
#: How long a run holds the rows it claimed.
LEASE_S = 120.0
_OWNER = f"{socket.gethostname()}:{os.getpid()}"


def _client(rt: Runtime) -> httpx.AsyncClient:
    return httpx.AsyncClient(timeout=rt.settings.chat_timeout_s, follow_redirects=False,
                             headers={"user-agent": "RepRally chat"})


_HTTP: Part[httpx.AsyncClient] = Part("chat.http", _client)


def board_url(rt: Runtime) -> str | None:
    """The TV board under the public base URL (`PUBLIC_URL`); no link without one."""
    base = rt.settings.public_url.rstrip("/")
    return f"{base}/tv/" if base else None


async def drain(rt: Runtime) -> int:
    """One run: returns how many rows it claimed."""
    now = rt.now()
    async with rt.engine.begin() as conn:
        rows = await store.claim(conn, _OWNER, now, now + timedelta(seconds=LEASE_S), CLAIM)
    if not rows:
        return 0
    by_channel: dict[int, list[Row[Any]]] = defaultdict(list)
    for r in rows:
        by_channel[r.channel_id].append(r)
    async with rt.engine.connect() as conn:
        channels = await store.channels_by_id(conn, list(by_channel))
    for channel_id, queued in by_channel.items():
        channel = channels.get(channel_id)
        if channel is not None:  # a deleted channel took its rows with it
            await _channel(rt, channel, queued)
    return len(rows)


async def _finish(rt: Runtime, row: Row[Any], **values: Any) -> None:
    async with rt.engine.begin() as conn:
        await store.finish(conn, _OWNER, row.id, values)


async def _drop(rt: Runtime, channel: Row[Any], rows: list[Row[Any]], reason: str) -> None:
    for r in rows:
        await _finish(rt, r, state="dropped", last_error=reason)
        metrics.CHAT_MESSAGES.labels(channel.provider, "dropped").inc()


async def _channel(rt: Runtime, channel: Row[Any], rows: list[Row[Any]]) -> None:
    if not channel.active or channel.status != "ok":
        await _drop(rt, channel, rows, "channel switched off" if not channel.active else "channel broken")
        return
    now = rt.now()
    org = await org_info(rt, channel.org_id)
    until = rules.quiet_until(now, org.tz, channel.quiet_start, channel.quiet_end)
    if until is not None:
        for r in rows:
            await _finish(rt, r, due_at=until)
        return
    stale = [r for r in rows if (now - r.created_at).total_seconds() > rt.settings.chat_max_age_s]
    await _drop(rt, channel, stale, "stale: not sent in time")
    rows = [r for r in rows if r not in stale]
    async with rt.engine.connect() as conn:
        sent = await store.sent_times(conn, channel.id, now - timedelta(hours=1))
    try:
        url = vault.unseal(rt, channel.url_enc)
    except vault.Unreadable as exc:
        await _broken(rt, channel, rows, str(exc))
        return
    names, labels = await _names(rt, channel.org_id, rows)
    for i, r in enumerate(rows):
        frees = rules.cap_frees_at(sent, channel.hourly_cap, rt.now())
        if frees is not None:
            for later in rows[i:]:
                await _finish(rt, later, due_at=frees)
            return
        m = rules.message(r.topic, r.data or {}, names, labels)
        result = await _post(rt, channel, r, url, rules.payload(channel.provider, m, board_url(rt)))
        if result == "sent":
            sent.append(rt.now())
        elif result == "broken":
            await _broken(rt, channel, rows[i + 1:], None)
            return


async def _names(rt: Runtime, org_id: int, rows: list[Row[Any]]) -> tuple[dict[int, str], dict[str, str]]:
    ids: set[int] = set()
    for r in rows:
        d = r.data or {}
        ids |= {int(v) for v in (d.get("user_id"), d.get("from_user_id")) if isinstance(v, int)}
        ids |= {int(w["user_id"]) for w in d.get("winners", []) if isinstance(w.get("user_id"), int)}
    users = await accounts.users_by_id(rt, org_id, sorted(ids)) if ids else {}
    labels = {k: t.label for k, t in (await types_of(rt, org_id)).items()}
    return {u: user.display_name for u, user in users.items()}, labels


async def _post(rt: Runtime, channel: Row[Any], row: Row[Any], url: str, body: dict[str, Any]) -> str:
    attempt = row.attempts + 1
    now = rt.now()
    try:
        answer = await rt.part(_HTTP).post(url, json=body)
        status, text, retry_after = answer.status_code, answer.text, answer.headers.get("retry-after")
        got = rules.outcome(status, text, retry_after, now, attempt)
    except httpx.HTTPError as exc:  # the URL is in some of httpx's messages: keep the kind only
        got = rules.Outcome("retry", f"network: {type(exc).__name__}", rules.backoff_s(attempt))
    result = got.result
    if result == "retry" and attempt >= rt.settings.chat_max_attempts:
        result = "failed"
    metrics.CHAT_MESSAGES.labels(channel.provider, result).inc()
    if result == "sent":
        await _finish(rt, row, state="sent", attempts=attempt, sent_at=now, last_error=None)
        async with rt.engine.begin() as conn:
            await store.set_status(conn, channel.id, {"last_sent_at": now})
    elif result == "retry":
        await _finish(rt, row, attempts=attempt, last_error=got.error,
                      due_at=now + timedelta(seconds=got.wait_s))
    else:
        await _finish(rt, row, state="failed", attempts=attempt, last_error=got.error)
        if result == "broken":
            async with rt.engine.begin() as conn:
                await store.set_status(conn, channel.id, {"status": "broken", "last_error": got.error,
                                                          "broken_at": now})
    if result != "sent":
        log.warning("chat channel %s (%s): %s, attempt %s: %s", channel.id, channel.provider, result, attempt,
                    got.error)
    return result


async def _broken(rt: Runtime, channel: Row[Any], rest: list[Row[Any]], error: str | None) -> None:
    """The channel cannot post: say so on it (unless already said) and drop what it had queued."""
    if error is not None:
        async with rt.engine.begin() as conn:
            await store.set_status(conn, channel.id, {"status": "broken", "last_error": error[:300],
                                                      "broken_at": rt.now()})
    await _drop(rt, channel, rest, "channel broken")
    async with rt.engine.begin() as conn:
        await store.drop_pending(conn, channel.id, "channel broken")


