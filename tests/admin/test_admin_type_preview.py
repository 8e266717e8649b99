"""Activity types: the preview of a rule change on this week's board (exact numbers, nothing
written), then the save; only admins preview or save."""

from __future__ import annotations

import re

import pytest

from tests.admin.support import post_form, sign_in
from tests.conftest import new_org, unique
from tests.support.contract import client_of


@pytest.fixture
async def browser(app):
    async with client_of(app, follow_redirects=False) as c:
        yield c


def _rows(html: str) -> dict[str, list[str]]:
    """The preview table: rep name -> [points before, after, rank before, after]."""
    body = html.split('data-testid="preview-table"')[1].split("</table>")[0]
    out = {}
    for tr in re.findall(r"<tr data-user-id=\"\d+\">(.*?)</tr>", body, re.S):
        cells = re.findall(r"<td>(.*?)</td>", tr, re.S)
        out[cells[0]] = cells[1:]
    return out


FORM = {
    "label": "Call",
    "points": "1",
    "value_points": "",
    "daily_cap": "4",
    "self_reportable": "on",
    "self_report": "full",
    "self_report_weight": "",
    "active": "on",
}


async def test_the_preview_shows_each_reps_points_and_rank_before_and_after(client, browser):
    org = await new_org(client)
    ann = await org.user("rep", display_name="Ann")
    bo = await org.user("rep", display_name="Bo")
    cy = await org.user("rep", display_name="Cy")
    await org.log("call", user_id=ann.user_id, quantity=10)  # 20 points
    await org.log("meeting_booked", user_id=bo.user_id)  # 10
    await org.log("call", user_id=bo.user_id, quantity=3)  # 6
    await org.log("email", user_id=cy.user_id, quantity=5)  # 5
    admin_email = (await org.ok("get", f"/users/{org.user_id}"))["email"]
    await sign_in(browser, admin_email)
    r = await post_form(
        browser, "/admin/activity-types/call", "/admin/activity-types/call", {**FORM, "step": "preview"}
    )
    assert r.status_code == 200 and 'data-testid="type-preview"' in r.text
    # calls at 1 point, at most 4 a day: Ann 4 (was 20), Bo 10 + 3 = 13 (was 16), Cy 5 moves up
    assert _rows(r.text) == {
        "Bo": ["16", "13", "2", "1"],
        "Cy": ["5", "5", "3", "2"],
        "Ann": ["20", "4", "1", "3"],
    }
    assert "2 activities of this type" in r.text and 'data-testid="save-type"' in r.text
    t = next(t for t in (await org.ok("get", "/activity-types"))["items"] if t["key"] == "call")
    assert (t["points"], t["daily_cap"], t["version"]) == (2, 100, 1)  # nothing saved
    board = await org.board("points", window="week")
    assert [e["score"] for e in board["entries"]][:3] == [20, 16, 5]
    # saved: a new version, the board keeps what was scored
    r = await post_form(
        browser, "/admin/activity-types/call", "/admin/activity-types/call", {**FORM, "step": "save"}
    )
    assert r.status_code == 303
    t = next(t for t in (await org.ok("get", "/activity-types"))["items"] if t["key"] == "call")
    assert (t["points"], t["daily_cap"], t["version"]) == (1, 4, 2)


async def test_a_bad_value_is_refused_beside_its_field_and_managers_cannot_preview(app, client, browser):
    org = await new_org(client)
    team = await org.ok("post", "/teams", {"name": unique("T")})
    manager = await org.user("manager", team_id=team["id"])
    admin_email = (await org.ok("get", f"/users/{org.user_id}"))["email"]
    await sign_in(browser, admin_email)
    r = await post_form(
        browser,
        "/admin/activity-types/call",
        "/admin/activity-types/call",
        {**FORM, "points": "-3", "step": "preview"},
    )
    assert r.status_code == 400 and 'data-testid="error-points"' in r.text and "type-preview" not in r.text
    r = await browser.post("/admin/activity-types/call", data={**FORM, "step": "preview"})
    assert r.status_code == 403  # no CSRF token
    async with client_of(app, follow_redirects=False) as other:
        await sign_in(other, (await org.ok("get", f"/users/{manager.user_id}"))["email"])
        page = await other.get("/admin/activity-types/call")
        assert page.status_code == 200 and "Only admins change rules" in page.text
        r = await post_form(
            other, "/admin/activity-types/call", "/admin/activity-types/call", {**FORM, "step": "preview"}
        )
        assert r.status_code == 403
    stranger = await new_org(client)
    other_admin = (await stranger.ok("get", f"/users/{stranger.user_id}"))["email"]
    async with client_of(app, follow_redirects=False) as far:
        await sign_in(far, other_admin)
        r = await post_form(
            far, "/admin/activity-types/call", "/admin/activity-types/call", {**FORM, "step": "preview"}
        )
        assert r.status_code == 200 and "No rep's points or rank would change." in r.text
