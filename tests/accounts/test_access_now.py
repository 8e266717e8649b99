"""Who a token belongs to is decided per request from the database (through a cache of at most
a second), never from the token: deactivation, a new role, the last admin (issue 15, items 1-2)."""

from __future__ import annotations

import asyncio
import re
import time

import pytest
from litestar.routes import HTTPRoute

from server.accounts import service as accounts
from server.core.auth import Principal
from server.core.errors import Conflict
from server.features import make_runtime
from tests.conftest import PASSWORD, _app_of, _client_of, new_org, unique
from tests.support.api import assert_error

#: Endpoints anyone may call (sign-up, sign-in, pairing a screen, health, the schema, the TV page).
#: Operations without a user's token: sign-up, sign-in, pairing, health, the document, the TV page,
#: and the CRM webhooks (their sender proves itself by the request's signature, not a token); and
#: the web admin's pages, which take no token but a cookie session (tests/admin: a deactivated
#: user's cookie opens nothing either); `/` (a redirect to the admin) and the docs' static files.
PUBLIC = re.compile(r"^/($|(api/v1/(orgs|auth/(login|refresh)|displays/pair|hooks)|healthz|readyz|metrics|schema|tv|app|admin|static)(/|$))")


def authenticated_endpoints(app) -> list[tuple[str, str]]:
    """(method, path) of every API operation that needs a caller, path parameters set to 1."""
    out = []
    for route in app.routes:
        if not isinstance(route, HTTPRoute) or PUBLIC.match(route.path):
            continue
        path = re.sub(r"\{[^}:]+:[^}]+\}", "1", route.path)
        out += [(m, path) for m in sorted(route.methods - {"HEAD", "OPTIONS"})]
    return out


@pytest.fixture(scope="module")
async def second_process(settings):
    """Another API process: its own runtime and process caches, the same database and Redis."""
    runtime = make_runtime(settings)
    async with _client_of(_app_of(runtime)) as client:
        yield client
    await runtime.close()


async def test_a_deactivated_users_token_is_refused_on_every_endpoint(app, org):
    rep = await org.user()
    endpoints = authenticated_endpoints(app)
    assert len(endpoints) > 60 and ("POST", "/api/v1/activities") in endpoints
    await org.ok("patch", f"/users/{rep.user_id}", {"active": False})
    answers = {}
    for method, path in endpoints:
        r = await rep.client.request(method, path, headers=rep.headers, json={})
        answers[method, path] = (r.status_code, r.json()["error"]["code"])
    assert {k: v for k, v in answers.items() if v != (401, "account_disabled")} == {}
    await org.ok("patch", f"/users/{rep.user_id}", {"active": True})  # back: the same token works again
    assert (await rep.get("/me")).status_code == 200


async def test_another_api_process_refuses_a_deactivated_user_within_a_second(org, second_process):
    rep = await org.user()
    there = {"authorization": f"Bearer {rep.token}"}
    assert (await second_process.get("/api/v1/leaderboards/points", headers=there)).status_code == 200
    await org.ok("patch", f"/users/{rep.user_id}", {"active": False})
    started = time.monotonic()
    while (r := await second_process.get("/api/v1/leaderboards/points", headers=there)).status_code == 200:
        assert time.monotonic() - started < 1.0, "still answered 200 a second after the deactivation"
        await asyncio.sleep(0.02)
    assert_error(r, 401, "account_disabled")
    r = await second_process.post("/api/v1/activities", headers=there, json={"type": "call"})
    assert_error(r, 401, "account_disabled")


async def test_an_admin_demoted_to_rep_loses_admin_powers_on_the_next_request(org, second_process):
    other = await org.user("admin")
    await org.ok("post", "/api-keys", {"name": "before"}, status=201)
    await other.ok("patch", f"/users/{org.user_id}", {"role": "rep"})
    assert_error(await org.post("/api-keys", {"name": "after"}), 403, "forbidden")
    body = {"email": f"{unique('n')}@example.com", "display_name": "New", "password": PASSWORD}
    assert_error(await org.post("/users", body), 403, "forbidden")
    assert_error(await org.get("/api-keys"), 403, "forbidden")
    # The other process too, within a second.
    there = {"authorization": f"Bearer {org.token}"}
    started = time.monotonic()
    while (r := await second_process.post("/api/v1/api-keys", headers=there, json={"name": "x"})).status_code != 403:
        assert r.status_code == 201 and time.monotonic() - started < 1.0, r.text
        await asyncio.sleep(0.02)
    # Promoted back, the same token has the powers again.
    await other.ok("patch", f"/users/{org.user_id}", {"role": "admin"})
    await org.ok("post", "/api-keys", {"name": "again"}, status=201)


