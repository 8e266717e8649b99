"""A runtime of the chat tests' own: a manual clock (retries, caps and quiet hours are timed
exactly), loopback webhook URLs allowed, a public URL for the board link."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import update

from server.chat.models import ChatOutbox
from server.core.clock import ManualClock
from server.features import make_runtime
from tests.chat.standin import WebhookStandIn
from tests.conftest import _app_of, _client_of, make_settings

PUBLIC_URL = "https://rally.example.com"


@pytest.fixture(scope="module")
def clock():
    return ManualClock(datetime.now(UTC).replace(microsecond=0))


@pytest.fixture(scope="module")
async def crt(database_url, redis_url, clock):
    runtime = make_runtime(make_settings(database_url, redis_url, chat_allow_loopback=True, public_url=PUBLIC_URL,
                                         chat_max_attempts=3), clock=clock)
    yield runtime
    await runtime.close()


@pytest.fixture(scope="module")
async def capp(crt):
    return _app_of(crt)


@pytest.fixture
async def cclient(capp, crt):
    async with _client_of(capp) as c:
        yield c
    async with crt.engine.begin() as conn:  # what a test left queued never reaches the next one's stand-ins
        await conn.execute(update(ChatOutbox).where(ChatOutbox.state == "pending").values(state="dropped"))


@pytest.fixture
def slack():
    s = WebhookStandIn("slack")
    yield s
    s.stop()


@pytest.fixture
def teams():
    s = WebhookStandIn("teams")
    yield s
    s.stop()
