"""The Experiments page in real headless Chromium on the demo org: start an experiment with the
form (a bad hold-out share first: the field's message), read its arms and results, stop it.
axe-core on each page (no serious or critical violation) and screenshots in docs/screenshots/admin/."""

from __future__ import annotations

import httpx

from server.demo import seed as demo
from tests.admin.test_admin_browser import (
    ARGS,
    CHROMIUM,
    SHOTS,
    api_login,
    check_page,
    pytestmark,
    sign_in,
    stack,
)

__all__ = ["pytestmark", "stack"]  # the walk's Chromium check and its private stack


async def test_an_admin_starts_reads_and_stops_an_experiment(stack):
    from playwright.async_api import async_playwright, expect

    base, rt, _ = stack
    SHOTS.mkdir(parents=True, exist_ok=True)
    async with httpx.AsyncClient(base_url=base, timeout=30) as http, async_playwright() as pw:
        admin_api = await api_login(http, demo.ADMIN_EMAIL, demo.PASSWORD)
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = await (await browser.new_context(viewport={"width": 1440, "height": 900})).new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        await sign_in(page, base, demo.ADMIN_EMAIL, demo.PASSWORD)
        await page.get_by_role("link", name="Experiments").click()
        await expect(page.get_by_role("heading", name="Experiments", exact=True)).to_be_visible()
        await page.get_by_label("Name", exact=True).fill("Missions pilot")
        await page.get_by_label("Hold-out share (% of units, 5–90)").fill("95")
        await page.get_by_test_id("start-experiment").click()
        await expect(page.get_by_test_id("error-holdout_pct")).to_be_visible()
        await check_page(page, "20-experiment-form-error")
        await page.get_by_label("Hold-out share (% of units, 5–90)").fill("50")
        await page.get_by_test_id("start-experiment").click()
        await expect(page.get_by_test_id("experiment-status")).to_have_text("running")
        await expect(page.get_by_test_id("arms-table")).to_contain_text("no_missions")
        await expect(page.get_by_test_id("warnings")).to_contain_text("preliminary")
        await check_page(page, "21-experiment")
        listed = (await http.get("/api/v1/experiments", headers=admin_api)).json()["items"]
        assert [(e["name"], e["status"]) for e in listed] == [("Missions pilot", "running")]
        counts = (await http.get(f"/api/v1/experiments/{listed[0]['id']}/assignments",
                                 headers=admin_api)).json()["counts"]
        assert counts == {"holdout": 3, "no_missions": 3}  # the demo org's 6 reps
        await page.get_by_test_id("stop").click()
        await expect(page.get_by_test_id("experiment-status")).to_have_text("stopped")
        await page.get_by_role("link", name="Experiments").click()
        await expect(page.get_by_test_id("experiments-table")).to_contain_text("stopped")
        await check_page(page, "22-experiments")
        assert errors == []
        await browser.close()
