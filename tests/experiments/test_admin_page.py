"""The Experiments page of the web admin: start one with the form (CSRF, field errors, audit),
read its results, stop it; admins only."""

from __future__ import annotations

import pytest
from markupsafe import escape

from tests.admin.support import csrf_of, post_form, sign_in
from tests.experiments.support import org_with_teams, today
from tests.support.contract import client_of


@pytest.fixture
async def browser(app):
    async with client_of(app, follow_redirects=False) as c:
        yield c


async def _email(admin, user_id: int) -> str:
    return (await admin.ok("get", f"/users/{user_id}"))["email"]


async def test_start_read_and_stop_an_experiment_in_the_admin(client, browser):
    admin, _, reps = await org_with_teams(client, 2, 4)
    await sign_in(browser, await _email(admin, admin.user_id))
    page = await browser.get("/admin/experiments")
    assert page.status_code == 200 and 'data-testid="empty"' in page.text
    assert 'href="/admin/experiments" aria-current="page"' in page.text
    day = (await today(admin)).isoformat()
    form = {"name": "Missions pilot", "unit": "rep", "metric": "activity", "variant": "no_missions",
            "withhold_missions": "1", "holdout_pct": "50", "start": day, "end": day, "min_days": "14"}
    bad = await post_form(browser, "/admin/experiments", "/admin/experiments/", form | {"holdout_pct": "99"})
    assert bad.status_code == 400 and 'data-testid="error-holdout_pct"' in bad.text
    none = await post_form(browser, "/admin/experiments", "/admin/experiments/",
                           {k: v for k, v in form.items() if k != "withhold_missions"})
    assert none.status_code == 400 and "Withhold at least one mechanic" in none.text
    refused = await browser.post("/admin/experiments/", data=form | {"_csrf": "0" * 64})
    assert refused.status_code == 403
    assert (await admin.ok("get", "/experiments"))["items"] == []
    made = await post_form(browser, "/admin/experiments", "/admin/experiments/", form)
    assert made.status_code == 303
    eid = (await admin.ok("get", "/experiments"))["items"][0]["id"]
    assert made.headers["location"] == f"/admin/experiments/{eid}"
    shown = await browser.get(f"/admin/experiments/{eid}")
    assert shown.status_code == 200
    assert 'data-testid="experiment-status">running<' in shown.text
    assert "<td>holdout</td><td>50.0%</td><td>4</td><td>on</td><td>on</td>" in shown.text
    assert "<td>no_missions</td><td>50.0%</td><td>4</td><td>withheld</td><td>on</td>" in shown.text
    warnings = (await admin.ok("get", f"/experiments/{eid}/results"))["warnings"]
    assert warnings[0] == "preliminary: 1 of at least 14 days run"
    assert all(f"<li>{escape(w)}</li>" in shown.text for w in warnings)
    stop = await browser.post(f"/admin/experiments/{eid}/stop", data={"_csrf": csrf_of(shown.text)})
    assert stop.status_code == 303
    assert (await admin.ok("get", f"/experiments/{eid}"))["status"] == "stopped"
    log = await admin.ok("get", "/audit", kind="experiment", entity_id=str(eid))
    assert [e["action"] for e in log["entries"]] == ["stop", "create"]


async def test_managers_and_other_orgs_get_no_experiments_page(app, client, browser):
    admin, team_ids, _ = await org_with_teams(client, 1, 4)
    day = (await today(admin)).isoformat()
    exp = await admin.ok("post", "/experiments", {
        "name": "X", "unit": "rep", "metric": "activity", "holdout_share": 0.5,
        "variants": [{"name": "v", "program": {"missions": False}}], "start": day, "end": day}, status=201)
    manager = await admin.user("manager", team_id=team_ids[0])
    await sign_in(browser, await _email(admin, manager.user_id))
    for path in ("/admin/experiments", f"/admin/experiments/{exp['id']}"):
        assert (await browser.get(path)).status_code == 403, path
    r = await post_form(browser, "/admin/reps", f"/admin/experiments/{exp['id']}/stop", {})
    assert r.status_code == 403
    other, _, _ = await org_with_teams(client, 1, 1)
    async with client_of(app, follow_redirects=False) as stranger:
        await sign_in(stranger, await _email(other, other.user_id))
        assert (await stranger.get(f"/admin/experiments/{exp['id']}")).status_code == 404
        r = await post_form(stranger, "/admin/experiments", f"/admin/experiments/{exp['id']}/stop", {})
        assert r.status_code == 404
    assert (await admin.ok("get", f"/experiments/{exp['id']}"))["status"] == "running"
