"""The error contract (every 4xx is `{"error": {"code", "message"}}`, never a 500 for bad input)
and org isolation (nothing of one org is visible to, or changeable by, another)."""

from __future__ import annotations

import asyncio

import pytest

from tests.conftest import new_org
from tests.support.api import assert_error, noon_org, score_of

JSON = {"content-type": "application/json"}

BAD_BODIES = [
    # (method, path, raw body, status, code)
    ("POST", "/activities", b"{bad", 400, "invalid_request"),
    ("POST", "/activities", b'{"type": "call"', 400, "invalid_request"),
    ("POST", "/activities", b"not json at all", 400, "invalid_request"),
    ("POST", "/activities", b"", 400, "invalid_request"),
    ("POST", "/activities", b"[]", 400, "invalid_request"),
    ("POST", "/activities", b'"call"', 400, "invalid_request"),
    ("POST", "/activities", b"null", 400, "invalid_request"),
    ("POST", "/activities", b"{}", 400, "invalid_request"),                                  # type missing
    ("POST", "/activities", b'{"type": "call", "points": 1000}', 400, "invalid_request"),    # unknown field
    ("POST", "/activities", b'{"type": 5}', 400, "invalid_request"),
    ("POST", "/activities", b'{"type": "call", "quantity": "two"}', 400, "invalid_request"),
    ("POST", "/activities", b'{"type": "call", "quantity": true}', 400, "invalid_request"),
    ("POST", "/activities", b'{"type": "call", "quantity": [1]}', 400, "invalid_request"),
    ("POST", "/activities", b'{"type": "call", "quantity": 1.5}', 400, "invalid_request"),
    ("POST", "/activities", b'{"type": "call", "value": "lots"}', 400, "invalid_request"),
    ("POST", "/activities", b'{"type": "call", "occurred_at": "yesterday"}', 400, "invalid_request"),
    ("POST", "/activities", b'{"type": "call", "external_id": 5}', 400, "invalid_request"),
    ("POST", "/activities", b'{"type": "call", "user_id": -1}', 400, "invalid_request"),
    ("POST", "/activities", b'{"type": "call", "user_id": "someone"}', 400, "invalid_request"),
    ("POST", "/activities", b'{"type": ""}', 400, "invalid_request"),
    ("POST", "/activities/batch", b'{"activities": [', 400, "invalid_request"),
    ("POST", "/activities/batch", b'{"items": []}', 400, "invalid_request"),
    ("POST", "/teams", b'{"name": "T", "colour": "red"}', 400, "invalid_request"),
    ("POST", "/teams", b'{"name": ""}', 400, "invalid_request"),
    ("POST", "/teams", b"{oops}", 400, "invalid_request"),
    ("POST", "/users", b'{"email": "a@b.co", "display_name": "A", "password": "Rally-otter-sunrise-42", "role": "owner"}',
     400, "invalid_request"),
    ("POST", "/users", b'{"email": "a@b.co", "display_name": "A", "password": "Rally-otter-sunrise-42", "salary": 1}',
     400, "invalid_request"),
    ("PATCH", "/users/{me}", b'{"nickname": "x"}', 400, "invalid_request"),
    ("PATCH", "/users/{me}", b'{"active": "maybe"}', 400, "invalid_request"),
    ("PATCH", "/org", b'{"currency": "EUR"}', 400, "invalid_request"),
    ("PATCH", "/org", b'{"week_start": "funday"}', 400, "invalid_request"),
    ("PATCH", "/org", b'{"timezone": "Atlantis/Capital"}', 400, "invalid_timezone"),
    ("PATCH", "/activity-types/call", b'{"points": "many"}', 400, "invalid_request"),
    ("PATCH", "/activity-types/call", b'{"key": "renamed"}', 400, "invalid_request"),
    ("POST", "/api-keys", b"{}", 400, "invalid_request"),
    ("POST", "/auth/login", b"{nope", 400, "invalid_request"),
    ("POST", "/auth/login", b'{"email": "a@b.co"}', 400, "invalid_request"),
    ("POST", "/auth/login", b'{"email": "a@b.co", "password": "x", "remember": true}', 400, "invalid_request"),
    ("POST", "/auth/refresh", b"{}", 400, "invalid_request"),
    ("POST", "/orgs", b"{}", 400, "invalid_request"),
    ("POST", "/orgs", b"[", 400, "invalid_request"),
]


