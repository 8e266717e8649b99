"""Small helpers for the HTTP behaviour tests (no mocks: they only shape requests and checks)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import jwt

from tests.conftest import Api, new_org, unique


def noon_zone(now: datetime | None = None) -> str:
    """An IANA zone where it is about noon right now, so "today" and "this week" cannot roll over
    while a test runs (the suite may run at any hour)."""
    now = now or datetime.now(UTC)
    offset = 12 - now.hour  # -11 .. +12 hours
    if offset == 0:
        return "Etc/GMT"
    return f"Etc/GMT{'-' if offset > 0 else '+'}{abs(offset)}"  # Etc/GMT-N is UTC+N


async def noon_org(client: httpx.AsyncClient, **extra) -> Api:
    return await new_org(client, timezone=noon_zone(), **extra)


async def org_zone(api: Api) -> str:
    """The org's time zone name, as stored."""
    return (await api.ok("get", "/org"))["timezone"]


def iso(at: datetime) -> str:
    return at.astimezone(UTC).isoformat().replace("+00:00", "Z")


def ago(**delta) -> datetime:
    return datetime.now(UTC) - timedelta(**delta)


def local_day(at: datetime, zone_name: str) -> str:
    return at.astimezone(ZoneInfo(zone_name)).date().isoformat()


def assert_error(r: httpx.Response, status: int, code: str) -> dict:
    """The response is `status` with the documented error body and `code`; returns the error."""
    assert r.status_code == status, f"expected {status} {code}, got {r.status_code} {r.text}"
    body = r.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert set(error) <= {"code", "message", "details"}, error
    assert isinstance(error["message"], str) and error["message"], error
    assert error["code"] == code, f"expected code {code}, got {error}"
    return error


async def login(client: httpx.AsyncClient, email: str, password: str) -> httpx.Response:
    return await client.post("/api/v1/auth/login", json={"email": email, "password": password})


async def balance(api: Api) -> int:
    return (await api.ok("get", "/me"))["points_balance"]


async def score_of(api: Api, user_id: int, metric: str = "points", **params) -> int | None:
    """A user's score on a board page (None when absent)."""
    board = await api.board(metric, limit=200, **params)
    return next((e["score"] for e in board["entries"] if e["user_id"] == user_id), None)


async def type_key(admin: Api, prefix: str = "t", **rule) -> str:
    """Create an activity type with a unique key and return the key."""
    key = unique(prefix).lower()
    body = {"key": key, "label": key.title(), "points": 1, **rule}
    await admin.ok("post", "/activity-types", body, status=201)
    return key


def claims(token: str) -> dict:
    """What a JWT says, unverified (the tests read their own tokens' session ids)."""
    return jwt.decode(token, options={"verify_signature": False})
