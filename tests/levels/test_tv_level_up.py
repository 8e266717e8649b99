"""The TV celebrates a level-up, in real headless Chromium: a rep's activity crosses a level
threshold, the `level_up` feed item reaches the screen and the celebration names the rep and level."""

from __future__ import annotations

import httpx

from tests.conftest import PASSWORD, unique
from tests.displays.test_tv_browser import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, pytestmark, shot, stack  # noqa: F401


async def test_tv_celebrates_a_level_up(stack):  # noqa: F811 - the fixture
    from playwright.async_api import async_playwright

    base, _game = stack
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        r = await http.post(
            "/api/v1/orgs",
            json={
                "name": unique("TV Org "),
                "timezone": "UTC",
                "admin": {
                    "email": f"{unique('tvadmin')}@example.com",
                    "password": PASSWORD,
                    "display_name": "Admin",
                },
            },
        )
        assert r.status_code == 201, r.text
        admin = {"authorization": f"Bearer {r.json()['access_token']}"}
        r = await http.put(
            "/api/v1/levels/settings",
            headers=admin,
            json={"curve": {"base": 20, "exponent": 1.0, "max_level": 10}},
        )  # level 2 at 20 XP
        assert r.status_code == 200, r.text
        email = f"{unique('tvrep')}@example.com"
        r = await http.post(
            "/api/v1/users",
            headers=admin,
            json={"email": email, "display_name": "Cleo Climber", "password": PASSWORD, "role": "rep"},
        )
        assert r.status_code == 201, r.text
        r = await http.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
        rep = {"authorization": f"Bearer {r.json()['access_token']}"}
        r = await http.post(
            "/api/v1/displays",
            headers=admin,
            json={"name": "Sales floor", "boards": ["lb:points:day:org"], "rotate_seconds": 60},
        )
        code = r.json()["pairing_code"]
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            page = await browser.new_page(viewport={"width": 1920, "height": 1080})
            await page.goto(f"{base}/tv/")
            await page.get_by_test_id("pair-code").fill(code)
            await page.get_by_test_id("pair-submit").click()
            await page.wait_for_selector("[data-testid=status][data-state=live]", timeout=10_000)
            r = await http.post("/api/v1/activities", headers=rep, json={"type": "meeting_booked"})  # 10 XP
            assert r.status_code == 201, r.text
            r = await http.post("/api/v1/activities", headers=rep, json={"type": "proposal_sent"})  # 30 XP
            assert r.status_code == 201, r.text
            celebration = page.get_by_test_id("celebration")
            await celebration.wait_for(state="visible", timeout=5_000)
            shown = await celebration.inner_text()
            assert "level up!" in shown.lower()  # the kicker is shown in capitals
            assert "Cleo Climber" in shown and "Level 2" in shown
            await shot(page, "6-level-up.png")
            await browser.close()
        r = await http.get("/api/v1/me", headers=rep)
        assert (r.json()["level"], r.json()["xp"], r.json()["xp_to_next"]) == (2, 30, 10)