@pytest.mark.parametrize(("method", "path", "raw", "status", "code"), BAD_BODIES)
async def test_bad_bodies_are_4xx_with_the_error_contract(org, method, path, raw, status, code):
    path = path.replace("{me}", str(org.user_id))
    r = await org.client.request(method, f"/api/v1{path}", headers={**org.headers, **JSON}, content=raw)
    assert_error(r, status, code)


async def test_bad_bodies_change_nothing(org):
    for method, path, raw, _, _ in BAD_BODIES:
        if path.startswith("/activities"):
            await org.client.request(method, f"/api/v1{path}", headers={**org.headers, **JSON}, content=raw)
    assert (await org.ok("get", "/me"))["points_balance"] == 0
    assert (await org.ok("get", "/me/ledger"))["entries"] == []


@pytest.mark.parametrize(("method", "path", "status", "code"), [
    ("GET", "/api/v1/nope", 404, "not_found"),
    ("GET", "/api/v2/me", 404, "not_found"),
    ("GET", "/nowhere", 404, "not_found"),
    ("POST", "/api/v1/activities/abc/reverse", 404, "not_found"),
    ("GET", "/api/v1/users/not-a-number", 404, "not_found"),
    ("PUT", "/api/v1/activities", 405, "method_not_allowed"),
    ("GET", "/api/v1/activities", 405, "method_not_allowed"),
    ("DELETE", "/api/v1/me", 405, "method_not_allowed"),
    ("GET", "/api/v1/auth/login", 405, "method_not_allowed"),
    ("PATCH", "/api/v1/api-keys/1", 405, "method_not_allowed"),
    ("POST", "/api/v1/leaderboards/points", 405, "method_not_allowed"),
    ("DELETE", "/api/v1/teams/1", 405, "method_not_allowed"),
])
@pytest.mark.parametrize("authenticated", [True, False])
async def test_unknown_routes_are_404_and_wrong_methods_405(org, method, path, status, code, authenticated):
    headers = org.headers if authenticated else {}
    r = await org.client.request(method, path, headers=headers)
    assert_error(r, status, code)


@pytest.mark.parametrize(("query", "status", "code"), [
    ("/leaderboards/points?window=year", 400, "invalid_window"),
    ("/leaderboards/points?limit=0", 400, "invalid_limit"),
    ("/leaderboards/points?limit=201", 400, "invalid_limit"),
    ("/leaderboards/points?limit=ten", 400, "invalid_request"),
    ("/leaderboards/points?offset=-1", 400, "invalid_offset"),
    ("/leaderboards/points?segment=galaxy", 400, "invalid_segment"),
    ("/leaderboards/points?segment=team:abc", 400, "invalid_segment"),
    ("/leaderboards/points?window=day&period=yesterday", 400, "invalid_period"),
    ("/leaderboards/points?window=week&period=2026-11-18", 400, "invalid_period"),
    ("/leaderboards/points?segment=team:999999999", 404, "team_not_found"),
    ("/leaderboards/telepathy", 404, "unknown_metric"),
    ("/leaderboards/points/around/999999999", 404, "user_not_found"),
    ("/leaderboards/points/around/{me}?radius=51", 400, "invalid_radius"),
    ("/users?limit=0", 400, "invalid_request"),
    ("/users?active=perhaps", 400, "invalid_request"),
    ("/me/ledger?limit=abc", 400, "invalid_request"),
])
async def test_bad_queries_are_4xx_with_a_code(org, query, status, code):
    r = await org.client.get(f"/api/v1{query.replace('{me}', str(org.user_id))}", headers=org.headers)
    assert_error(r, status, code)


async def test_concurrent_creation_of_the_same_team_is_one_201_and_409s(org):
    rs = await asyncio.gather(*[org.post("/teams", {"name": "Racers"}) for _ in range(4)])
    assert sorted(r.status_code for r in rs) == [201, 409, 409, 409], [r.text for r in rs]
    for r in rs:
        if r.status_code == 409:
            assert_error(r, 409, "team_exists")
    assert [t["name"] for t in (await org.ok("get", "/teams"))["items"]] == ["Racers"]


async def test_concurrent_renames_to_the_same_team_name_are_one_200_and_409s(org):
    ids = [(await org.ok("post", "/teams", {"name": f"Team {i}"}, status=201))["id"] for i in range(3)]
    rs = await asyncio.gather(*[org.patch(f"/teams/{i}", {"name": "Winners"}) for i in ids])
    assert sorted(r.status_code for r in rs) == [200, 409, 409], [r.text for r in rs]


