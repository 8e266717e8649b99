"""Importing users from a CSV file: the JSON API (`POST /api/v1/users/import`) and the Reps page's
upload -> preview -> confirm, who may do it, the limits, all-or-nothing, and the audit log."""

from __future__ import annotations

import httpx
import pytest

from server.accounts.user_import import MAX_BYTES, MAX_ROWS
from tests.admin.support import csrf_of, post_form, sign_in
from tests.conftest import PASSWORD, new_org, unique
from tests.support.contract import client_of


@pytest.fixture
async def browser(app):
    async with client_of(app, follow_redirects=False) as c:
        yield c


async def _email_of(api, user_id: int) -> str:
    return (await api.ok("get", f"/users/{user_id}"))["email"]


def _csv(*rows: str, header: str = "email,display_name,role,team,password") -> str:
    return "\n".join([header, *rows]) + "\n"


async def test_a_dry_run_names_every_rows_errors_and_creates_nobody(client):
    org = await new_org(client)
    team = await org.ok("post", "/teams", {"name": unique("North")})
    taken = await _email_of(org, (await org.user("rep")).user_id)
    a, b = f"{unique('a')}@example.com", f"{unique('b')}@example.com"
    text = _csv(
        f"{a},Ann Lee,rep,{team['name']},",
        "not-an-email,Bo,rep,,",
        f"{a.upper()},Ann Again,rep,,",
        f"{taken},Taken,rep,,",
        f"{b},Bea,rep,Nowhere,",
        f"{unique('c')}@example.com,Cy,rep,{team['id']},short",
        f"{unique('d')}@example.com,Di,boss,,",
    )
    out = await org.ok("post", "/users/import", {"csv": text})
    assert out["dry_run"] is True and out["created"] == 0 and out["invalid"] == 6
    errors = {r["line"]: [(e["field"], e["code"]) for e in r["errors"]] for r in out["rows"]}
    assert errors == {
        2: [],
        3: [("email", "invalid_value")],
        4: [("email", "duplicate_email")],
        5: [("email", "email_taken")],
        6: [("team", "team_not_found")],
        7: [("password", "weak_password")],
        8: [("role", "invalid_value")],
    }
    assert out["rows"][0]["team_id"] == team["id"] and out["rows"][5]["team_id"] == team["id"]
    assert out["rows"][2]["errors"][0]["message"] == "the same email is on line 2"
    # the commit of a file with errors creates nobody either (all or nothing)
    out = await org.ok("post", "/users/import", {"csv": text, "dry_run": False})
    assert out["created"] == 0 and out["invalid"] == 6
    users = await org.ok("get", "/users", limit=500)
    assert a not in {u["email"] for u in users["items"]}


async def test_an_import_creates_everyone_with_one_audit_entry_each(client):
    org = await new_org(client)
    team = await org.ok("post", "/teams", {"name": unique("South")})
    a, b = f"{unique('a')}@example.com", f"{unique('b')}@example.com"
    text = _csv(f"{a},Ann Lee,rep,{team['name']},{PASSWORD}", f"{b},Bo Diaz,manager,,")
    out = await org.ok("post", "/users/import", {"csv": text, "dry_run": False})
    assert out["created"] == 2 and out["invalid"] == 0
    ann, bo = out["rows"]
    assert ann["password"] is None and len(bo["password"]) == 16  # generated for a blank one, shown once
    got = await org.ok("get", f"/users/{ann['user_id']}")
    assert (got["email"], got["display_name"], got["role"], got["team_id"]) == (
        a,
        "Ann Lee",
        "rep",
        team["id"],
    )
    for email, password in ((a, PASSWORD), (b, bo["password"])):
        r = await client.post("/api/v1/auth/login", json={"email": email, "password": password})
        assert r.status_code == 200, r.text
    log = await org.ok("get", "/audit", kind="user")
    imported = [e for e in log["entries"] if e["action"] == "import"]
    assert sorted(e["entity_id"] for e in imported) == sorted(str(r["user_id"]) for r in out["rows"])
    assert "password" not in str(imported) and bo["password"] not in str(log)
    # the same file again: every email is taken now
    again = await org.ok("post", "/users/import", {"csv": text, "dry_run": False})
    assert (
        again["created"] == 0
        and [e["code"] for r in again["rows"] for e in r["errors"]] == ["email_taken"] * 2
    )


