"""The admin's Displays pages over HTTP: create a screen and read its pairing code, choose and
order its boards (metric x window x segment) through `displays.service`, the preview that shows
each board as the TV titles and ranks it, revoke; field errors, CSRF and who may do any of it."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from tests.admin.support import csrf_of, post_form, sign_in
from tests.conftest import new_org, unique
from tests.support.contract import client_of


@pytest.fixture
async def browser(app):
    async with client_of(app, follow_redirects=False) as c:
        yield c


async def _email(api, user_id: int) -> str:
    return (await api.ok("get", f"/users/{user_id}"))["email"]


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _preview(html: str) -> list[tuple[str, list[str]]]:
    """(caption, rows) of each preview board, in order."""
    out = []
    for fig in re.findall(r'<figure class="tv-frame"[^>]*>(.*?)</figure>', html, re.S):
        caption = _text(re.search(r"<figcaption>(.*?)</figcaption>", fig, re.S).group(1))
        rows = [_text(r) for r in re.findall(r'<li data-testid="preview-row">(.*?)</li>', fig, re.S)]
        out.append((caption, rows))
    return out


async def _create(browser, name: str = "Sales floor") -> str:
    r = await post_form(browser, "/admin/displays", "/admin/displays", {"name": name, "rotate_seconds": "15"})
    assert r.status_code == 303, r.text[-500:]
    return r.headers["location"]


async def test_create_choose_order_preview_and_revoke(client, browser):
    org = await new_org(client)
    team = await org.ok("post", "/teams", {"name": "Inbound"})
    ann = await org.user(display_name="Ann Archer", team_id=team["id"])
    bob = await org.user(display_name="Bob Baker")
    await org.log("call", user_id=ann.user_id, quantity=3)  # 2 points a call
    await org.log("call", user_id=bob.user_id, quantity=5)
    await sign_in(browser, await _email(org, org.user_id))
    where = await _create(browser)
    display_id = int(where.rsplit("/", 1)[1])
    page = (await browser.get(where)).text
    made = await org.ok("get", f"/displays/{display_id}")
    assert (made["name"], made["rotate_seconds"]) == ("Sales floor", 15)
    assert made["boards"] == ["lb:points:week:org", "lb:deal_won:month:org", "lb:points:day:org"]
    code = re.search(r'data-testid="pairing-code">([A-Z0-9]+)<', page).group(1)
    assert code == made["pairing_code"]
    # the preview: each board titled as the TV titles it, ranked with the exact scores
    week = (await org.ok("get", "/leaderboards/points", window="week"))["period"]
    start = datetime.fromisoformat(week["start"])
    last = datetime.fromisoformat(week["end"]) - timedelta(seconds=1)
    span = f"{start:%b} {start.day}" + ("" if start.date() == last.date() else f" – {last:%b} {last.day}")
    now = datetime.now(UTC)
    assert _preview(page) == [
        (f"Points This week · {span} · Whole org", ["1 Bob Baker 10", "2 Ann Archer 6"]),
        (f"Deal won This month · {now:%B %Y} · Whole org", []),
        (f"Points Today · {now:%a}, {now:%b} {now.day} · Whole org", ["1 Bob Baker 10", "2 Ann Archer 6"]),
    ]
    assert "No scores yet this period." in page
    # add the team's board, move it to the top, drop the deals board
    r = await post_form(browser, where, f"{where}/boards",
                        {"op": "add", "metric": "call", "window": "all", "segment": f"team:{team['id']}"})
    assert r.status_code == 303
    for at in ("3", "2", "1"):
        r = await post_form(browser, where, f"{where}/boards", {"op": "up", "at": at})
        assert r.status_code == 303
    r = await post_form(browser, where, f"{where}/boards", {"op": "remove", "at": "2"})
    assert r.status_code == 303
    boards = (await org.ok("get", f"/displays/{display_id}"))["boards"]
    assert boards == [f"lb:call:all:team:{team['id']}", "lb:points:week:org", "lb:points:day:org"]
    page = (await browser.get(where)).text
    assert _preview(page)[0] == ("Call All time · Team Inbound", ["1 Ann Archer 3"])
    # the screen reads the same order
    paired = (await client.post("/api/v1/displays/pair", json={"code": code})).json()
    assert paired["display"]["boards"] == boards
    assert [t["title"] for t in paired["display"]["titles"]] == ["Call", "Points", "Points"]
    audit = (await org.ok("get", "/audit", kind="display"))["entries"]
    assert [e["action"] for e in audit][:2] == ["update", "update"] and audit[-1]["action"] == "create"
    assert audit[0]["after"]["boards"] == boards
    # rename and rotate
    r = await post_form(browser, where, where, {"name": "Floor 2", "rotate_seconds": "45"})
    assert r.status_code == 303
    assert {k: (await org.ok("get", f"/displays/{display_id}"))[k] for k in ("name", "rotate_seconds")} == {
        "name": "Floor 2", "rotate_seconds": 45}
    # revoke: the screen's token stops working at once
    token = paired["display_token"]
    assert (await client.get("/api/v1/display/config", headers={"authorization": f"Bearer {token}"})).status_code == 200
    r = await post_form(browser, where, f"{where}/revoke", {})
    assert r.status_code == 303 and r.headers["location"] == where
    assert (await client.get("/api/v1/display/config", headers={"authorization": f"Bearer {token}"})).status_code == 401
    assert 'data-testid="display-status">revoked<' in (await browser.get(where)).text
    r = await post_form(browser, where, f"{where}/code", {})
    fresh = (await org.ok("get", f"/displays/{display_id}"))["pairing_code"]
    assert fresh and fresh in (await browser.get(where)).text


async def test_bad_boards_and_fields_are_refused_beside_them(client, browser):
    org = await new_org(client)
    other = await new_org(client)
    their_team = await other.ok("post", "/teams", {"name": unique("Theirs")})
    await sign_in(browser, await _email(org, org.user_id))
    r = await post_form(browser, "/admin/displays", "/admin/displays", {"name": "", "rotate_seconds": "15"})
    assert r.status_code == 400 and 'data-testid="error-name"' in r.text
    r = await post_form(browser, "/admin/displays", "/admin/displays", {"name": "TV", "rotate_seconds": "2"})
    assert r.status_code == 400 and 'data-testid="error-rotate_seconds"' in r.text and "At least 5." in r.text
    where = await _create(browser)
    display_id = int(where.rsplit("/", 1)[1])
    for data, message in (
        ({"metric": "points", "window": "fortnight", "segment": "org"}, "Choose one of the options."),
        ({"metric": "nonsense", "window": "week", "segment": "org"}, "No leaderboard &#39;nonsense&#39;."),
        ({"metric": "points", "window": "week", "segment": f"team:{their_team['id']}"}, "not found"),
    ):
        r = await post_form(browser, where, f"{where}/boards", {"op": "add", **data})
        assert r.status_code in (400, 404) and message in r.text, (data, _text(r.text)[:400])
    for _ in range(9):
        await post_form(browser, where, f"{where}/boards", {"op": "add", "metric": "points", "window": "all",
                                                            "segment": "org"})
    r = await post_form(browser, where, f"{where}/boards", {"op": "add", "metric": "points", "window": "all",
                                                            "segment": "org"})
    assert r.status_code == 400 and 'data-testid="error-boards"' in r.text and "1 to 12 boards" in r.text
    assert len((await org.ok("get", f"/displays/{display_id}"))["boards"]) == 12
    for _ in range(11):
        await post_form(browser, where, f"{where}/boards", {"op": "remove", "at": "0"})
    r = await post_form(browser, where, f"{where}/boards", {"op": "remove", "at": "0"})
    assert r.status_code == 400 and "1 to 12 boards" in r.text
    assert len((await org.ok("get", f"/displays/{display_id}"))["boards"]) == 1
    assert (await org.ok("get", f"/displays/{display_id}"))["boards"] == ["lb:points:all:org"]
    r = await post_form(browser, where, f"{where}/boards", {"op": "twirl", "at": "0"})
    assert r.status_code == 404


async def test_displays_are_for_the_orgs_admins_only(app, client, browser):
    org = await new_org(client)
    team = await org.ok("post", "/teams", {"name": unique("T")})
    manager = await org.user("manager", team_id=team["id"])
    rep = await org.user("rep", team_id=team["id"])
    d = await org.ok("post", "/displays", {"name": "Lobby"}, status=201)
    where = f"/admin/displays/{d['id']}"
    await sign_in(browser, await _email(org, manager.user_id))
    for path in ("/admin/displays", where):
        assert (await browser.get(path)).status_code == 403, path
    token = csrf_of((await browser.get("/admin/reps")).text)
    for path, data in ((f"{where}/revoke", {}), (f"{where}/boards", {"op": "remove", "at": "0"}),
                       (where, {"name": "Mine now", "rotate_seconds": "20"}), ("/admin/displays", {"name": "X"})):
        assert (await browser.post(path, data={"_csrf": token, **data})).status_code == 403, path
    async with client_of(app, follow_redirects=False) as as_rep:
        assert (await sign_in(as_rep, await _email(org, rep.user_id))).status_code == 403
        assert (await as_rep.get(where)).status_code == 303
    shown = (await client.post("/api/v1/displays/pair", json={"code": d["pairing_code"]})).json()
    async with client_of(app, follow_redirects=False) as screen:
        screen.cookies.set("rr_admin", shown["display_token"])
        assert (await screen.get(where)).status_code == 303
    other = await new_org(client)
    async with client_of(app, follow_redirects=False) as stranger:
        await sign_in(stranger, await _email(other, other.user_id))
        assert (await stranger.get(where)).status_code == 404
        assert "Lobby" not in (await stranger.get("/admin/displays")).text
        for path, data in ((f"{where}/revoke", {}), (f"{where}/boards", {"op": "remove", "at": "0"}),
                           (where, {"name": "Mine now", "rotate_seconds": "20"})):
            assert (await post_form(stranger, "/admin/displays", path, data)).status_code == 404, path
    async with client_of(app, follow_redirects=False) as admin_browser:
        await sign_in(admin_browser, await _email(org, org.user_id))
        r = await admin_browser.post(f"{where}/revoke", data={})
        assert r.status_code == 403 and "Form expired" in r.text
    admin2 = await org.user("admin")
    async with client_of(app, follow_redirects=False) as gone:
        await sign_in(gone, await _email(org, admin2.user_id))
        assert (await gone.get(where)).status_code == 200
        await org.ok("patch", f"/users/{admin2.user_id}", {"active": False})
        assert (await gone.get(where)).status_code == 303
    after = await org.ok("get", f"/displays/{d['id']}")
    assert (after["name"], after["revoked_at"], len(after["boards"])) == ("Lobby", None, 3)


async def test_each_boards_buttons_name_and_move_that_board(client, browser):
    org = await new_org(client)
    await sign_in(browser, await _email(org, org.user_id))
    where = await _create(browser)
    page = (await browser.get(where)).text
    buttons = re.findall(r'name="at" value="(\d)">\s*<button type="submit" aria-label="([^"]+)"', page)
    assert buttons == [
        ("0", "Down: Points · Whole org (1)"), ("0", "Remove: Points · Whole org (1)"),
        ("1", "Up: Deal won · Whole org (2)"), ("1", "Down: Deal won · Whole org (2)"),
        ("1", "Remove: Deal won · Whole org (2)"),
        ("2", "Up: Points · Whole org (3)"), ("2", "Remove: Points · Whole org (3)"),
    ]