async def test_a_manager_demoted_to_rep_can_no_longer_create_users(org):
    manager = await org.user("manager")
    await org.ok("patch", f"/users/{manager.user_id}", {"role": "rep"})
    body = {"email": f"{unique('n')}@example.com", "display_name": "New", "password": PASSWORD}
    assert_error(await manager.post("/users", body), 403, "forbidden")


@pytest.mark.parametrize("change", [{"role": "rep"}, {"role": "manager"}, {"active": False}])
async def test_an_admin_cannot_change_their_own_role_or_active(org, change):
    assert_error(await org.patch(f"/users/{org.user_id}", change), 403, "cannot_change_own_access")
    me = await org.ok("get", f"/users/{org.user_id}")
    assert (me["role"], me["active"]) == ("admin", True)
    # Setting what already is changes nothing and is allowed (a form that sends every field).
    await org.ok("patch", f"/users/{org.user_id}", {"role": "admin", "active": True, "display_name": "Boss"})


async def test_a_manager_cannot_deactivate_themselves(org):
    manager = await org.user("manager")
    assert_error(await manager.patch(f"/users/{manager.user_id}", {"active": False}), 403,
                 "cannot_change_own_access")
    assert (await manager.get("/me")).status_code == 200


@pytest.mark.parametrize("change", [{"role": "rep"}, {"active": False}])
async def test_two_admins_removing_each_other_at_once_leave_one_admin(org, change):
    other = await org.user("admin")
    first, second = await asyncio.gather(org.patch(f"/users/{other.user_id}", change),
                                         other.patch(f"/users/{org.user_id}", change))
    winner, loser = (first, second) if first.status_code == 200 else (second, first)
    assert winner.status_code == 200, (first.text, second.text)
    # The loser is the last admin, or was already demoted or deactivated when its request came in.
    assert (loser.status_code, loser.json()["error"]["code"]) in (
        (409, "last_admin"), (403, "forbidden"), (401, "account_disabled")), loser.text
    survivor = org if winner is first else other
    admins = await survivor.ok("get", "/users", role="admin", active="true")
    assert [u["id"] for u in admins["items"]] == [survivor.user_id]


@pytest.mark.parametrize("change", [{"role": "manager"}, {"active": False}])
async def test_the_last_active_admin_cannot_be_removed_even_by_a_request_authorised_before(rt, org, change):
    """Both requests passed their role check (as two in flight at once do); the changes are
    serialised per org, so the second finds the last admin: 409 `last_admin`."""
    other = await org.user("admin")
    as_org, as_other = (Principal(org.org_id, "admin", u.user_id) for u in (org, other))
    results = await asyncio.gather(accounts.update_user(rt, as_org, other.user_id, dict(change)),
                                   accounts.update_user(rt, as_other, org.user_id, dict(change)),
                                   return_exceptions=True)
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], Conflict) and refused[0].code == "last_admin", results
    # With one admin left and a request of a (now) former admin in flight, still 409.
    survivor = next(r for r in results if not isinstance(r, Exception))
    last = org.user_id if survivor.id == other.user_id else other.user_id
    former = other.user_id if last == org.user_id else org.user_id
    with pytest.raises(Conflict) as refused_again:
        await accounts.update_user(rt, Principal(org.org_id, "admin", former), last, dict(change))
    assert refused_again.value.code == "last_admin"


async def test_other_admins_can_still_be_removed_while_one_remains(org):
    second, third = await org.user("admin"), await org.user("admin")
    await org.ok("patch", f"/users/{second.user_id}", {"active": False})
    await org.ok("patch", f"/users/{third.user_id}", {"role": "manager"})
    assert_error(await third.post("/api-keys", {"name": "x"}), 403, "forbidden")
    assert_error(await second.get("/me"), 401, "account_disabled")


async def test_a_deactivated_user_in_another_org_is_not_confused_with_a_user_here(client, org):
    other = await new_org(client)
    theirs = await other.user()
    mine = await org.user()
    await other.ok("patch", f"/users/{theirs.user_id}", {"active": False})
    assert (await mine.get("/me")).status_code == 200
    assert_error(await theirs.get("/me"), 401, "account_disabled")
    assert_error(await org.patch(f"/users/{theirs.user_id}", {"active": True}), 404, "user_not_found")
    assert_error(await theirs.get("/me"), 401, "account_disabled")
