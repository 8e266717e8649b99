"""The TV follows a fantasy draft, in real headless Chromium: each pick reaches the screen over
the feed channel and is celebrated with the rep, the team, the round and the pick."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx

from tests.conftest import PASSWORD, unique
from tests.displays.test_tv_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, pytestmark, shot, stack  # noqa: F401


async def test_the_tv_shows_each_draft_pick(stack):  # noqa: F811 - the fixture
    from playwright.async_api import async_playwright

    base, _game = stack
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        r = await http.post("/api/v1/orgs", json={
            "name": unique("Draft Org "), "timezone": "UTC",
            "admin": {"email": f"{unique('dadmin')}@example.com", "password": PASSWORD, "display_name": "Admin"}})
        assert r.status_code == 201, r.text
        admin_id = r.json()["user"]["id"]
        admin = {"authorization": f"Bearer {r.json()['access_token']}"}
        reps = []
        for name in ("Dana Dialer", "Eli Closer"):
            r = await http.post("/api/v1/users", headers=admin, json={
                "email": f"{unique('drep')}@example.com", "display_name": name, "password": PASSWORD, "role": "rep"})
            assert r.status_code == 201, r.text
            reps.append(r.json()["id"])
        today = datetime.now(UTC).date()
        monday = today + timedelta(days=7 - today.weekday())
        r = await http.post("/api/v1/fantasy/leagues", headers=admin, json={
            "name": "Floor league", "metric": "points", "season_start": monday.isoformat(), "weeks": 1,
            "playoff_teams": 0, "roster_size": 1, "pick_seconds": 600,
            "teams": [{"name": "Closers", "owner_user_id": admin_id}, {"name": "Dialers", "owner_user_id": reps[0]}]})
        assert r.status_code == 201, r.text
        league = r.json()["id"]
        r = await http.post("/api/v1/displays", headers=admin,
                            json={"name": "Sales floor", "boards": ["lb:points:day:org"], "rotate_seconds": 60})
        code = r.json()["pairing_code"]
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            page = await browser.new_page(viewport={"width": 1920, "height": 1080})
            await page.goto(f"{base}/tv/")
            await page.get_by_test_id("pair-code").fill(code)
            await page.get_by_test_id("pair-submit").click()
            await page.wait_for_selector("[data-testid=status][data-state=live]", timeout=10_000)
            assert (await http.post(f"/api/v1/fantasy/leagues/{league}/draft", headers=admin)).status_code == 200
            r = await http.post(f"/api/v1/fantasy/leagues/{league}/picks", headers=admin, json={"user_id": reps[1]})
            assert r.status_code == 201, r.text
            celebration = page.get_by_test_id("celebration")
            await celebration.wait_for(state="visible", timeout=5_000)
            shown = await celebration.inner_text()
            assert "draft pick!" in shown.lower()
            assert "Eli Closer" in shown and "Closers · round 1, pick 1" in shown
            await shot(page, "7-draft-pick.png")
            await browser.close()
