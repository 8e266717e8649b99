"""The Missions and Badges pages in headless Chromium on the demo org, with the habit loop on:
today's missions per rep with their progress, a template refused beside its field, a badge
awarded by hand from its page (the rep sees it), and a manager's view of their own team.

Same checks as the main walk (tests/admin/test_admin_browser.py, whose helpers it uses): axe-core
on every page (no serious or critical violation), no CSP violation, a 1440x900 screenshot of each
page into docs/screenshots/admin/.
"""

from __future__ import annotations

import asyncio
import os

import httpx
import pytest
import uvicorn

from server.app import create_app
from server.demo import seed as demo
from server.features import make_runtime
from tests.admin.test_admin_browser import ARGS, CHROMIUM, SHOTS, api_login, check_page, sign_in
from tests.conftest import free_port, make_settings
from tests.support.backends import private_backends

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"no Chromium at {CHROMIUM}")


@pytest.fixture
async def habit_stack(settings, tmp_path):
    """The API on a free port over a database and Redis db of its own, the demo org seeded and the
    habit loop on (the suite's app has it off)."""
    database_url, redis_url = await private_backends(settings, "admin_habits", tmp_path, 3)
    rt = make_runtime(make_settings(database_url, redis_url, habits_enabled=True))
    await demo.seed(rt, tmp_path / "key", reps=6)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(rt=rt), host="127.0.0.1", port=port, log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    await task
    await rt.close()


async def test_missions_and_badges_in_the_browser(habit_stack):
    from playwright.async_api import async_playwright, expect

    base = habit_stack
    SHOTS.mkdir(parents=True, exist_ok=True)
    async with httpx.AsyncClient(base_url=base, timeout=30) as http, async_playwright() as pw:
        admin_api = await api_login(http, demo.ADMIN_EMAIL, demo.PASSWORD)
        r = await http.patch("/api/v1/streak-settings", headers=admin_api, json={"workdays": [0, 1, 2, 3, 4, 5, 6]})
        assert r.status_code == 200, r.text
        rep_api = await api_login(http, "rep1@demo.reprally.dev", demo.PASSWORD)
        rep = (await http.get("/api/v1/me", headers=rep_api)).json()["user"]
        missions = (await http.get("/api/v1/me/missions", headers=rep_api)).json()["missions"]
        assert missions, "the demo rep has missions today"
        first = missions[0]
        r = await http.post("/api/v1/activities", headers=admin_api,
                            json={"type": first["type"], "user_id": rep["id"], "quantity": 1})
        assert r.status_code == 201, r.text

        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        ctx = await browser.new_context(viewport={"width": 1440, "height": 900})
        page = await ctx.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text[:80]) if "Content Security Policy" in m.text else None)
        await sign_in(page, base, demo.ADMIN_EMAIL, demo.PASSWORD)

        # Missions: templates, the calibration rule, today's missions with their progress
        await page.get_by_role("link", name="Missions").click()
        await page.wait_for_url(f"{base}/admin/missions")
        await expect(page.get_by_test_id(f"mission-{rep['id']}-{first['slot']}")).to_contain_text(
            f"{first['progress'] + 1} / {first['target']}")
        await check_page(page, "30-missions")
        form = page.get_by_test_id("template-form")
        await form.get_by_label("Key (lower case, e.g. demos)").fill("demos")
        await form.get_by_label("Text ({target} becomes the day's target)").fill("Run {target} {demo|demos}")
        await form.get_by_label("Activity").select_option("meeting_booked")
        await form.get_by_label("Least target").fill("5")
        await form.get_by_label("Most target").fill("2")
        await form.get_by_role("button", name="Add template").click()
        await expect(page.get_by_test_id("error-max_target")).to_contain_text("min_target")
        await page.get_by_test_id("template-form").scroll_into_view_if_needed()  # the shot shows the field's message
        await check_page(page, "31-missions-error")
        await page.get_by_test_id("template-form").get_by_label("Most target").fill("8")
        await page.get_by_test_id("template-form").get_by_role("button", name="Add template").click()
        await expect(page.get_by_test_id("notice")).to_contain_text("Mission template added")
        await expect(page.get_by_test_id("template-demos")).to_contain_text("Run {target} {demo|demos}")

        # Badges: the catalog, then recognition by hand from the badge's page
        await page.get_by_role("link", name="Badges", exact=True).click()
        await page.wait_for_url(f"{base}/admin/badges")
        await check_page(page, "32-badges")
        await page.get_by_test_id("badge-recognition").get_by_role("link").click()
        award = page.get_by_test_id("award-form")
        await award.get_by_label("Rep", exact=True).select_option(str(rep["id"]))
        await award.get_by_label("Why (the rep reads it with the badge)").fill("Best demo of the week")
        await award.get_by_role("button", name="Award").click()
        await expect(page.get_by_test_id("notice")).to_contain_text("Badge awarded")
        await expect(page.get_by_test_id(f"holder-{rep['id']}").first).to_contain_text("Best demo of the week")
        await check_page(page, "33-badge")
        mine = (await http.get("/api/v1/me/badges", headers=rep_api)).json()["items"]
        assert "Best demo of the week" in [a["message"] for a in mine]
        await ctx.close()

        # a manager on a tablet: their own team's reps only
        mctx = await browser.new_context(viewport={"width": 1024, "height": 768})
        mpage = await mctx.new_page()
        await sign_in(mpage, base, demo.MANAGER_EMAIL, demo.PASSWORD)
        manager_api = await api_login(http, demo.MANAGER_EMAIL, demo.PASSWORD)
        team = (await http.get("/api/v1/me", headers=manager_api)).json()["user"]["team_id"]
        users = (await http.get("/api/v1/users", headers=admin_api, params={"role": "rep"})).json()["items"]
        await mpage.goto(f"{base}/admin/missions")
        for u in users:
            shown = await mpage.get_by_test_id(f"today-{u['id']}").count()
            assert shown == (1 if u["team_id"] == team else 0), u
        await check_page(mpage, "34-manager-missions-tablet")
        await mctx.close()
        await browser.close()
    assert not errors, errors
