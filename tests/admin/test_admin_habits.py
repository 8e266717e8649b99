"""The admin's Missions and Badges pages over HTTP, the JSON API behind them and the audit log:
templates created, edited and deactivated; calibration shown and eased per rep; today's missions
per rep; the badge catalog with tiers, holders and awards by hand. Who may do what (rep, display,
another team's manager, another org, a deactivated manager), CSRF, field errors beside the field;
and the worker's contest steps in the audit log as "system"."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.admin.support import csrf_of, post_form, sign_in
from tests.conftest import new_org, unique
from tests.contests.support import contest, finish
from tests.habits.support import habit_org
from tests.support.api import assert_error
from tests.support.contract import client_of


@pytest.fixture
async def browser(app):
    async with client_of(app, follow_redirects=False) as c:
        yield c


@pytest.fixture
async def hbrowser(happ):
    """A browser of the app with the habit loop on (missions are made)."""
    async with client_of(happ, follow_redirects=False) as c:
        yield c


async def _email(api, user_id: int) -> str:
    return (await api.ok("get", f"/users/{user_id}"))["email"]


async def _teams(org):
    mine = await org.ok("post", "/teams", {"name": unique("Mine")})
    theirs = await org.ok("post", "/teams", {"name": unique("Theirs")})
    manager = await org.user("manager", team_id=mine["id"])
    my_rep = await org.user("rep", team_id=mine["id"], display_name="Mia Mine")
    their_rep = await org.user("rep", team_id=theirs["id"], display_name="Theo Theirs")
    return mine, theirs, manager, my_rep, their_rep


def _template(items: list[dict], key: str) -> dict:
    return next(t for t in items if t["key"] == key)


async def _entries(org, kind: str) -> list[dict]:
    return (await org.ok("get", "/audit", kind=kind, limit=200))["entries"]


# -- missions ---------------------------------------------------------------------------------------
async def test_templates_are_created_edited_and_deactivated_from_the_page_and_audited(client, browser):
    org = await new_org(client)
    await sign_in(browser, await _email(org, org.user_id))
    page = await browser.get("/admin/missions")
    assert page.status_code == 200 and 'data-testid="templates-table"' in page.text
    assert 'data-testid="calibration-rule"' in page.text and "median" in page.text
    assert "coming" not in page.text.split('href="/admin/missions"')[1][:40]
    form = {"key": "demos", "label": "Run {target} {demo|demos}", "type": "meeting_booked", "metric": "count",
            "min_target": "5", "max_target": "2", "nudge_pct": "10", "bonus_points": "25"}
    r = await post_form(browser, "/admin/missions", "/admin/missions", form)
    assert r.status_code == 400 and 'data-testid="error-max_target"' in r.text and "min_target" in r.text
    r = await post_form(browser, "/admin/missions", "/admin/missions", {**form, "type": "no_such_type",
                                                                          "max_target": "6"})
    assert r.status_code == 400 and 'data-testid="error-type"' in r.text
    r = await post_form(browser, "/admin/missions", "/admin/missions", {**form, "max_target": "six"})
    assert r.status_code == 400 and 'data-testid="error-max_target"' in r.text and "A whole number." in r.text
    r = await post_form(browser, "/admin/missions", "/admin/missions", {**form, "max_target": "6"})
    assert r.status_code == 303, r.text
    made = _template((await org.ok("get", "/mission-templates"))["items"], "demos")
    assert (made["min_target"], made["max_target"], made["bonus_points"], made["type"]) == (5, 6, 25, "meeting_booked")
    r = await post_form(browser, "/admin/missions", "/admin/missions", {**form, "max_target": "6"})
    assert r.status_code == 409 and 'data-testid="error-key"' in r.text
    # calibration: the nudge and the bounds; then deactivate
    edit = f"/admin/missions/{made['id']}"
    page = await browser.get(edit)
    assert page.status_code == 200 and 'value="Run {target} {demo|demos}"' in page.text
    r = await post_form(browser, edit, edit, {"label": "Run {target} {demo|demos}", "min_target": "2",
                                              "max_target": "8", "nudge_pct": "300", "bonus_points": "25",
                                              "active": "on"})
    assert r.status_code == 400 and 'data-testid="error-nudge_pct"' in r.text and "At most 200." in r.text
    r = await post_form(browser, edit, edit, {"label": "Run {target} {demo|demos}", "min_target": "2",
                                              "max_target": "8", "nudge_pct": "25", "bonus_points": "25"})
    assert r.status_code == 303
    got = _template((await org.ok("get", "/mission-templates"))["items"], "demos")
    assert (got["min_target"], got["max_target"], got["nudge_pct"], got["active"]) == (2, 8, 25, False)
    log = await _entries(org, "mission_template")
    assert [e["action"] for e in log] == ["deactivate", "create"]
    assert log[0]["before"] == {"min_target": 5, "max_target": 6, "nudge_pct": 10, "active": True}
    assert log[0]["after"] == {"min_target": 2, "max_target": 8, "nudge_pct": 25, "active": False}
    assert log[0]["actor_user_id"] == org.user_id and log[1]["after"]["key"] == "demos"
    # the JSON API writes the same entries
    await org.ok("patch", f"/mission-templates/{made['id']}", {"active": True, "bonus_points": 30})
    assert (await org.delete(f"/mission-templates/{made['id']}")).status_code == 204
    log = await _entries(org, "mission_template")
    assert [e["action"] for e in log[:2]] == ["delete", "update"]
    assert log[1]["before"] == {"bonus_points": 25, "active": False}
    assert log[1]["after"] == {"bonus_points": 30, "active": True}
    assert log[0]["before"]["key"] == "demos" and log[0]["after"] is None


async def test_todays_missions_per_rep_for_the_managers_team_and_calibration_eased(hclient, hbrowser):
    client, browser = hclient, hbrowser
    org = await habit_org(client)
    mine, theirs, manager, my_rep, their_rep = await _teams(org)
    settings = next(e for e in await _entries(org, "org") if e["action"] == "streak_settings")
    assert settings["before"]["workdays"] == [0, 1, 2, 3, 4] and settings["after"]["workdays"] == list(range(7))
    await org.ok("post", "/mission-templates", {"key": "team_calls", "label": "Make {target} {call|calls}",
                                                "type": "call", "min_target": 3, "max_target": 10, "team_id":
                                                mine["id"], "pinned": True}, status=201)
    mission = next(m for m in (await my_rep.ok("get", "/me/missions"))["missions"] if m["type"] == "call")
    assert mission["target"] == 3  # a new rep, no teammate history: the template's least
    for _ in range(2):
        await org.log("call", user_id=my_rep.user_id)
    await their_rep.ok("get", "/me/missions")
    await sign_in(browser, await _email(org, manager.user_id))
    page = await browser.get("/admin/missions")
    assert page.status_code == 200
    assert f'data-testid="today-{my_rep.user_id}"' in page.text
    assert f'data-testid="today-{their_rep.user_id}"' not in page.text and "Theo Theirs" not in page.text
    row = page.text.split(f'data-testid="today-{my_rep.user_id}"')[1].split("</tr>")[0]
    assert "Make 3 calls: 2 / 3" in row and "Median + nudge" in row
    # the same through the JSON API
    today = (await manager.ok("get", "/habits/missions/today"))["items"]
    assert [r["user_id"] for r in today] == [my_rep.user_id]
    call = next(m for m in today[0]["missions"] if m["type"] == "call")
    assert (call["progress"], call["target"], call["completed"]) == (2, 3, False)
    # ease: a bad percent beside its field, then 70 % for 5 days from tomorrow
    r = await post_form(browser, "/admin/missions", "/admin/missions/ease",
                        {"user_id": str(my_rep.user_id), "pct": "5", "days": "5"})
    assert r.status_code == 400 and 'data-testid="error-pct"' in r.text and "At least 10." in r.text
    r = await post_form(browser, "/admin/missions", "/admin/missions/ease",
                        {"user_id": str(my_rep.user_id), "pct": "70", "days": "5"})
    assert r.status_code == 303
    page = await browser.get("/admin/missions")
    cell = page.text.split(f'data-testid="calibration-{my_rep.user_id}">')[1].split("</td>")[0]
    assert cell.startswith("70 % of their median")
    eased = (await manager.ok("get", "/habits/missions/today"))["items"][0]
    assert eased["eased_pct"] == 70
    day = date.fromisoformat(eased["day"])
    assert (eased["eased_from"], eased["eased_until"]) == (str(day + timedelta(days=1)), str(day + timedelta(days=5)))
    log = await _entries(org, "user")
    entry = next(e for e in log if e["action"] == "missions_eased")
    assert entry["entity_id"] == str(my_rep.user_id) and entry["after"]["pct"] == 70
    assert entry["actor_user_id"] == manager.user_id
    # another team's rep: refused, nothing written (page and API)
    r = await post_form(browser, "/admin/missions", "/admin/missions/ease",
                        {"user_id": str(their_rep.user_id), "pct": "70", "days": "5"})
    assert r.status_code == 403
    r = await manager.post(f"/users/{their_rep.user_id}/missions/calibration", {"pct": 70, "days": 5})
    assert_error(r, 403, "not_in_scope")
    assert [e["entity_id"] for e in await _entries(org, "user") if e["action"] == "missions_eased"] == [
        str(my_rep.user_id)]
    # a manager pins missions to their own team only
    r = await manager.post("/mission-templates", {"key": "theirs", "label": "Call", "type": "call",
                                                  "team_id": theirs["id"]})
    assert_error(r, 403, "not_in_scope")
    team_tpl = _template((await org.ok("get", "/mission-templates"))["items"], "team_calls")
    admin_pinned = await org.ok("post", "/mission-templates", {"key": "their_calls", "label": "Call", "type": "call",
                                                               "team_id": theirs["id"]}, status=201)
    r = await post_form(browser, f"/admin/missions/{team_tpl['id']}", f"/admin/missions/{admin_pinned['id']}",
                        {"label": "Mine now", "min_target": "1", "max_target": "2", "nudge_pct": "0",
                         "bonus_points": "1", "active": "on"})
    assert r.status_code == 403
    # the rep and an admin of another org
    assert (await my_rep.get("/habits/missions/today")).status_code == 403
    assert (await my_rep.post(f"/users/{my_rep.user_id}/missions/calibration", {"pct": 70, "days": 5})
            ).status_code == 403
    other = await new_org(client)
    r = await other.post(f"/users/{my_rep.user_id}/missions/calibration", {"pct": 70, "days": 5})
    assert r.status_code == 404
    assert (await other.ok("get", "/habits/missions/today"))["items"] == []


# -- badges -----------------------------------------------------------------------------------------
async def test_badges_are_defined_edited_retired_and_awarded_with_field_errors_and_audit(client, browser):
    org = await new_org(client)
    rep = await org.user("rep", display_name="Ava Award")
    await sign_in(browser, await _email(org, org.user_id))
    page = await browser.get("/admin/badges")
    assert page.status_code == 200 and 'data-testid="badge-recognition"' in page.text
    new = {"key": "deals_5_month", "name": "5 deals this month", "rule": "activity_count", "tier": "gold",
           "points": "100", "threshold": "5", "window": "month", "repeatable": "on"}
    r = await post_form(browser, "/admin/badges", "/admin/badges", new)
    assert r.status_code == 400 and 'data-testid="error-type_key"' in r.text and "type_key" in r.text
    r = await post_form(browser, "/admin/badges", "/admin/badges", {**new, "type_key": "deal_won",
                                                                      "threshold": "five"})
    assert r.status_code == 400 and 'data-testid="error-threshold"' in r.text
    r = await post_form(browser, "/admin/badges", "/admin/badges", {**new, "type_key": "deal_won", "key": "Bad Key"})
    assert r.status_code == 400 and 'data-testid="error-key"' in r.text
    r = await post_form(browser, "/admin/badges", "/admin/badges", {**new, "type_key": "deal_won"})
    assert r.status_code == 303, r.text
    made = next(b for b in (await org.ok("get", "/badges"))["items"] if b["key"] == "deals_5_month")
    assert (made["tier"], made["points"], made["repeatable"]) == ("gold", 100, True)
    assert made["params"] == {"type_key": "deal_won", "threshold": 5, "window": "month"}
    page = await browser.get(f"/admin/badges/{made['id']}")
    assert page.status_code == 200 and 'data-testid="no-holders"' in page.text
    edit = f"/admin/badges/{made['id']}"
    r = await post_form(browser, edit, edit, {"name": "5 deals this month", "tier": "platinum", "points": "150",
                                              "type_key": "deal_won", "threshold": "5", "window": "month",
                                              "repeatable": "on", "active": "on"})
    assert r.status_code == 303
    log = await _entries(org, "badge")
    assert [e["action"] for e in log] == ["update", "create"]
    assert log[0]["before"] == {"tier": "gold", "points": 100, "version": 1}
    assert log[0]["after"] == {"tier": "platinum", "points": 150, "version": 2}
    # recognition by hand, with the reason; a one-off badge twice is refused beside the rep
    recognition = next(b for b in (await org.ok("get", "/badges"))["items"] if b["key"] == "recognition")
    page_path = f"/admin/badges/{recognition['id']}"
    r = await post_form(browser, page_path, f"{page_path}/award", {"user_id": str(rep.user_id), "message": ""})
    assert r.status_code == 400 and 'data-testid="error-message"' in r.text and "Required." in r.text
    r = await post_form(browser, page_path, f"{page_path}/award",
                        {"user_id": str(rep.user_id), "message": "Closed the Acme deal"})
    assert r.status_code == 303
    page = await browser.get(page_path)
    row = page.text.split(f'data-testid="holder-{rep.user_id}"')[1].split("</tr>")[0]
    assert "Ava Award" in row and "Closed the Acme deal" in row and "Admin" in row
    assert [a["message"] for a in (await rep.ok("get", "/me/badges"))["items"]] == ["Closed the Acme deal"]
    # a one-off badge (First call) a second time is refused beside the rep
    first_call = next(b for b in (await org.ok("get", "/badges"))["items"] if b["key"] == "first_call")
    once = f"/admin/badges/{first_call['id']}"
    r = await post_form(browser, once, f"{once}/award", {"user_id": str(rep.user_id), "message": "First!"})
    assert r.status_code == 303
    r = await post_form(browser, once, f"{once}/award", {"user_id": str(rep.user_id), "message": "Again"})
    assert r.status_code == 409 and 'data-testid="error-user_id"' in r.text and "already holds" in r.text
    holders = await org.ok("get", f"/badges/{recognition['id']}/holders")
    assert [(h["user_id"], h["message"], h["awarded_by_user_id"]) for h in holders["items"]] == [
        (rep.user_id, "Closed the Acme deal", org.user_id)]
    catalog = await browser.get("/admin/badges")
    assert '<td data-testid="holders-recognition">1</td>' in catalog.text
    # retire from the page; the JSON API's award is audited too
    r = await post_form(browser, edit, f"{edit}/retire", {})
    assert r.status_code == 303
    assert next(b for b in (await org.ok("get", "/badges"))["items"] if b["key"] == "deals_5_month")["active"] is False
    await org.ok("post", f"/badges/{recognition['id']}/award", {"user_id": rep.user_id, "message": "Via API"},
                 status=201)
    log = await _entries(org, "badge")
    assert [(e["action"], e["entity_id"]) for e in log[:4]] == [
        ("award", str(recognition["id"])), ("retire", str(made["id"])), ("award", str(first_call["id"])),
        ("award", str(recognition["id"]))]
    assert log[0]["after"]["user_id"] == rep.user_id and log[0]["after"]["message"] == "Via API"
    assert log[1]["before"] == {"active": True} and log[1]["after"] == {"active": False}
    assert all(e["actor_user_id"] == org.user_id for e in log)
    # take First call back with a reason: its 5 points go back, it may be awarded again
    assert (await rep.ok("get", "/me"))["points_balance"] == 5
    held = next(a for a in (await rep.ok("get", "/me/badges"))["items"] if a["key"] == "first_call")
    revoke = f"{once}/awards/{held['id']}/revoke"
    r = await post_form(browser, once, revoke, {"reason": ""})
    assert r.status_code == 400 and 'data-testid="error-reason"' in r.text and "Required." in r.text
    r = await post_form(browser, once, revoke, {"reason": "Logged by mistake"})
    assert r.status_code == 303
    assert "first_call" not in [a["key"] for a in (await rep.ok("get", "/me/badges"))["items"]]
    assert (await rep.ok("get", "/me"))["points_balance"] == 0
    entry = (await _entries(org, "badge"))[0]
    assert (entry["action"], entry["entity_id"]) == ("revoke", str(first_call["id"]))
    assert entry["before"]["user_id"] == rep.user_id and entry["before"]["points"] == 5
    assert entry["after"] == {"reason": "Logged by mistake"}
    r = await post_form(browser, once, revoke, {"reason": "Twice"})
    assert r.status_code == 404
    r = await post_form(browser, once, f"{once}/award", {"user_id": str(rep.user_id), "message": "Really first"})
    assert r.status_code == 303
    assert (await rep.ok("get", "/me"))["points_balance"] == 5


async def test_badges_for_a_manager_their_team_only_and_no_one_else(app, client, browser):
    org = await new_org(client)
    _, _, manager, my_rep, their_rep = await _teams(org)
    recognition = next(b for b in (await org.ok("get", "/badges"))["items"] if b["key"] == "recognition")
    await org.ok("post", f"/badges/{recognition['id']}/award", {"user_id": their_rep.user_id, "message": "Theirs"},
                 status=201)
    await sign_in(browser, await _email(org, manager.user_id))
    path = f"/admin/badges/{recognition['id']}"
    page = await browser.get(path)
    assert page.status_code == 200
    assert "Theo Theirs" not in page.text and 'data-testid="no-holders"' in page.text  # not their team
    assert f'<option value="{my_rep.user_id}"' in page.text and f'<option value="{their_rep.user_id}"' not in page.text
    assert '<td data-testid="holders-recognition">0</td>' in (await browser.get("/admin/badges")).text
    r = await post_form(browser, path, f"{path}/award", {"user_id": str(their_rep.user_id), "message": "Sneaky"})
    assert r.status_code == 403 and 'data-testid="error-user_id"' in r.text
    r = await manager.post(f"/badges/{recognition['id']}/award", {"user_id": their_rep.user_id, "message": "API"})
    assert_error(r, 403, "not_in_scope")
    assert [h["user_id"] for h in (await manager.ok("get", f"/badges/{recognition['id']}/holders"))["items"]] == []
    assert [h["user_id"] for h in (await org.ok("get", f"/badges/{recognition['id']}/holders"))["items"]] == [
        their_rep.user_id]
    assert len([e for e in await _entries(org, "badge") if e["action"] == "award"]) == 1
    theirs_award = (await org.ok("get", f"/badges/{recognition['id']}/holders"))["items"][0]["award_id"]
    revoke = f"/badges/{recognition['id']}/awards/{theirs_award}/revoke"
    assert_error(await manager.post(revoke, {"reason": "No"}), 403, "not_in_scope")
    assert (await my_rep.post(revoke, {"reason": "No"})).status_code == 403
    assert (await (await new_org(client)).post(revoke, {"reason": "No"})).status_code == 404
    r = await post_form(browser, path, f"/admin{revoke}", {"reason": "No"})
    assert r.status_code == 403 and 'data-testid="form-error"' in r.text and "not one you manage" in r.text
    assert [h["award_id"] for h in (await org.ok("get", f"/badges/{recognition['id']}/holders"))["items"]] == [
        theirs_award]
    r = await post_form(browser, path, f"{path}/award", {"user_id": str(my_rep.user_id), "message": "Mine"})
    assert r.status_code == 303
    # CSRF: no token, nothing written
    for action, data in ((f"{path}/award", {"user_id": str(my_rep.user_id), "message": "x"}),
                         ("/admin/badges", {"key": "nocsrf", "name": "No", "rule": "manual"}),
                         ("/admin/missions", {"key": "nocsrf", "label": "No", "type": "call"}),
                         (f"{path}/retire", {})):
        r = await browser.post(action, data=data)
        assert r.status_code == 403 and "Form expired" in r.text, action
    assert not [b for b in (await org.ok("get", "/badges"))["items"] if b["key"] == "nocsrf" or not b["active"]]
    # another org's badge and template: not found, page and API
    other = await new_org(client)
    theirs = (await other.ok("get", "/badges"))["items"][0]
    their_tpl = (await other.ok("get", "/mission-templates"))["items"][0]
    assert (await browser.get(f"/admin/badges/{theirs['id']}")).status_code == 404
    assert (await browser.get(f"/admin/missions/{their_tpl['id']}")).status_code == 404
    r = await post_form(browser, "/admin/badges", f"/admin/badges/{theirs['id']}/retire", {})
    assert r.status_code == 404
    assert (await manager.get(f"/badges/{theirs['id']}/holders")).status_code == 404
    assert all(b["active"] for b in (await other.ok("get", "/badges"))["items"])
    # a rep and a display get no admin; the rep no holders list
    async with client_of(app, follow_redirects=False) as rep_browser:
        r = await sign_in(rep_browser, await _email(org, my_rep.user_id))
        assert r.status_code == 403
        for p in ("/admin/badges", "/admin/missions", path):
            assert (await rep_browser.get(p)).status_code == 303
    assert (await my_rep.get(f"/badges/{recognition['id']}/holders")).status_code == 403
    d = await org.ok("post", "/displays", {"name": "Floor"}, status=201)
    token = (await client.post("/api/v1/displays/pair", json={"code": d["pairing_code"]})).json()["display_token"]
    async with client_of(app, follow_redirects=False) as tv:
        r = await tv.get("/admin/badges", headers={"authorization": f"Bearer {token}"})
        assert r.status_code == 303 and r.headers["location"].startswith("/admin/login")
    assert (await client.get(f"/api/v1/badges/{recognition['id']}/holders",
                             headers={"authorization": f"Bearer {token}"})).status_code == 403
    # a deactivated manager is signed out of the admin
    page = await browser.get("/admin/missions")
    csrf = csrf_of(page.text)
    await org.ok("patch", f"/users/{manager.user_id}", {"active": False})
    r = await browser.get("/admin/badges")
    assert r.status_code == 303 and r.headers["location"].startswith("/admin/login")
    r = await browser.post(f"{path}/award", data={"_csrf": csrf, "user_id": str(my_rep.user_id), "message": "x"})
    assert r.status_code == 303
    assert len([e for e in await _entries(org, "badge") if e["action"] == "award"]) == 2


# -- the worker's contest steps ------------------------------------------------------------------------
async def test_the_workers_contest_steps_are_audited_as_system(client, rt, browser):
    org = await new_org(client)
    rep = await org.user("rep")
    made = await contest(org, prizes=[{"place": 1, "points": 10}])
    await org.log("call", user_id=rep.user_id)
    await finish(rt, made)
    log = await _entries(org, "contest")
    steps = [(e["action"], e["actor_kind"], e["actor_user_id"]) for e in log]
    assert steps == [("award", "system", None), ("end", "system", None), ("start", "system", None),
                     ("launch", "user", org.user_id), ("create", "user", org.user_id)]
    assert log[0]["before"] == {"state": "ended"}
    assert log[0]["after"] == {"state": "awarded", "winners": [rep.user_id], "prizes": 1, "prize_points": 10}
    assert log[2]["after"] == {"state": "live", "participants": 1}
    await sign_in(browser, await _email(org, org.user_id))
    page = await browser.get("/admin/audit?kind=contest")
    assert page.status_code == 200 and page.text.count("<td>system</td>") == 3