async def test_concurrent_creation_of_the_same_activity_type_is_one_201_and_409s(org):
    body = {"key": "cold_visit", "label": "Cold visit", "points": 4}
    rs = await asyncio.gather(*[org.post("/activity-types", body) for _ in range(4)])
    assert sorted(r.status_code for r in rs) == [201, 409, 409, 409], [r.text for r in rs]
    for r in rs:
        if r.status_code == 409:
            assert_error(r, 409, "activity_type_exists")
    assert (await org.log("cold_visit"))["points_awarded"] == 4


async def test_concurrent_sign_ups_with_one_email_are_one_201_and_409s(client):
    body = {"name": "Twins", "timezone": "UTC",
            "admin": {"email": "twin-sign-up@example.com", "password": "Rally-otter-sunrise-42", "display_name": "T"}}
    rs = await asyncio.gather(*[client.post("/api/v1/orgs", json=body) for _ in range(3)])
    assert sorted(r.status_code for r in rs) == [201, 409, 409], [r.text for r in rs]


# -- org isolation -------------------------------------------------------------------------------------
async def test_one_orgs_data_is_invisible_to_another(client):
    a = await noon_org(client)
    b = await noon_org(client)
    team = await a.ok("post", "/teams", {"name": "A team", "region": "North"}, status=201)
    rep = await a.user(team_id=team["id"], display_name="A rep")
    await a.ok("post", "/activity-types", {"key": "a_only", "label": "A only", "points": 3}, status=201)
    activity = await rep.log("call", quantity=5)
    await rep.log("a_only")
    b_rep = await b.user(display_name="B rep")
    await b_rep.log("email")

    # A sees its own.
    assert await score_of(a, rep.user_id, window="day") == 13
    # B sees none of it, in any window or segment.
    for window in ("day", "week", "month", "quarter", "all"):
        board = await b.board(window=window)
        assert [e["user_id"] for e in board["entries"]] == [b_rep.user_id], window
        assert board["total"] == 1
    assert (await b.board(window="day", segment="region:North"))["entries"] == []
    assert_error(await b.get("/leaderboards/points", segment=f"team:{team['id']}"), 404, "team_not_found")
    assert_error(await b.get(f"/leaderboards/points/around/{rep.user_id}"), 404, "user_not_found")
    assert_error(await b.get("/leaderboards/a_only"), 404, "unknown_metric")
    assert (await b.board("call", window="day"))["entries"] == []
    users = await b.ok("get", "/users")
    assert rep.user_id not in [u["id"] for u in users["items"]] and users["total"] == 2
    assert team["id"] not in [t["id"] for t in (await b.ok("get", "/teams"))["items"]]
    assert_error(await b.get(f"/users/{rep.user_id}"), 404, "user_not_found")
    assert_error(await b.get(f"/teams/{team['id']}"), 404, "team_not_found")
    assert "a_only" not in [t["key"] for t in (await b.ok("get", "/activity-types"))["items"]]
    assert_error(await b.post(f"/activities/{activity['id']}/reverse"), 404, "activity_not_found")
    assert_error(await b.post("/activities", {"type": "call", "user_id": rep.user_id}), 404, "user_not_found")
    assert_error(await b.post("/activities", {"type": "a_only"}), 400, "unknown_activity_type")
    assert [e["activity_type"] for e in (await b_rep.ok("get", "/me/ledger"))["entries"]] == ["email"]
    # A's numbers are untouched by all of that.
    assert (await rep.ok("get", "/me"))["points_balance"] == 13
    assert await score_of(a, rep.user_id, window="day") == 13
    assert [e["user_id"] for e in (await a.board(window="day"))["entries"]] == [rep.user_id]


async def test_a_token_of_one_org_only_ever_acts_in_that_org(client):
    a = await new_org(client)
    b = await new_org(client)
    me_a = await a.ok("get", "/me")
    me_b = await b.ok("get", "/me")
    assert me_a["org"]["id"] == a.org_id and me_b["org"]["id"] == b.org_id
    assert (await a.ok("get", "/org"))["id"] == a.org_id
    await a.ok("patch", "/org", {"name": "Renamed A"})
    assert (await b.ok("get", "/org"))["name"] != "Renamed A"
