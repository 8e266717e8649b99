"""Helpers of the habit loop tests; their fixtures (`hrt`, `happ`, `hclient`: the habit loop
on) live in tests/conftest.py."""

from __future__ import annotations

from datetime import datetime

import httpx
from sqlalchemy import update

from server.accounts.models import User
from server.core.runtime import Runtime
from tests.conftest import Api, new_org
from tests.support.api import noon_zone


async def habit_org(client: httpx.AsyncClient, keep_rank_badge: bool = False, **settings) -> Api:
    """An org where it is about noon (today cannot roll over mid-test), every day a working day
    and the at-risk hour not reached, unless `settings` say otherwise. The starter "top of the
    day" badge is retired unless kept: alone on a board, every rep would earn it at a day close
    (`jobs.close_rank_periods`, which other tests run for every org)."""
    admin = await new_org(client, timezone=noon_zone())
    body = {"workdays": [0, 1, 2, 3, 4, 5, 6], "at_risk_hour": 23, **settings}
    await admin.ok("patch", "/streak-settings", body)
    if not keep_rank_badge:
        top = next(b for b in (await admin.ok("get", "/badges"))["items"] if b["key"] == "top_of_day")
        assert (await admin.delete(f"/badges/{top['id']}")).status_code == 204
    return admin


async def ledger_kinds(api: Api) -> list[tuple[str, int]]:
    rows = (await api.ok("get", "/me/ledger", limit=200))["entries"]
    return [(r["kind"], r["points"]) for r in reversed(rows)]


async def only_templates(admin: Api, *specs) -> None:
    """Replace the org's mission templates by (key, type, target, bonus) ones, pinned in order."""
    for t in (await admin.ok("get", "/mission-templates"))["items"]:
        assert (await admin.delete(f"/mission-templates/{t['id']}")).status_code == 204
    for key, type_, target, bonus in specs:
        await admin.ok("post", "/mission-templates", {"key": key, "label": f"{{target}} x {type_}", "type": type_,
                                                       "min_target": target, "max_target": target,
                                                       "bonus_points": bonus, "pinned": True}, status=201)


async def started_at(rt: Runtime, api: Api, at: datetime) -> None:
    """Date the account of `api`'s user back to `at` (the API stamps accounts with the wall clock)."""
    async with rt.engine.begin() as conn:
        await conn.execute(update(User).where(User.id == api.user_id).values(created_at=at))
