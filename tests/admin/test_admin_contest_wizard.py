"""The contest wizard: step by step to a preview of the participants and brackets (exact
baselines and groups, nothing written), field errors on their step, the draft's page with the
same lineup, and each rep's explanation once it runs; who may use it."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest

from tests.admin.support import csrf_of, sign_in
from tests.conftest import new_org, unique
from tests.support.contract import client_of


@pytest.fixture
async def browser(app):
    async with client_of(app, follow_redirects=False) as c:
        yield c


def iso(t: datetime) -> str:
    return t.isoformat().replace("+00:00", "Z")


def lineup(html: str) -> list[list[str]]:
    body = html.split('data-testid="lineup"')[1].split("</table>")[0]
    return [
        re.findall(r"<td>(.*?)</td>", tr, re.S)
        for tr in re.findall(r"<tr data-user-id=\"\d+\">(.*?)</tr>", body, re.S)
    ]


async def _walk(browser, token: str, values: dict[str, str], steps: int) -> object:
    """Press Next `steps` times from the first step, carrying `values` as the form does."""
    step = "format"
    order = ["format", "metric", "segment", "dates", "prizes", "preview"]
    r = None
    for _ in range(steps):
        r = await browser.post(
            "/admin/contests/new", data={"_csrf": token, "step": step, "go": "next", **values}
        )
        assert r.status_code == 200, r.text[-2000:]
        step = order[order.index(step) + 1]
        assert f'name="step" value="{step}"' in r.text
    return r


async def _team_with_history(org):
    team = await org.ok("post", "/teams", {"name": unique("Harbour")})
    reps = {n: await org.user("rep", display_name=n, team_id=team["id"]) for n in ("Ann", "Bo", "Cy", "Di")}
    two_days_ago = iso(datetime.now(UTC) - timedelta(days=2))
    for name, calls in (("Ann", 3), ("Bo", 1), ("Di", 5)):  # baselines 6, 2, 0 (Cy) and 10 points
        await org.log("call", user_id=reps[name].user_id, quantity=calls, occurred_at=two_days_ago)
    return team, reps


async def test_the_wizard_previews_divisions_seeded_by_baseline_then_creates_a_draft(client, browser):
    org = await new_org(client)
    team, reps = await _team_with_history(org)
    await sign_in(browser, (await org.ok("get", f"/users/{org.user_id}"))["email"])
    first = await browser.get("/admin/contests/new")
    assert first.status_code == 200 and 'aria-current="step">1. Name and format' in first.text
    token = csrf_of(first.text)
    today = date.today()
    values = {
        "name": "Harbour sprint",
        "format": "bracketed",
        "divisions": "2",
        "metric": "points",
        "segment": f"team:{team['id']}",
        "start_date": today.isoformat(),
        "end_date": (today + timedelta(days=6)).isoformat(),
        "prize_1": "50",
    }
    r = await _walk(browser, token, values, 5)
    assert "4 participants if it started today" in r.text and "over the 7 days before the start" in r.text
    name = team["name"]
    assert lineup(r.text) == [
        ["Division 1", "Di", name, "10"],
        ["Division 1", "Ann", name, "6"],
        ["Division 2", "Bo", name, "2"],
        ["Division 2", "Cy", name, "0"],
    ]
    assert (await org.ok("get", "/contests"))["total"] == 0  # nothing written before "Create draft"
    r = await browser.post(
        "/admin/contests/new", data={"_csrf": token, "step": "preview", "go": "create", **values}
    )
    assert r.status_code == 303
    contest = (await org.ok("get", "/contests"))["contests"][0]
    assert (contest["name"], contest["format"], contest["state"]) == ("Harbour sprint", "bracketed", "draft")
    assert [(p["place"], p["points"]) for p in contest["prizes"]] == [(1, 50)]
    page = await browser.get(r.headers["location"])
    assert page.status_code == 200 and lineup(page.text)[0] == ["Division 1", "Di", name, "10"]


async def test_head_to_head_brackets_show_first_opponents_and_byes(client, browser):
    org = await new_org(client)
    team, reps = await _team_with_history(org)
    await org.ok("patch", f"/users/{reps['Cy'].user_id}", {"active": False})  # three left
    await sign_in(browser, (await org.ok("get", f"/users/{org.user_id}"))["email"])
    token = csrf_of((await browser.get("/admin/contests/new")).text)
    today = date.today()
    values = {
        "name": "Duels",
        "format": "head_to_head",
        "bracket": "on",
        "metric": "points",
        "segment": f"team:{team['id']}",
        "start_date": today.isoformat(),
        "end_date": (today + timedelta(days=2)).isoformat(),
    }
    r = await _walk(browser, token, values, 5)
    assert "3 participants if it started today, in a bracket of 2 rounds" in r.text
    name = team["name"]
    assert lineup(r.text) == [
        ["Match 1", "Di", name, "10", "Ann"],
        ["Match 1", "Ann", name, "6", "Di"],
        ["Match 2", "Bo", name, "2", "a bye"],
    ]
    # one day is too short for two rounds: said beside the last day, on the dates step
    short = {**values, "end_date": today.isoformat()}
    r = await browser.post(
        "/admin/contests/new", data={"_csrf": token, "step": "prizes", "go": "next", **short}
    )
    assert r.status_code == 400 and 'name="step" value="dates"' in r.text
    assert 'data-testid="error-end_date"' in r.text and "3 reps need 2 rounds" in r.text


async def test_each_step_refuses_bad_input_beside_its_field(client, browser):
    org = await new_org(client)
    await sign_in(browser, (await org.ok("get", f"/users/{org.user_id}"))["email"])
    token = csrf_of((await browser.get("/admin/contests/new")).text)
    today = date.today()
    base = {
        "name": "",
        "format": "individual",
        "metric": "points",
        "start_date": today.isoformat(),
        "end_date": today.isoformat(),
    }
    r = await browser.post(
        "/admin/contests/new", data={"_csrf": token, "step": "format", "go": "next", **base}
    )
    assert r.status_code == 400 and 'data-testid="error-name"' in r.text and 'value="format"' in r.text
    backwards = {**base, "name": "X", "end_date": (today - timedelta(days=1)).isoformat()}
    r = await browser.post(
        "/admin/contests/new", data={"_csrf": token, "step": "dates", "go": "next", **backwards}
    )
    assert r.status_code == 400 and 'data-testid="error-end_date"' in r.text
    r = await browser.post(
        "/admin/contests/new",
        data={"_csrf": token, "step": "prizes", "go": "next", **{**base, "name": "X", "prize_1": "-5"}},
    )
    assert r.status_code == 400 and 'data-testid="error-prize_1"' in r.text
    other = await new_org(client)
    far = await other.ok("post", "/teams", {"name": unique("Far")})
    r = await browser.post(
        "/admin/contests/new",
        data={
            "_csrf": token,
            "step": "segment",
            "go": "next",
            **{**base, "name": "X", "segment": f"team:{far['id']}"},
        },
    )
    assert r.status_code == 404 and 'data-testid="error-segment"' in r.text
    # the target format needs its target, asked for on the first step
    r = await browser.post(
        "/admin/contests/new",
        data={"_csrf": token, "step": "prizes", "go": "next", **{**base, "name": "X", "format": "target"}},
    )
    assert r.status_code == 400 and 'data-testid="error-target"' in r.text
    r = await browser.post(
        "/admin/contests/new", data={"step": "prizes", "go": "create", **{**base, "name": "X"}}
    )
    assert r.status_code == 403
    assert (await org.ok("get", "/contests"))["total"] == 0


async def test_reps_and_deactivated_managers_get_no_wizard(app, client):
    org = await new_org(client)
    team = await org.ok("post", "/teams", {"name": unique("T")})
    rep = await org.user("rep", team_id=team["id"])
    manager = await org.user("manager", team_id=team["id"])
    async with client_of(app, follow_redirects=False) as b:
        assert (await sign_in(b, (await org.ok("get", f"/users/{rep.user_id}"))["email"])).status_code == 403
        assert (await b.get("/admin/contests/new")).status_code == 303
    async with client_of(app, follow_redirects=False) as b:
        await sign_in(b, (await org.ok("get", f"/users/{manager.user_id}"))["email"])
        page = await b.get("/admin/contests/new")
        assert page.status_code == 200
        await org.ok("patch", f"/users/{manager.user_id}", {"active": False})
        r = await b.post(
            "/admin/contests/new",
            data={"_csrf": csrf_of(page.text), "step": "format", "go": "next", "name": "X"},
        )
        assert r.status_code == 303 and r.headers["location"].startswith("/admin/login")


async def test_a_running_contest_shows_each_reps_explanation(client, browser):
    org = await new_org(client)
    team, reps = await _team_with_history(org)
    today = date.today()
    c = await org.ok(
        "post",
        "/contests",
        {
            "name": "Live one",
            "start_date": today.isoformat(),
            "end_date": (today + timedelta(days=3)).isoformat(),
            "segments": [f"team:{team['id']}"],
            "count_from_start": True,
        },
    )
    await org.ok("post", f"/contests/{c['id']}/launch")
    await org.log("call", user_id=reps["Bo"].user_id, quantity=4)
    await org.log("call", user_id=reps["Ann"].user_id, quantity=1)
    await sign_in(browser, (await org.ok("get", f"/users/{org.user_id}"))["email"])
    page = await browser.get(f"/admin/contests/{c['id']}")
    assert page.status_code == 200 and 'data-testid="explanations"' in page.text
    assert "1. Bo: 8 points from 1 activity" in page.text and "2. Ann: 2 points from 1 activity" in page.text
    assert "Provisional until the contest is awarded." in page.text
    assert f'href="/admin/contests/{c["id"]}/results.csv"' in page.text
    csv = await browser.get(f"/admin/contests/{c['id']}/results.csv")
    first = csv.text.splitlines()[1].split(",")
    assert csv.status_code == 200 and (first[1], first[3], first[5]) == ("Bo", "1", "8")