async def test_managers_import_reps_into_their_own_team_only(client):
    org = await new_org(client)
    mine = await org.ok("post", "/teams", {"name": unique("Mine")})
    theirs = await org.ok("post", "/teams", {"name": unique("Theirs")})
    manager = await org.user("manager", team_id=mine["id"])
    a = f"{unique('a')}@example.com"
    text = _csv(
        f"{a},Ann,,,",
        f"{unique('b')}@example.com,Bo,manager,,",
        f"{unique('c')}@example.com,Cy,rep,{theirs['name']},",
    )
    out = await manager.ok("post", "/users/import", {"csv": text})
    assert [[(e["field"], e["code"]) for e in r["errors"]] for r in out["rows"]] == [
        [],
        [("role", "forbidden")],
        [("team", "forbidden")],
    ]
    assert out["rows"][0]["team_id"] == mine["id"] and out["rows"][0]["role"] == "rep"
    out = await manager.ok("post", "/users/import", {"csv": _csv(f"{a},Ann,,,"), "dry_run": False})
    assert out["created"] == 1
    assert (await org.ok("get", f"/users/{out['rows'][0]['user_id']}"))["team_id"] == mine["id"]
    # another org's team is no team of this org
    other = await new_org(client)
    foreign = await other.ok("post", "/teams", {"name": unique("Far")})
    out = await org.ok(
        "post", "/users/import", {"csv": _csv(f"{unique('e')}@example.com,Ed,rep,{foreign['id']},")}
    )
    assert out["rows"][0]["errors"][0]["code"] == "team_not_found"


async def test_reps_displays_and_deactivated_managers_cannot_import(client):
    org = await new_org(client)
    team = await org.ok("post", "/teams", {"name": unique("T")})
    rep = await org.user("rep", team_id=team["id"])
    manager = await org.user("manager", team_id=team["id"])
    body = {"csv": _csv(f"{unique('a')}@example.com,Ann,,,"), "dry_run": False}
    r = await rep.post("/users/import", json=body)
    assert r.status_code == 403 and r.json()["error"]["code"] == "forbidden"
    d = await org.ok("post", "/displays", {"name": "Lobby"}, status=201)
    token = (await client.post("/api/v1/displays/pair", json={"code": d["pairing_code"]})).json()[
        "display_token"
    ]
    r = await client.post("/api/v1/users/import", json=body, headers={"authorization": f"Bearer {token}"})
    assert r.status_code in (401, 403)
    await org.ok("patch", f"/users/{manager.user_id}", {"active": False})
    r = await manager.post("/users/import", json=body)
    assert r.status_code == 401
    assert (await org.ok("get", "/users", limit=500))["total"] == 3


async def test_the_files_limits_are_clear_400s(client):
    org = await new_org(client)
    rows = [f"r{i}{unique('x')}@example.com,Rep {i},,," for i in range(MAX_ROWS + 1)]
    r = await org.post("/users/import", json={"csv": _csv(*rows)})
    assert r.status_code == 400 and r.json()["error"]["code"] == "too_many_rows"
    assert r.json()["error"]["message"] == f"the file has {MAX_ROWS + 1} rows: at most {MAX_ROWS} per import"
    r = await org.post("/users/import", json={"csv": "x" * (MAX_BYTES + 1)})
    assert r.status_code == 400
    r = await org.post("/users/import", json={"csv": "email,name\nx@example.com,X\n"})
    assert (
        r.status_code == 400
        and r.json()["error"]["code"] == "invalid_csv"
        and "unknown: name" in r.json()["error"]["message"]
    )


