"""Who sees what (issue 15 item 7): a display token reads only what an office TV shows (every
other route answers it 403, routes added later included); emails are for the user themselves,
managers and admins; the contest payout file is for managers and admins, and a rep reads the
explanation of their own result only."""

from __future__ import annotations

import csv
import io
import re

import pytest

from server.core.web import TV
from tests.conftest import Api, new_org
from tests.contests.support import contest, finish
from tests.support.api import assert_error, noon_org


async def display_of(admin: Api) -> Api:
    made = await admin.ok("post", "/displays", {"name": "Lobby"}, status=201)
    r = await admin.client.post("/api/v1/displays/pair", json={"code": made["pairing_code"]})
    assert r.status_code == 200, r.text
    return Api(admin.client, r.json()["display_token"], admin.org_id, 0)


def get_routes(app, tv: bool) -> list[str]:
    """The API's GET paths, with every path parameter set to 1."""
    out = []
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            if "GET" in (handler.http_methods or ()) and route.path.startswith("/api/v1/") \
                    and bool(handler.opt.get("tv")) == tv:
                out.append(re.sub(r"\{(\w+):(int|str)\}", "1", route.path))
    return sorted(set(out))


async def test_a_display_reads_what_a_tv_shows_and_nothing_else(client, app):
    admin = await noon_org(client)
    rep = await admin.user()
    screen = await display_of(admin)
    closed = get_routes(app, tv=False)
    assert {"/api/v1/users", "/api/v1/users/1", "/api/v1/contests/1/results.csv", "/api/v1/contests/1/results",
            "/api/v1/me", "/api/v1/kudos", "/api/v1/users/1/profile"} <= set(closed)
    for path in closed:
        assert_error(await client.get(path, headers=screen.headers), 403, "display_forbidden")
    assert_error(await screen.get(f"/users/{rep.user_id}"), 403, "display_forbidden")
    # what the TV does read
    for path in ("/leaderboards/points", "/feed", "/display/config", "/contests", "/org", "/teams",
                 "/activity-types"):
        r = await screen.get(path)
        assert r.status_code == 200, (path, r.text)
    assert "/api/v1/leaderboards/1" in get_routes(app, tv=True) and TV == {"tv": True}


async def test_emails_are_for_the_user_managers_and_admins(client):
    admin = await new_org(client)
    manager = await admin.user(role="manager")
    ann, bob = await admin.user(), await admin.user()
    listed = {u["id"]: u["email"] for u in (await ann.ok("get", "/users"))["items"]}
    assert listed[ann.user_id] and "@" in listed[ann.user_id]
    assert {uid for uid, email in listed.items() if email is not None} == {ann.user_id}
    assert (await ann.ok("get", f"/users/{bob.user_id}"))["email"] is None
    assert "@" in (await ann.ok("get", f"/users/{ann.user_id}"))["email"]
    assert "@" in (await ann.ok("patch", f"/users/{ann.user_id}", {"display_name": "Ann"}))["email"]
    for boss in (manager, admin):
        assert all("@" in u["email"] for u in (await boss.ok("get", "/users"))["items"])
        assert "@" in (await boss.ok("get", f"/users/{bob.user_id}"))["email"]


@pytest.fixture
async def awarded(client, rt):
    admin = await noon_org(client)
    ann, bob = await admin.user(), await admin.user()
    made = await contest(admin, prizes=[{"place": 1, "points": 50, "name": "Gift card"}])
    await ann.log("call")
    await bob.log("call", quantity=2)
    await finish(rt, made)
    return admin, ann, bob, made["id"]


async def test_the_payout_file_is_for_managers_and_admins(client, awarded):
    admin, ann, _, contest_id = awarded
    manager = await admin.user(role="manager")
    assert_error(await ann.get(f"/contests/{contest_id}/results.csv"), 403, "forbidden")
    screen = await display_of(admin)
    assert_error(await screen.get(f"/contests/{contest_id}/results.csv"), 403, "display_forbidden")
    for boss in (manager, admin):
        r = await boss.get(f"/contests/{contest_id}/results.csv")
        assert r.status_code == 200
        assert len([row for row in csv.DictReader(io.StringIO(r.text)) if "@" in row["email"]]) == 2


async def test_a_rep_reads_the_explanation_of_their_own_result_only(client, awarded):
    admin, ann, bob, contest_id = awarded
    mine = await ann.ok("get", f"/contests/{contest_id}/results")
    assert [r["user_id"] for r in mine["results"]] == [ann.user_id]
    assert len(mine["results"][0]["counted"]) == 1
    everyone = await admin.ok("get", f"/contests/{contest_id}/results")
    assert {r["user_id"] for r in everyone["results"]} == {ann.user_id, bob.user_id}
    standings = await ann.ok("get", f"/contests/{contest_id}/standings")  # the places stay public
    assert {s["user_id"] for s in standings["standings"]} == {ann.user_id, bob.user_id}
