"""The admin's Settings page over HTTP: working days, kudos limits and notification defaults,
each saved through the service its JSON API uses, audited, refused beside its field, and read
by the engine (pace to target, the kudos allowance, the reps' notification preferences)."""

from __future__ import annotations

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


def _audit(entries: list[dict], action: str) -> dict:
    return next(e for e in entries if e["action"] == action)


async def test_working_days_change_pace_to_target(client, browser):
    org = await new_org(client)
    await sign_in(browser, await _email(org, org.user_id))
    pace = (await org.ok("get", "/targets", metric="points", period="month", start="2027-01-15"))["pace"]
    assert pace["working_days"] == 21  # January 2027, Monday to Friday
    days = {"workdays": ["monday", "tuesday", "wednesday", "thursday"]}
    page = await browser.get("/admin/settings")
    r = await browser.post("/admin/settings/working-days", data={"_csrf": csrf_of(page.text), **days})
    assert r.status_code == 303 and r.headers["location"] == "/admin/settings?saved=1"
    assert (await org.ok("get", "/streak-settings"))["workdays"] == [0, 1, 2, 3]
    pace = (await org.ok("get", "/targets", metric="points", period="month", start="2027-01-15"))["pace"]
    assert pace["working_days"] == 16
    shown = (await browser.get("/admin/settings")).text
    assert 'value="thursday" checked' in shown and 'value="friday" checked' not in shown
    entry = _audit((await org.ok("get", "/audit", kind="org"))["entries"], "streak_settings")
    assert (entry["before"], entry["after"]) == ({"workdays": [0, 1, 2, 3, 4]}, {"workdays": [0, 1, 2, 3]})
    r = await post_form(browser, "/admin/settings", "/admin/settings/working-days", {})
    assert r.status_code == 400 and 'data-testid="error-workdays"' in r.text
    assert "Pick at least one working day." in r.text
    assert (await org.ok("get", "/streak-settings"))["workdays"] == [0, 1, 2, 3]


async def test_kudos_limits_bound_what_reps_give(client, browser):
    org = await new_org(client)
    ann, bob = await org.user(), await org.user()
    await sign_in(browser, await _email(org, org.user_id))
    limits = {
        "monthly_allowance": "30",
        "max_points": "20",
        "per_hour": "5",
        "per_day": "10",
        "per_pair_day": "2",
    }
    r = await post_form(browser, "/admin/settings", "/admin/settings/kudos", limits)
    assert r.status_code == 303
    got = await org.ok("get", "/kudos/settings")
    assert {k: got[k] for k in limits} == {k: int(v) for k, v in limits.items()}
    assert (await ann.ok("get", "/me/kudos-allowance"))["remaining"] == 30
    await ann.ok("post", "/kudos", {"to_user_id": bob.user_id, "message": "Thanks", "points": 20}, status=201)
    r = await ann.post("/kudos", {"to_user_id": bob.user_id, "message": "Again", "points": 15})
    assert r.status_code == 409 and r.json()["error"]["code"] == "allowance_exceeded"
    assert r.json()["error"]["details"] == {"remaining": 10, "allowance": 30}
    entry = _audit((await org.ok("get", "/audit", kind="org"))["entries"], "kudos_settings")
    assert entry["before"]["monthly_allowance"] == 100 and entry["after"]["monthly_allowance"] == 30
    # refusals beside their field, nothing saved
    r = await post_form(browser, "/admin/settings", "/admin/settings/kudos", {**limits, "per_hour": "11"})
    assert r.status_code == 400 and 'data-testid="error-per_hour"' in r.text
    assert "Per_hour cannot exceed per_day." in r.text
    r = await post_form(browser, "/admin/settings", "/admin/settings/kudos", {**limits, "max_points": "-1"})
    assert r.status_code == 400 and 'data-testid="error-max_points"' in r.text and "At least 0." in r.text
    r = await post_form(
        browser, "/admin/settings", "/admin/settings/kudos", {**limits, "monthly_allowance": "2000000"}
    )
    assert r.status_code == 400 and 'data-testid="error-monthly_allowance"' in r.text
    assert (await org.ok("get", "/kudos/settings"))["monthly_allowance"] == 30