async def test_the_reps_page_previews_then_creates(client, browser):
    org = await new_org(client)
    team = await org.ok("post", "/teams", {"name": unique("East")})
    manager = await org.user("manager", team_id=team["id"])
    await sign_in(browser, await _email_of(org, manager.user_id))
    page = await browser.get("/admin/reps")
    assert 'href="/admin/reps/import"' in page.text
    form = await browser.get("/admin/reps/import")
    token = csrf_of(form.text)
    a, b = f"{unique('a')}@example.com", f"{unique('b')}@example.com"
    bad = _csv(f"{a},Ann,,,", f"{b},Bo,admin,,")
    r = await browser.post(
        "/admin/reps/import", data={"_csrf": token}, files={"file": ("reps.csv", bad, "text/csv")}
    )
    assert r.status_code == 200 and "2 rows: 1 ready, 1 with errors." in r.text
    assert 'data-code="forbidden"' in r.text and "role: managers can only import reps" in r.text
    assert 'data-testid="import-confirm"' not in r.text
    good = _csv(f"{a},Ann,,,", f"{b},Bo,,,")
    r = await browser.post(
        "/admin/reps/import", data={"_csrf": token}, files={"file": ("reps.csv", good, "text/csv")}
    )
    assert r.status_code == 200 and "2 rows: 2 ready, 0 with errors." in r.text and "Create 2 users" in r.text
    assert (await org.ok("get", "/users", team_id=team["id"]))["total"] == 1  # the preview wrote nothing
    # the confirm form carries the file back; without the CSRF token it is refused
    r = await browser.post("/admin/reps/import", data={"confirm": "1", "csv": good})
    assert r.status_code == 403
    r = await browser.post("/admin/reps/import", data={"_csrf": token, "confirm": "1", "csv": good})
    assert r.status_code == 200 and "2 users created." in r.text and r.text.count("<code>") >= 2
    members = await org.ok("get", "/users", team_id=team["id"])
    assert sorted(u["email"] for u in members["items"] if u["role"] == "rep") == sorted([a, b])


async def test_the_upload_form_explains_a_refused_file(client, browser):
    org = await new_org(client)
    await sign_in(browser, await _email_of(org, org.user_id))
    r = await post_form(browser, "/admin/reps/import", "/admin/reps/import", {})
    assert r.status_code == 400 and "Choose a CSV file to import." in r.text
    token = csrf_of((await browser.get("/admin/reps/import")).text)
    big = b"email,display_name\n" + b"x" * MAX_BYTES
    r = await browser.post(
        "/admin/reps/import", data={"_csrf": token}, files={"file": ("big.csv", big, "text/csv")}
    )
    assert r.status_code == 400 and "larger than 256 KiB" in r.text
    r = await browser.post(
        "/admin/reps/import", data={"_csrf": token}, files={"file": ("x.csv", b"\xff\xfe\x00bad", "text/csv")}
    )
    assert r.status_code == 400 and "not UTF-8" in r.text
    r = await browser.post(
        "/admin/reps/import", data={"_csrf": token}, files={"file": ("x.csv", b"mail\nx\n", "text/csv")}
    )
    assert r.status_code == 400 and 'data-testid="error-file"' in r.text and "unknown: mail" in r.text


async def test_reps_and_other_orgs_get_no_import_page(app, client):
    org = await new_org(client)
    rep = await org.user("rep")
    async with client_of(app, follow_redirects=False) as b:
        r = await sign_in(b, await _email_of(org, rep.user_id))
        assert r.status_code == 403
        r = await b.get("/admin/reps/import")
        assert r.status_code == 303  # no session: the sign-in page
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as anon:
        r = await anon.post("/admin/reps/import", data={"csv": "email,display_name\n"})
        assert r.status_code in (303, 403)
