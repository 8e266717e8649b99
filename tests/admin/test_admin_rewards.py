"""The admin's Rewards page over HTTP: the catalog's stock set from the page and held exactly
under concurrent redemptions, approve and refund from the queue (exact points back through the
ledger, stock restored, audited), field errors, CSRF and who may do any of it."""

from __future__ import annotations

import asyncio
import re

import pytest

from tests.admin.support import csrf_of, post_form, sign_in
from tests.conftest import new_org, unique
from tests.social.support import earn, reward, wallet
from tests.support.api import assert_error
from tests.support.contract import client_of


@pytest.fixture
async def browser(app):
    async with client_of(app, follow_redirects=False) as c:
        yield c


async def _email(api, user_id: int) -> str:
    return (await api.ok("get", f"/users/{user_id}"))["email"]


def _stock_cell(html: str, reward_id: int) -> str:
    row = re.search(rf'data-testid="reward" data-id="{reward_id}">(.*?)</tr>', html, re.S)
    assert row, "no catalog row"
    cell = re.search(r'data-testid="stock">(.*?)</td>', row.group(1), re.S)
    assert cell
    return re.sub(r"<[^>]+>", "", cell.group(1)).strip()


async def test_stock_set_in_the_admin_holds_under_concurrent_redemptions(client, browser):
    org = await new_org(client)
    await sign_in(browser, await _email(org, org.user_id))
    r = await post_form(
        browser,
        "/admin/rewards",
        "/admin/rewards",
        {"name": "Team lunch", "cost": "40", "stock": "", "description": "For four"},
    )
    assert r.status_code == 303
    lunch = next(x for x in (await org.ok("get", "/rewards"))["rewards"] if x["name"] == "Team lunch")
    assert (lunch["cost"], lunch["stock"]) == (40, None)
    r = await post_form(
        browser, "/admin/rewards", f"/admin/rewards/{lunch['id']}/stock", {"stock": "2", "active": "on"}
    )
    assert r.status_code == 303
    assert _stock_cell((await browser.get("/admin/rewards")).text, lunch["id"]) == "2"
    reps = [await org.user() for _ in range(5)]
    for rep in reps:
        await earn(org, rep, 100)
    rs = await asyncio.gather(*[rep.post(f"/rewards/{lunch['id']}/redeem") for rep in reps])
    assert sorted(x.status_code for x in rs) == [201, 201, 409, 409, 409]
    assert {x.json()["error"]["code"] for x in rs if x.status_code == 409} == {"out_of_stock"}
    assert _stock_cell((await browser.get("/admin/rewards")).text, lunch["id"]) == "0 · out of stock"
    assert sorted([(await wallet(rep))["balance"] for rep in reps]) == [60, 60, 100, 100, 100]
    audit = (await org.ok("get", "/audit", kind="reward"))["entries"]
    assert [(e["action"], e["before"], e["after"]) for e in audit][0] == (
        "update",
        {"stock": None},
        {"stock": 2},
    )


async def test_refund_from_the_queue_gives_the_exact_points_and_the_unit_back(client, browser):
    org = await new_org(client)
    rep = await org.user(display_name="Rita Refund")
    await earn(org, rep, 300)
    hoodie = await reward(org, cost=125, stock=1, name="Hoodie")
    red = await rep.ok("post", f"/rewards/{hoodie['id']}/redeem", status=201)
    await sign_in(browser, await _email(org, org.user_id))
    page = await browser.get("/admin/rewards")
    assert "Rita Refund" in page.text and 'data-testid="refund"' not in page.text  # pending: approve/reject
    r = await post_form(browser, "/admin/rewards", f"/admin/redemptions/{red['id']}/approve", {})
    assert r.status_code == 303
    approved = await browser.get("/admin/rewards?state=approved")
    assert "Refund 125 points" in approved.text
    assert await wallet(rep) == {"balance": 175, "earned": 300, "held": 0, "spent": 125}
    r = await post_form(
        browser,
        "/admin/rewards?state=approved",
        f"/admin/redemptions/{red['id']}/refund",
        {"note": "size out of stock at the vendor", "state": "approved"},
    )
    assert r.status_code == 303 and r.headers["location"] == "/admin/rewards?state=approved"
    assert await wallet(rep) == {"balance": 300, "earned": 300, "held": 0, "spent": 0}
    assert (await org.ok("get", f"/rewards/{hoodie['id']}"))["stock"] == 1
    ledger = (await rep.ok("get", "/me/ledger"))["entries"]
    assert [(e["kind"], e["points"]) for e in ledger[:2]] == [
        ("redemption_refund", 125),
        ("redemption", -125),
    ]
    # a second click (another tab) is refused on the page, and nothing moves
    r = await post_form(
        browser,
        "/admin/rewards?state=approved",
        f"/admin/redemptions/{red['id']}/refund",
        {"state": "approved"},
    )
    assert r.status_code == 409 and "it cannot be refunded now" in r.text
    assert (await wallet(rep))["balance"] == 300
    entry = next(
        e for e in (await org.ok("get", "/audit", kind="redemption"))["entries"] if e["action"] == "refund"
    )
    assert entry["before"] == {"state": "approved"}
    assert (
        entry["after"]["state"] == "refunded" and entry["after"]["note"] == "size out of stock at the vendor"
    )
    assert "Rita Refund" in (await browser.get("/admin/rewards?state=refunded")).text
    notes = (await rep.ok("get", "/notifications"))["notifications"]
    assert any(n["kind"] == "redemption_refunded" for n in notes)