async def test_notification_defaults_reach_reps_who_have_not_chosen(client, browser):
    org = await new_org(client)
    plain, chooser = await org.user(), await org.user()
    await chooser.ok(
        "put",
        "/me/notification-preferences",
        {"kinds": {"kudos": True}, "quiet_hours": {"start": "23:00", "end": "06:00"}},
    )
    await sign_in(browser, await _email(org, org.user_id))
    page = await browser.get("/admin/settings")
    assert 'name="kind:kudos" checked' in page.text
    kinds = {f"kind:{k}": "on" for k in ("passed", "top_n", "badge_earned", "streak_at_risk")}
    r = await browser.post(
        "/admin/settings/notifications",
        data={"_csrf": csrf_of(page.text), **kinds, "quiet_start": "21:30", "quiet_end": "07:00"},
    )
    assert r.status_code == 303
    mine = await plain.ok("get", "/me/notification-preferences")
    assert [k for k, on in mine["kinds"].items() if on] == [
        "passed",
        "top_n",
        "badge_earned",
        "streak_at_risk",
    ]
    assert mine["quiet_hours"] == {"start": "21:30", "end": "07:00"}
    theirs = await chooser.ok("get", "/me/notification-preferences")
    assert theirs["kinds"]["kudos"] is True and theirs["kinds"]["team_win"] is False
    assert theirs["quiet_hours"] == {"start": "23:00", "end": "06:00"}
    got = await org.ok("get", "/notification-defaults")
    assert got["quiet_hours"] == {"start": "21:30", "end": "07:00"} and got["kinds"]["kudos"] is False
    entry = _audit((await org.ok("get", "/audit", kind="org"))["entries"], "notification_defaults")
    assert entry["before"]["quiet_hours"] is None and entry["after"]["quiet_hours"] == "21:30-07:00"
    assert "kudos" in entry["after"]["kinds_off"]
    # refusals beside their field
    for data, name, message in (
        ({"quiet_start": "25:00", "quiet_end": "07:00"}, "quiet_start", "A time like 22:00."),
        ({"quiet_start": "22:00", "quiet_end": ""}, "quiet_end", "Set both ends, or neither."),
        ({"quiet_start": "22:00", "quiet_end": "22:00"}, "quiet_end", "cannot start and end"),
    ):
        r = await post_form(browser, "/admin/settings", "/admin/settings/notifications", data)
        assert r.status_code == 400 and f'data-testid="error-{name}"' in r.text and message in r.text, name
    # clearing the quiet hours through the page
    r = await post_form(browser, "/admin/settings", "/admin/settings/notifications", {**kinds})
    assert r.status_code == 303
    assert (await plain.ok("get", "/me/notification-preferences"))["quiet_hours"] is None
    # the JSON API refuses the same mistakes, and is for admins
    r = await org.client.put(
        "/api/v1/notification-defaults", headers=org.headers, json={"kinds": {"nope": True}}
    )
    assert r.status_code == 400 and r.json()["error"]["code"] == "unknown_notification_kind"
    manager = await org.user("manager")
    assert (await manager.ok("get", "/notification-defaults"))["quiet_hours"] is None
    r = await manager.client.put("/api/v1/notification-defaults", headers=manager.headers, json={"kinds": {}})
    assert r.status_code == 403
    assert (await plain.get("/notification-defaults")).status_code == 403


async def test_settings_are_for_the_orgs_admins_only(app, client, browser):
    org = await new_org(client)
    team = await org.ok("post", "/teams", {"name": unique("T")})
    manager = await org.user("manager", team_id=team["id"])
    rep = await org.user("rep", team_id=team["id"])
    await sign_in(browser, await _email(org, manager.user_id))
    assert (await browser.get("/admin/settings")).status_code == 403
    token = csrf_of((await browser.get("/admin/reps")).text)
    for path, data in (
        ("/admin/settings/working-days", {"workdays": "monday"}),
        ("/admin/settings/kudos", {"monthly_allowance": "1"}),
        ("/admin/settings/notifications", {"quiet_start": "20:00", "quiet_end": "08:00"}),
    ):
        assert (await browser.post(path, data={"_csrf": token, **data})).status_code == 403, path
    async with client_of(app, follow_redirects=False) as as_rep:
        assert (await sign_in(as_rep, await _email(org, rep.user_id))).status_code == 403
        assert (await as_rep.get("/admin/settings")).status_code == 303
    # without the CSRF token nothing is saved
    async with client_of(app, follow_redirects=False) as admin_browser:
        await sign_in(admin_browser, await _email(org, org.user_id))
        r = await admin_browser.post(
            "/admin/settings/kudos",
            data={
                "monthly_allowance": "1",
                "max_points": "1",
                "per_hour": "1",
                "per_day": "1",
                "per_pair_day": "1",
            },
        )
        assert r.status_code == 403 and "Form expired" in r.text
    # another org's admin changes their own org only
    other = await new_org(client)
    async with client_of(app, follow_redirects=False) as stranger:
        await sign_in(stranger, await _email(other, other.user_id))
        r = await post_form(
            stranger, "/admin/settings", "/admin/settings/working-days", {"workdays": "sunday"}
        )
        assert r.status_code == 303
    assert (await other.ok("get", "/streak-settings"))["workdays"] == [6]
    assert (await org.ok("get", "/streak-settings"))["workdays"] == [0, 1, 2, 3, 4]
    assert (await org.ok("get", "/kudos/settings"))["monthly_allowance"] == 100
    assert (await org.ok("get", "/notification-defaults"))["quiet_hours"] is None
    # a deactivated admin's cookie opens nothing
    admin2 = await org.user("admin")
    async with client_of(app, follow_redirects=False) as gone:
        await sign_in(gone, await _email(org, admin2.user_id))
        assert (await gone.get("/admin/settings")).status_code == 200
        await org.ok("patch", f"/users/{admin2.user_id}", {"active": False})
        assert (await gone.get("/admin/settings")).status_code == 303
