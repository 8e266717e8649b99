"""The admin's Targets and Integrations pages over HTTP: who may open them (manager, admin, another
org, a rep), CSRF, field errors beside the field, writes through the same services as the JSON
API (targets versioned, an audit entry per change), the secret shown once."""

from __future__ import annotations

import re

import pytest

from tests.admin.support import csrf_of, post_form, sign_in
from tests.conftest import new_org, unique
from tests.integrations.support import drain, std_integration
from tests.support.contract import client_of
from tests.targets.support import Clocked, log, org_with_type, team


@pytest.fixture
async def browser(app):
    async with client_of(app, follow_redirects=False) as c:
        yield c


async def _email(api, user_id: int) -> str:
    return (await api.ok("get", f"/users/{user_id}"))["email"]


async def _team_with_manager(org):
    mine = await org.ok("post", "/teams", {"name": unique("Mine")})
    theirs = await org.ok("post", "/teams", {"name": unique("Theirs")})
    manager = await org.user("manager", team_id=mine["id"])
    my_rep = await org.user("rep", team_id=mine["id"])
    their_rep = await org.user("rep", team_id=theirs["id"])
    return mine, theirs, manager, my_rep, their_rep


# -- targets ----------------------------------------------------------------------------------------
async def test_a_manager_sets_targets_for_their_team_only_in_place_and_audited(client, browser):
    org = await new_org(client)
    mine, _, manager, my_rep, their_rep = await _team_with_manager(org)
    for _ in range(3):
        await org.log("call", user_id=my_rep.user_id)
    await sign_in(browser, await _email(org, manager.user_id))
    page = await browser.get("/admin/targets")
    assert page.status_code == 200
    assert f'data-testid="cell-{my_rep.user_id}-points"' in page.text
    assert f'data-testid="cell-{their_rep.user_id}-points"' not in page.text
    assert "Accept all suggestions" in page.text and "coming" not in page.text.split("Targets")[1][:40]
    csrf = csrf_of(page.text)
    # edit in place: htmx gets the cell back, the API reads the new version
    r = await browser.post(
        "/admin/targets/set",
        data={"user_id": str(my_rep.user_id), "metric": "points", "period": "week", "value": "40"},
        headers={"hx-request": "true", "x-csrf-token": csrf},
    )
    assert r.status_code == 200 and r.text.lstrip().startswith("<td") and 'value="40"' in r.text
    got = await manager.ok("get", "/targets", metric="points", period="week")
    entry = next(e for e in got["entries"] if e["user_id"] == my_rep.user_id)
    assert entry["target"] == 40 and entry["version"] == 1
    # a bad value: the message beside the cell's field (htmx: the cell; a plain post: the page)
    r = await browser.post(
        "/admin/targets/set",
        data={"user_id": str(my_rep.user_id), "metric": "points", "period": "week", "value": "-3"},
        headers={"hx-request": "true", "x-csrf-token": csrf},
    )
    assert r.status_code == 200 and 'data-testid="error-value"' in r.text and 'aria-invalid="true"' in r.text
    r = await post_form(
        browser,
        "/admin/targets",
        "/admin/targets/set",
        {"user_id": str(my_rep.user_id), "metric": "points", "period": "week", "value": "lots"},
    )
    assert r.status_code == 400 and 'data-testid="error-value"' in r.text
    # another team's rep: refused, nothing written
    r = await post_form(
        browser,
        "/admin/targets",
        "/admin/targets/set",
        {"user_id": str(their_rep.user_id), "metric": "points", "period": "week", "value": "5"},
    )
    assert r.status_code == 403
    assert (
        await org.ok("get", "/targets/history", user_id=their_rep.user_id, metric="points", period="week")
    )["versions"] == []
    # a plain post (no JavaScript) comes back to the grid; blank removes the target (version 2)
    r = await post_form(
        browser,
        "/admin/targets",
        "/admin/targets/set",
        {"user_id": str(my_rep.user_id), "metric": "points", "period": "week", "value": ""},
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/admin/targets?period=week")
    log = (await org.ok("get", "/audit", kind="target", entity_id=str(my_rep.user_id)))["entries"]
    assert [e["action"] for e in log] == ["set", "set"]
    assert log[0]["before"]["value"] == 40 and log[0]["after"]["value"] is None
    assert log[1]["before"] is None and log[1]["after"]["value"] == 40 and log[1]["after"]["version"] == 1
    assert all(e["actor_user_id"] == manager.user_id for e in log)


async def test_accept_all_sets_every_suggestion_through_the_service(clocked: Clocked):
    c = clocked
    c.at(2027, 1, 2, 12)
    admin, key = await org_with_type(c, "UTC", points=5)
    t = await team(admin)
    a, b, new_c = [await admin.user(team_id=t, display_name=n) for n in ("Ana", "Ben", "Cy")]
    for i, month in enumerate([1, 2, 3]):
        c.at(2027, month, 15, 15)
        for uid, units in ((a.user_id, [18, 24, 30]), (b.user_id, [20, 12, 16])):
            await log(admin, key, uid, c.at(2027, month, 15, 14), quantity=units[i])
    c.at(2027, 4, 5, 15)
    browser = c.client
    await sign_in(browser, await _email(admin, admin.user_id))
    page = await browser.get(f"/admin/targets?period=month&team={t}")
    assert page.status_code == 200, page.text
    assert "median of the last 3 months (90, 120, 150) = 120" in page.text  # the explanation
    assert "the team median, 100" in page.text
    r = await browser.post(
        "/admin/targets/accept",
        data={"_csrf": csrf_of(page.text), "period": "month", "team": str(t), "metric": "points"},
    )
    assert r.status_code == 303 and "saved=3" in r.headers["location"], r.text
    got = await admin.ok("get", "/targets", metric="points", period="month", team_id=t)
    have = {e["user_id"]: (e["target"], e["version"]) for e in got["entries"]}
    assert have == {a.user_id: (120, 1), b.user_id: (80, 1), new_c.user_id: (100, 1)}
    entries = (await admin.ok("get", "/audit", kind="target"))["entries"]
    assert sorted(e["after"]["value"] for e in entries) == [80, 100, 120]
    assert all(e["after"]["metric"] == "points" and e["after"]["period"] == "month" for e in entries)
    shown = await browser.get(r.headers["location"])
    assert shown.status_code == 200 and "Saved 3 targets" in shown.text


async def test_targets_are_refused_to_reps_other_orgs_and_without_csrf(client, browser):
    org = await new_org(client)
    _, _, manager, my_rep, _ = await _team_with_manager(org)
    await sign_in(browser, await _email(org, my_rep.user_id))
    assert (await browser.get("/admin/targets")).status_code == 303  # a rep has no admin session
    await sign_in(browser, await _email(org, manager.user_id))
    r = await browser.post(
        "/admin/targets/set",
        data={"user_id": str(my_rep.user_id), "metric": "points", "period": "week", "value": "9"},
    )
    assert r.status_code == 403 and "Form expired" in r.text
    r = await browser.post("/admin/targets/accept", data={"period": "week"})
    assert r.status_code == 403
    assert (await org.ok("get", "/audit", kind="target"))["total"] == 0
    # a manager cannot reach another org's rep through the form
    other = await new_org(client)
    stranger = await other.user("rep")
    r = await post_form(
        browser,
        "/admin/targets",
        "/admin/targets/set",
        {"user_id": str(stranger.user_id), "metric": "points", "period": "week", "value": "9"},
    )
    assert r.status_code == 403
    assert (await other.ok("get", "/audit", kind="target"))["total"] == 0
    # and the team chooser is the admin's: a manager's `team` is ignored (their own team shows)
    page = await browser.get(f"/admin/targets?team={999_999}")
    assert page.status_code == 200 and f"cell-{my_rep.user_id}-points" in page.text


# -- integrations -------------------------------------------------------------------------------------
async def test_an_admin_connects_a_source_and_sees_its_secret_once(client, browser):
    org = await new_org(client)
    await sign_in(browser, await _email(org, org.user_id))
    page = await browser.get("/admin/integrations")
    assert page.status_code == 200 and 'data-testid="empty"' in page.text
    r = await post_form(
        browser, "/admin/integrations", "/admin/integrations", {"kind": "standard_webhooks", "name": ""}
    )
    assert r.status_code == 400 and 'data-testid="error-name"' in r.text
    r = await post_form(
        browser,
        "/admin/integrations",
        "/admin/integrations",
        {"kind": "hubspot", "name": "CRM", "client_secret": "a-secret-value", "portal_id": "12"},
    )
    assert r.status_code == 400 and 'data-testid="error-access_token"' in r.text
    assert "a-secret-value" not in r.text  # a secret typed in is not sent back
    r = await post_form(
        browser, "/admin/integrations", "/admin/integrations", {"kind": "standard_webhooks", "name": "Dialer"}
    )
    assert r.status_code == 200, r.text
    secret = re.search(r'data-testid="signing-secret">(whsec_[^<]+)<', r.text)
    assert secret, r.text
    listed = (await org.ok("get", "/integrations"))["integrations"]
    assert [i["name"] for i in listed] == ["Dialer"] and "signing_secret" not in listed[0]
    again = await browser.get("/admin/integrations")
    assert secret.group(1) not in again.text and 'data-testid="signing-secret"' not in again.text
    assert "Dialer" in again.text and "0 applied" in again.text
    log = (await org.ok("get", "/audit", kind="integration"))["entries"]
    assert [e["action"] for e in log] == ["create"] and secret.group(1) not in str(log)


async def test_unmatched_owners_are_mapped_to_a_rep_from_the_page(rt, client, browser):
    org = await new_org(client)
    rep = await org.user("rep")
    sender = await std_integration(org)
    await sender.upsert("adm-1", "call", owner={"crm_owner_id": "owner-9"}, quantity=2)
    await drain(rt)
    await sign_in(browser, await _email(org, org.user_id))
    page = await browser.get("/admin/integrations")
    assert f'data-testid="unmatched-{sender.integration_id}"' in page.text and "owner-9" in page.text
    action = f"/admin/integrations/{sender.integration_id}/owners"
    r = await post_form(browser, "/admin/integrations", action, {"crm_owner_id": "owner-9", "user_id": ""})
    assert r.status_code == 400 and 'data-testid="error-user_id"' in r.text
    r = await post_form(
        browser, "/admin/integrations", action, {"crm_owner_id": "owner-9", "user_id": "999999999"}
    )
    assert r.status_code == 404 and 'data-testid="error-user_id"' in r.text
    r = await post_form(
        browser, "/admin/integrations", action, {"crm_owner_id": "owner-9", "user_id": str(rep.user_id)}
    )
    assert r.status_code == 303
    owners = await org.ok("get", f"/integrations/{sender.integration_id}/owners")
    assert owners == [{"crm_owner_id": "owner-9", "email": None, "user_id": rep.user_id, "requeued": 0}]
    await drain(rt)
    page = await browser.get("/admin/integrations")
    assert f'data-testid="unmatched-{sender.integration_id}"' not in page.text
    log = (await org.ok("get", "/audit", kind="integration"))["entries"]
    assert log[0]["action"] == "map_owner" and log[0]["after"]["user_id"] == rep.user_id


async def test_integrations_are_for_admins_of_their_own_org(app, client, browser):
    org = await new_org(client)
    _, _, manager, my_rep, _ = await _team_with_manager(org)
    other = await new_org(client)
    theirs = await std_integration(other)
    await sign_in(browser, await _email(org, manager.user_id))
    assert (await browser.get("/admin/integrations")).status_code == 403
    page = await browser.get("/admin/targets")
    assert 'href="/admin/integrations"' not in page.text
    r = await browser.post(
        "/admin/integrations", data={"_csrf": csrf_of(page.text), "kind": "standard_webhooks", "name": "X"}
    )
    assert r.status_code == 403 and (await org.ok("get", "/integrations"))["integrations"] == []
    # the admin of another org: their integration is not there to map
    async with client_of(app, follow_redirects=False) as admin:
        await sign_in(admin, await _email(org, org.user_id))
        await _admin_refusals(admin, org, other, theirs.integration_id, my_rep.user_id)


async def _admin_refusals(browser, org, other, integration_id: int, rep_id: int) -> None:
    r = await post_form(
        browser,
        "/admin/integrations",
        f"/admin/integrations/{integration_id}/owners",
        {"crm_owner_id": "x", "user_id": str(rep_id)},
    )
    assert r.status_code == 404
    assert await other.ok("get", f"/integrations/{integration_id}/owners") == []
    # CSRF: refused before anything is read
    r = await browser.post("/admin/integrations", data={"kind": "standard_webhooks", "name": "No token"})
    assert r.status_code == 403 and (await org.ok("get", "/integrations"))["integrations"] == []
