"""Fixtures of the habit loop tests (loaded with `pytest_plugins`): an app whose runtime has
HABITS_ENABLED on (the shared one runs with it off so exact-points tests elsewhere are not
moved by bonuses)."""

from __future__ import annotations

import httpx
import pytest

from server.app import create_app
from server.runtime import Runtime
from tests.conftest import make_settings


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
