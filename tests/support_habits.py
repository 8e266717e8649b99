"""Fixtures of the habit loop tests: an app whose runtime has HABITS_ENABLED on (the shared
one runs with it off so exact-points tests elsewhere are not moved by bonuses)."""

from __future__ import annotations

import httpx
import pytest

from server.app import create_app
from server.runtime import Runtime
from tests.conftest import Api, make_settings, new_org
from tests.support_api import noon_zone


@pytest.fixture(scope="session")
async def hrt(database_url, redis_url):
    runtime = Runtime(make_settings(database_url, redis_url, habits_enabled=True))
    yield runtime
    await runtime.close()


@pytest.fixture(scope="session")
async def happ(hrt):
    application = create_app(rt=hrt, background=False)
    application.state.rt = hrt
    return application


@pytest.fixture
async def hclient(happ):
    transport = httpx.ASGITransport(app=happ)
    async with httpx.AsyncClient(transport=transport, base_url="http://test", timeout=60) as c:
        yield c


async def habit_org(client: httpx.AsyncClient, keep_rank_badge: bool = False, **settings) -> Api:
    """An org where it is about noon (today cannot roll over mid-test), every day a working day
    and the at-risk hour not reached, unless `settings` say otherwise. The starter "top of the
    day" badge is retired unless kept: alone on a board, every rep would earn it."""
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