async def test_field_errors_and_csrf(client, browser):
    org = await new_org(client)
    mug = await reward(org, cost=10, stock=5, name="Mug")
    await sign_in(browser, await _email(org, org.user_id))
    r = await post_form(
        browser, "/admin/rewards", "/admin/rewards", {"name": "Pen", "cost": "0", "stock": ""}
    )
    assert r.status_code == 400 and 'data-testid="error-cost"' in r.text and "At least 1." in r.text
    r = await post_form(browser, "/admin/rewards", "/admin/rewards", {"name": "", "cost": "5", "stock": ""})
    assert r.status_code == 400 and 'data-testid="error-name"' in r.text
    r = await post_form(browser, "/admin/rewards", f"/admin/rewards/{mug['id']}/stock", {"stock": "-1"})
    assert r.status_code == 400 and 'data-testid="error-stock"' in r.text and "At least 0." in r.text
    r = await post_form(browser, "/admin/rewards", f"/admin/rewards/{mug['id']}/stock", {"stock": "lots"})
    assert r.status_code == 400 and "A whole number." in r.text
    assert (await org.ok("get", f"/rewards/{mug['id']}"))["stock"] == 5
    r = await browser.post(f"/admin/rewards/{mug['id']}/stock", data={"stock": "0", "active": "on"})
    assert r.status_code == 403 and "Form expired" in r.text
    assert (await org.ok("get", f"/rewards/{mug['id']}"))["stock"] == 5
    assert [x["name"] for x in (await org.ok("get", "/rewards"))["rewards"]] == ["Mug"]


async def test_only_the_orgs_admins_run_rewards(app, client, browser):
    org = await new_org(client)
    team = await org.ok("post", "/teams", {"name": unique("T")})
    manager = await org.user("manager", team_id=team["id"])
    rep = await org.user("rep", team_id=team["id"])
    await earn(org, rep, 100)
    mug = await reward(org, cost=10, stock=5, name="Mug")
    red = await rep.ok("post", f"/rewards/{mug['id']}/redeem", status=201)
    await org.ok("post", f"/redemptions/{red['id']}/approve")
    # a manager (even of the rep's own team): the page and its posts are refused
    await sign_in(browser, await _email(org, manager.user_id))
    assert (await browser.get("/admin/rewards")).status_code == 403
    token = csrf_of((await browser.get("/admin/reps")).text)
    for path, data in (
        (f"/admin/redemptions/{red['id']}/refund", {}),
        (f"/admin/rewards/{mug['id']}/stock", {"stock": "0"}),
    ):
        assert (await browser.post(path, data={"_csrf": token, **data})).status_code == 403
    # a rep has no admin at all
    async with client_of(app, follow_redirects=False) as as_rep:
        assert (await sign_in(as_rep, await _email(org, rep.user_id))).status_code == 403
        assert (await as_rep.get("/admin/rewards")).status_code == 303
    # a display's token is no admin cookie
    d = await org.ok("post", "/displays", {"name": "Lobby"}, status=201)
    shown = (await client.post("/api/v1/displays/pair", json={"code": d["pairing_code"]})).json()
    async with client_of(app, follow_redirects=False) as screen:
        screen.cookies.set("rr_admin", shown["display_token"])
        assert (await screen.get("/admin/rewards")).status_code == 303
    # another org's admin: nothing of this org exists for them
    other = await new_org(client)
    async with client_of(app, follow_redirects=False) as stranger:
        await sign_in(stranger, await _email(other, other.user_id))
        assert "Mug" not in (await stranger.get("/admin/rewards?state=approved")).text
        r = await post_form(stranger, "/admin/rewards", f"/admin/redemptions/{red['id']}/refund", {})
        assert r.status_code == 404
        r = await post_form(stranger, "/admin/rewards", f"/admin/rewards/{mug['id']}/stock", {"stock": "0"})
        assert r.status_code == 404
    # a deactivated admin's cookie opens nothing
    admin2 = await org.user("admin")
    async with client_of(app, follow_redirects=False) as gone:
        await sign_in(gone, await _email(org, admin2.user_id))
        assert (await gone.get("/admin/rewards")).status_code == 200
        await org.ok("patch", f"/users/{admin2.user_id}", {"active": False})
        r = await gone.get("/admin/rewards")
        assert r.status_code == 303 and r.headers["location"].startswith("/admin/login")
    assert (await org.ok("get", f"/redemptions/{red['id']}"))["state"] == "approved"
    assert (await org.ok("get", f"/rewards/{mug['id']}"))["stock"] == 4
    assert_error(await manager.post(f"/redemptions/{red['id']}/refund"), 403, "forbidden")


async def test_an_unknown_queue_action_is_not_found(client, browser):
    org = await new_org(client)
    await sign_in(browser, await _email(org, org.user_id))
    r = await post_form(browser, "/admin/rewards", "/admin/redemptions/1/undo", {})
    assert r.status_code == 404 and "Not found" in r.text
