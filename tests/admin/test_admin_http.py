"""The web admin over HTTP (no browser): sign-in and its cookie, CSRF, who sees what, forms and
their field errors, and the audit log (its page and `GET /api/v1/audit`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from tests.admin.support import post_form, sign_in
from tests.conftest import PASSWORD, new_org, unique
from tests.support.contract import client_of


@pytest.fixture
async def browser(app):
    """A cookie-keeping client of the app (a browser without JavaScript)."""
    async with client_of(app, follow_redirects=False) as c:
        yield c


async def _email_of(api, user_id: int) -> str:
    return (await api.ok("get", f"/users/{user_id}"))["email"]


async def test_sign_in_sets_a_strict_httponly_cookie_and_sign_out_ends_the_session(app, client, browser):
    org = await new_org(client)
    email = await _email_of(org, org.user_id)
    r = await sign_in(browser, email)
    assert r.status_code == 303 and r.headers["location"] == "/admin/"
    cookie = next(h for h in r.headers.get_list("set-cookie") if h.startswith("rr_admin="))
    assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower()
    assert "Path=/admin" in cookie
    page = await browser.get("/admin/")
    assert page.status_code == 200 and "Overview" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    token = browser.cookies.get("rr_admin")
    # the cookie is not a bearer token of the JSON API
    r = await client.get("/api/v1/org", headers={"authorization": f"Bearer {token}"})
    assert r.status_code == 401
    r = await post_form(browser, "/admin/", "/admin/logout", {})
    assert r.status_code == 303
    # the old cookie (kept by an attacker, say) no longer opens anything
    async with client_of(app, follow_redirects=False) as stale:
        stale.cookies.set("rr_admin", token)
        r = await stale.get("/admin/reps")
        assert r.status_code == 303 and r.headers["location"].startswith("/admin/login")


async def test_a_post_without_the_csrf_token_is_refused(client, browser):
    org = await new_org(client)
    await sign_in(browser, await _email_of(org, org.user_id))
    r = await browser.post("/admin/teams", data={"name": "No token"})
    assert r.status_code == 403 and "Form expired" in r.text
    r = await browser.post("/admin/teams", data={"name": "Bad token", "_csrf": "0" * 64})
    assert r.status_code == 403
    teams = await org.ok("get", "/teams")
    assert not [t for t in teams["items"] if t["name"] in ("No token", "Bad token")]
    # the sign-in form too: no token, no session
    page = await browser.get("/admin/login")
    r = await browser.post("/admin/login", data={"email": "x@example.com", "password": PASSWORD})
    assert r.status_code == 403 and page.status_code in (200, 303)


async def test_reps_and_displays_get_no_admin(client, browser):
    org = await new_org(client)
    rep = await org.user("rep")
    r = await sign_in(browser, await _email_of(org, rep.user_id))
    assert r.status_code == 403 and "managers and admins" in r.text
    assert "rr_admin=" not in ";".join(r.headers.get_list("set-cookie")).replace("rr_admin_pre=", "")
    r = await browser.get("/admin/")
    assert r.status_code == 303


async def test_forms_show_the_fields_error_and_create_team_and_rep(client, browser):
    org = await new_org(client)
    await sign_in(browser, await _email_of(org, org.user_id))
    r = await post_form(browser, "/admin/teams", "/admin/teams", {"name": ""})
    assert r.status_code == 400 and 'data-testid="error-name"' in r.text
    r = await post_form(browser, "/admin/teams", "/admin/teams", {"name": "East", "region": "East"})
    assert r.status_code == 303
    team = next(t for t in (await org.ok("get", "/teams"))["items"] if t["name"] == "East")
    assert f'href="/admin/reps?team={team["id"]}"' in (await browser.get("/admin/teams")).text
    r = await post_form(browser, "/admin/teams", "/admin/teams", {"name": "East"})
    assert r.status_code == 409 and "already exists" in r.text
    bad = {
        "display_name": "Ann",
        "email": "not-an-email",
        "password": PASSWORD,
        "role": "rep",
        "team_id": str(team["id"]),
    }
    r = await post_form(browser, "/admin/reps/new", "/admin/reps/new", bad)
    assert r.status_code == 400 and 'data-testid="error-email"' in r.text
    email = f"{unique('ann')}@example.com"
    r = await post_form(browser, "/admin/reps/new", "/admin/reps/new", {**bad, "email": email})
    assert r.status_code == 303, r.text
    rep_page = r.headers["location"].split("?")[0]
    page = await browser.get(rep_page)
    assert page.status_code == 200 and "Ann" in page.text
    rep_id = int(rep_page.rsplit("/", 1)[1])
    listed = (await browser.get(f"/admin/reps?team={team['id']}")).text
    assert f"/admin/reps/{rep_id}" in listed and f"/admin/reps/{org.user_id}" not in listed
    user = await org.ok("get", f"/users/{rep_id}")
    assert user["team_id"] == team["id"] and user["email"] == email
    # deactivate from the rep's page: the audit log says who did it
    r = await post_form(browser, rep_page, rep_page, {"what": "deactivate"})
    assert r.status_code == 303
    log = await org.ok("get", "/audit", kind="user", entity_id=str(rep_id))
    actions = [e["action"] for e in log["entries"]]
    assert actions == ["deactivate", "create"]
    assert log["entries"][0]["before"] == {"active": True} and log["entries"][0]["after"] == {"active": False}
    assert log["entries"][0]["actor_user_id"] == org.user_id
    page = await browser.get("/admin/audit?kind=user")
    assert page.status_code == 200 and "deactivate" in page.text


async def test_a_manager_sees_only_their_team_and_no_admin_pages(client, browser):
    org = await new_org(client)
    mine = await org.ok("post", "/teams", {"name": unique("Mine")})
    theirs = await org.ok("post", "/teams", {"name": unique("Theirs")})
    manager = await org.user("manager", team_id=mine["id"])
    my_rep = await org.user("rep", team_id=mine["id"])
    their_rep = await org.user("rep", team_id=theirs["id"])
    other = await new_org(client)
    stranger = await other.user("rep")
    await sign_in(browser, await _email_of(org, manager.user_id))
    assert (await browser.get(f"/admin/reps/{my_rep.user_id}")).status_code == 200
    for path in (f"/admin/reps/{their_rep.user_id}", f"/admin/reps/{stranger.user_id}"):
        r = await browser.get(path)
        assert r.status_code == 404, path
    for path in ("/admin/teams", "/admin/audit", "/admin/displays", "/admin/rewards"):
        r = await browser.get(path)
        assert r.status_code == 403, path
    reps = await browser.get("/admin/reps")
    assert (
        f"/admin/reps/{my_rep.user_id}" in reps.text and f"/admin/reps/{their_rep.user_id}" not in reps.text
    )
    # nor can they change another team's rep by posting to it
    r = await post_form(
        browser, f"/admin/reps/{my_rep.user_id}", f"/admin/reps/{their_rep.user_id}", {"what": "deactivate"}
    )
    assert r.status_code == 404
    assert (await org.ok("get", f"/users/{their_rep.user_id}"))["active"] is True
    # the JSON audit log is for admins
    r = await manager.get("/audit")
    assert r.status_code == 403


async def test_the_audit_log_covers_the_api_too(client):
    org = await new_org(client)
    await org.ok("patch", "/activity-types/call", {"points": 3})
    await org.ok("patch", "/org", {"name": unique("Renamed ")})
    d = await org.ok("post", "/displays", {"name": "Floor"}, status=201)
    await org.ok("post", f"/displays/{d['id']}/revoke")
    log = await org.ok("get", "/audit")
    got = [(e["entity_kind"], e["action"]) for e in log["entries"]]
    assert ("activity_type", "update") in got and ("org", "update") in got
    assert ("display", "create") in got and ("display", "revoke") in got
    change = next(e for e in log["entries"] if e["entity_kind"] == "activity_type")
    assert (
        change["before"]["points"] == 2 and change["after"]["points"] == 3 and change["after"]["version"] == 2
    )
    assert (await org.get("/audit", kind="nonsense")).status_code == 400
    other = await new_org(client)
    assert (await other.ok("get", "/audit", kind="display"))["total"] == 0
    rep = await org.user("rep")
    assert (await rep.get("/audit")).status_code == 403


async def test_the_cookie_is_secure_over_https_and_deactivation_ends_the_admin(app, client):
    org = await new_org(client)
    t = await org.ok("post", "/teams", {"name": unique("T")})
    manager = await org.user("manager", team_id=t["id"])
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://test", follow_redirects=False) as tls:
        r = await sign_in(tls, await _email_of(org, manager.user_id))
        cookie = next(h for h in r.headers.get_list("set-cookie") if h.startswith("rr_admin="))
        assert "Secure" in cookie
        assert (await tls.get("/admin/reps")).status_code == 200
        await org.ok("patch", f"/users/{manager.user_id}", {"active": False})
        r = await tls.get("/admin/reps")
        assert r.status_code == 303 and r.headers["location"].startswith("/admin/login")
        # a role taken away applies on the next page too (the database decides, not the cookie)
        await org.ok(
            "patch", f"/users/{manager.user_id}", {"active": True}
        )  # as API tokens: back with the account
        assert (await tls.get("/admin/reps")).status_code == 200
        await org.ok("patch", f"/users/{manager.user_id}", {"role": "rep"})
        r = await tls.get("/admin/reps")
        assert r.status_code == 403


async def test_bearer_tokens_open_no_admin_page(app, client):
    org = await new_org(client)
    d = await org.ok("post", "/displays", {"name": "Lobby"}, status=201)
    token = (await client.post("/api/v1/displays/pair", json={"code": d["pairing_code"]})).json()[
        "display_token"
    ]
    async with client_of(app, follow_redirects=False) as c:
        for bearer in (token, org.token):
            r = await c.get("/admin/", headers={"authorization": f"Bearer {bearer}"})
            assert r.status_code == 303 and r.headers["location"].startswith("/admin/login")


async def test_settings_change_the_org_and_the_thresholds_with_field_errors(client, browser):
    org = await new_org(client)
    await sign_in(browser, await _email_of(org, org.user_id))
    r = await post_form(
        browser,
        "/admin/settings",
        "/admin/settings/org",
        {"name": "Renamed", "timezone": "Mars/Olympus", "week_start": "monday"},
    )
    assert r.status_code == 400 and 'data-testid="error-timezone"' in r.text and "IANA" in r.text
    r = await post_form(
        browser,
        "/admin/settings",
        "/admin/settings/org",
        {"name": "Renamed", "timezone": "Europe/Paris", "week_start": "sunday"},
    )
    assert r.status_code == 303
    got = await org.ok("get", "/org")
    assert got["timezone"] == "Europe/Paris" and got["week_start"] == "sunday"
    fields = {
        "low_activity_pct": "40",
        "low_activity_days": "5",
        "inactive_days": "4",
        "streak_min": "10",
        "day_close_hour": "99",
        "digest_hour": "8",
    }
    r = await post_form(browser, "/admin/settings", "/admin/settings/alerts", fields)
    assert r.status_code == 400
    r = await post_form(
        browser, "/admin/settings", "/admin/settings/alerts", {**fields, "day_close_hour": "19"}
    )
    assert r.status_code == 303
    assert (await org.ok("get", "/insights/settings"))["inactive_days"] == 4
    log = await org.ok("get", "/audit", kind="org")
    assert [e["action"] for e in log["entries"]] == ["alert_thresholds", "update"]
    assert log["entries"][0]["after"] == {"low_activity_pct": 40, "inactive_days": 4, "day_close_hour": 19}


async def test_the_audit_log_names_each_kind_of_change(client):
    """One change of each kind through the JSON API, each in the log with its actor and fields."""
    org = await new_org(client)
    team = await org.ok("post", "/teams", {"name": unique("Audit ")}, status=201)
    await org.ok("patch", f"/teams/{team['id']}", {"region": "North"})
    rep = await org.user("rep", team_id=team["id"])
    await org.ok("patch", f"/users/{rep.user_id}", {"role": "manager"})
    await org.ok("patch", f"/users/{rep.user_id}", {"role": "rep"})
    await org.ok("patch", f"/users/{rep.user_id}", {"team_id": None})
    key = await org.ok("post", "/api-keys", {"name": "CRM"}, status=201)
    await org.ok("delete", f"/api-keys/{key['id']}")
    start = datetime.now(UTC).date()
    contest = await org.ok(
        "post",
        "/contests",
        {
            "name": "Audit cup",
            "start_date": str(start + timedelta(days=1)),
            "end_date": str(start + timedelta(days=3)),
        },
        status=201,
    )
    await org.ok("post", f"/contests/{contest['id']}/launch")
    await org.ok("post", f"/contests/{contest['id']}/cancel", {"reason": "rain"})
    reward = await org.ok("post", "/rewards", {"name": "Mug", "cost": 1}, status=201)
    await org.ok("patch", f"/rewards/{reward['id']}", {"cost": 2})
    await org.log("call", user_id=rep.user_id)  # 2 points to spend
    asked = await rep.ok("post", f"/rewards/{reward['id']}/redeem", status=201)
    await org.ok("post", f"/redemptions/{asked['id']}/reject", {"note": "out of mugs"})
    await org.ok(
        "patch", f"/users/{rep.user_id}", {"password": "Another-otter-sunset-77"}
    )  # ends their sessions
    hook = await org.ok("post", "/integrations", {"kind": "standard_webhooks", "name": "Dialer"}, status=201)
    await org.ok("patch", f"/integrations/{hook['id']}", {"name": "Dialer 2"})
    log = (await org.ok("get", "/audit", limit=500))["entries"]
    seen = {(e["entity_kind"], e["action"]) for e in log}
    assert {
        ("team", "create"),
        ("team", "update"),
        ("user", "create"),
        ("user", "role_change"),
        ("user", "team_change"),
        ("user", "password_reset"),
        ("api_key", "create"),
        ("api_key", "revoke"),
        ("contest", "create"),
        ("contest", "launch"),
        ("contest", "cancel"),
        ("reward", "create"),
        ("reward", "update"),
        ("redemption", "reject"),
        ("integration", "create"),
        ("integration", "update"),
    } <= seen, seen
    assert all(e["actor_user_id"] == org.user_id for e in log)
    reset = next(e for e in log if e["action"] == "password_reset")
    assert reset["after"] == {"password_set": True} and "Another-otter" not in str(reset)
    hook_entry = next(e for e in log if e["entity_kind"] == "integration" and e["action"] == "create")
    assert "secret" not in str(hook_entry["after"]).lower()
    decision = next(e for e in log if e["entity_kind"] == "redemption")
    assert decision["before"] == {"state": "pending"} and decision["after"]["state"] == "rejected"
    moved = next(e for e in log if e["action"] == "team_change")
    assert moved["before"] == {"team_id": team["id"]} and moved["after"] == {"team_id": None}
