"""The generated Python client (clients/python) against a real API server on a free port: sign-up,
login, an activity, the board it moved, and errors parsed into the `ErrorResponse` model. The
client is synchronous (httpx), so it runs in a thread while the server runs on the test's loop."""

from __future__ import annotations

import asyncio
import importlib.util

import pytest
import uvicorn
from reprally_client import AuthenticatedClient, Client
from reprally_client.api.activities import create_activity
from reprally_client.api.auth import create_org, login
from reprally_client.api.leaderboards import get_leaderboard
from reprally_client.models import (
    ActivityIn,
    ActivityOut,
    AdminIn,
    BoardOut,
    ErrorResponse,
    LoginIn,
    OrgCreate,
    OrgCreated,
    TokensOut,
)

from server.app import create_app
from tests.clients.conftest import PYTHON_CLIENT
from tests.conftest import PASSWORD, free_port, unique


@pytest.fixture(scope="module")
async def base_url(rt):
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(rt=rt, background=False), host="127.0.0.1", port=port,
                                           log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    await task


def _sign_up(base_url: str) -> tuple[str, OrgCreated]:
    email = f"{unique('owner')}@example.com"
    made = create_org.sync(client=Client(base_url), body=OrgCreate(
        name=unique("Client org "), timezone="UTC",
        admin=AdminIn(email=email, password=PASSWORD, display_name="Olive Owner")))
    assert isinstance(made, OrgCreated), made
    return email, made


def _journey(base_url: str) -> dict[str, object]:
    email, made = _sign_up(base_url)
    public = Client(base_url)
    wrong = login.sync_detailed(client=public, body=LoginIn(email=email, password="not-the-password-1"))
    tokens = login.sync(client=public, body=LoginIn(email=email, password=PASSWORD))
    assert isinstance(tokens, TokensOut)
    api = AuthenticatedClient(base_url, token=tokens.access_token)
    first = create_activity.sync_detailed(client=api, body=ActivityIn(type_="call", quantity=3, external_id="c-1"))
    again = create_activity.sync_detailed(client=api, body=ActivityIn(type_="call", quantity=3, external_id="c-1"))
    board = get_leaderboard.sync("points", client=api, window="week")
    unknown = create_activity.sync_detailed(client=api, body=ActivityIn(type_="teleport"))
    bad_window = get_leaderboard.sync_detailed("points", client=AuthenticatedClient(base_url, token="nope"))
    return {"made": made, "wrong": wrong, "first": first, "again": again, "board": board, "unknown": unknown,
            "bad_token": bad_window}


async def test_the_generated_client_drives_the_live_api(base_url):
    seen = await asyncio.to_thread(_journey, base_url)
    made = seen["made"]
    assert isinstance(made, OrgCreated) and made.user.role == "admin" and made.user.display_name == "Olive Owner"
    wrong = seen["wrong"]
    assert wrong.status_code == 401 and isinstance(wrong.parsed, ErrorResponse)
    assert wrong.parsed.error.code == "invalid_credentials"
    first, again = seen["first"], seen["again"]
    assert first.status_code == 201 and isinstance(first.parsed, ActivityOut) and first.parsed.points_awarded == 6 and not first.parsed.duplicate
    assert again.status_code == 200 and again.parsed.id == first.parsed.id and again.parsed.duplicate
    board = seen["board"]
    assert isinstance(board, BoardOut) and board.window == "week" and board.total == 1
    assert [(e.rank, e.user_id, e.display_name, e.score) for e in board.entries] == [
        (1, made.user.id, "Olive Owner", 6)]
    unknown = seen["unknown"]
    assert unknown.status_code == 400 and isinstance(unknown.parsed, ErrorResponse)
    assert unknown.parsed.error.code == "unknown_activity_type" and "teleport" in unknown.parsed.error.message
    bad_token = seen["bad_token"]
    assert bad_token.status_code == 401 and bad_token.parsed.error.code == "invalid_token"


async def test_the_readme_example_runs_against_the_live_api(base_url):
    spec = importlib.util.spec_from_file_location("client_example", PYTHON_CLIENT / "example.py")
    assert spec is not None and spec.loader is not None
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)
    email, made = await asyncio.to_thread(_sign_up, base_url)
    board, refused = await asyncio.to_thread(example.tour, base_url, email, PASSWORD)
    assert [(e.user_id, e.score) for e in board.entries] == [(made.user.id, 2)]
    assert refused.error.code == "unknown_activity_type"
