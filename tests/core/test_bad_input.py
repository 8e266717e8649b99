"""Hostile or sloppy input gets a 4xx with a stable code, never a 500, on every backend."""

from __future__ import annotations

import pytest

BIG = 99999999999999999999999


@pytest.mark.parametrize(("method", "path", "body", "code"), [
    ("post", "/activities", {"type": "call", "user_id": BIG}, "invalid_request"),
    ("post", "/activities", {"type": "call", "quantity": BIG}, "invalid_quantity"),
    ("post", "/activities", {"type": "call", "occurred_at": "0001-01-01T00:00:00Z"}, "too_old"),
    ("post", "/activities", {"type": "call", "occurred_at": "9999-12-31T23:59:59Z"}, "future_activity"),
    ("post", "/activities", {"type": "call", "occurred_at": "2026-11-22T10:00:00"}, "invalid_occurred_at"),
    ("post", "/activities", {"type": "call", "value": 1e308}, "invalid_value"),
    ("post", f"/activities/{BIG}/reverse", None, "out_of_range"),
    ("get", f"/users/{BIG}", None, "out_of_range"),
    ("get", f"/teams/{2**63}", None, "out_of_range"),
    ("patch", "/users/{me}", {"team_id": BIG}, "invalid_request"),
    ("get", "/leaderboards/points?segment=team:99999999999999999999999", None, "invalid_segment"),
    ("get", f"/leaderboards/points/around/{BIG}", None, "out_of_range"),
    ("get", "/leaderboards/points?offset=99999999999999999999", None, "invalid_offset"),
    ("get", f"/me/ledger?before_id={BIG}", None, "out_of_range"),
    ("post", "/users", {"email": "big@example.com", "display_name": "x", "password": "Rally-otter-sunrise-42",
                        "team_id": BIG}, "invalid_request"),
    ("get", "/users?offset=99999999999999999999", None, "invalid_request"),
    ("post", "/displays", {"name": "tv", "boards": ["lb:points:day:team:99999999999999999999"]}, "invalid_channel"),
])
async def test_out_of_range_and_malformed_values_are_4xx(org, method, path, body, code):
    path = path.replace("{me}", str(org.user_id))
    r = await org.client.request(method.upper(), f"/api/v1{path}", headers=org.headers, json=body)
    assert 400 <= r.status_code < 500, r.text
    assert r.json()["error"]["code"] == code, r.text


async def test_a_bad_item_in_a_batch_does_not_sink_the_rest(org):
    r = await org.post("/activities/batch", {"activities": [{"type": "call", "user_id": BIG}, {"type": "call"}]})
    assert r.status_code == 200
    results = r.json()["results"]
    assert [x["status"] for x in results] == [400, 201]
