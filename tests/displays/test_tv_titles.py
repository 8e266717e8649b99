"""The office TV titles every board by what it ranks and when: the contest's name and dates, or
the metric's name, its period (in the org's time zone) and whom it ranks. Opened at `/tv`,
without the trailing slash. Real Chromium; screenshots in test-artifacts/tv/."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx

from tests.conftest import unique
from tests.displays import test_tv_browser as tv
from tests.support.boards import away_from_midnight

PASSWORD = "Lantern-Orbit-7-Meadow"
ZONE = "America/New_York"

pytestmark = tv.pytestmark
stack = tv.stack  # the API and a game server on free ports (fixture)


def _day(d: date) -> str:
    return f"{d:%b} {d.day}"


def _local(iso: str) -> datetime:
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(ZoneInfo(ZONE))


async def _org(http: httpx.AsyncClient) -> tuple[dict, dict]:
    r = await http.post("/api/v1/orgs", json={"name": unique("TV Titles "), "timezone": ZONE, "admin": {
        "email": f"{unique('tvt')}@example.com", "password": PASSWORD, "display_name": "Admin"}})
    assert r.status_code == 201, r.text
    return r.json(), {"authorization": f"Bearer {r.json()['access_token']}"}


async def test_every_board_is_titled_by_its_contest_or_metric_and_period(stack):
    from playwright.async_api import async_playwright

    base, _ = stack
    tv.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    await away_from_midnight(ZONE, margin_s=120)
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        _, admin = await _org(http)
        team = (await http.post("/api/v1/teams", headers=admin, json={"name": "Closers", "region": "East"})).json()
        r = await http.post("/api/v1/users", headers=admin, json={
            "email": f"{unique('tvrep')}@example.com", "display_name": "Ann Archer", "password": PASSWORD,
            "role": "rep", "team_id": team["id"]})
        assert r.status_code == 201, r.text
        ann = r.json()["id"]
        today = datetime.now(ZoneInfo(ZONE)).date()
        made = (await http.post("/api/v1/contests", headers=admin, json={
            "name": "Call Blitz", "start_date": today.isoformat(), "end_date": (today + timedelta(days=2)).isoformat(),
            "metric": "call"})).json()
        assert (await http.post(f"/api/v1/contests/{made['id']}/launch", headers=admin)).json()["state"] == "live"
        for body in ({"type": "call", "quantity": 3}, {"type": "deal_won", "value": 4200}):
            assert (await http.post("/api/v1/activities", headers=admin, json={**body, "user_id": ann})).status_code == 201
        boards = [f"contest:{made['id']}", f"lb:deal_won:month:team:{team['id']}", "lb:points:week:org"]
        r = await http.post("/api/v1/displays", headers=admin, json={"name": "Floor", "boards": boards,
                                                                     "rotate_seconds": 5})
        code = r.json()["pairing_code"]
        week = (await http.get("/api/v1/leaderboards/points", headers=admin, params={"window": "week"})).json()
        month = datetime.now(ZoneInfo(ZONE))

        expected = [
            ("Call Blitz", f"Contest · {_day(today)} – {_day(today + timedelta(days=2))} · Live", "Ann Archer", "3"),
            ("Deal won", f"This month · {month:%B %Y} · Team Closers", "Ann Archer", "4,200"),
            ("Points", f"This week · {_day(_local(week['period']['start']).date())} – "
                       f"{_day((_local(week['period']['end']) - timedelta(seconds=1)).date())} · Whole org",
             "Ann Archer", "98"),  # 6 for the calls, 50 + 1 % of 4,200 for the deal
        ]

        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=tv.CHROMIUM, headless=True, args=tv.CHROMIUM_ARGS)
            page = await browser.new_page(viewport={"width": 1920, "height": 1080})
            missing: list[str] = []
            page.on("response", lambda resp: missing.append(resp.url) if resp.status == 404 else None)
            await page.goto(f"{base}/tv")  # no trailing slash
            assert page.url == f"{base}/tv/"
            await page.get_by_test_id("pair-code").fill(code)
            await page.get_by_test_id("pair-submit").click()
            for i, (title, subtitle, name, score) in enumerate(expected):
                await page.wait_for_function(
                    "([t, s]) => document.querySelector('[data-testid=title]').textContent === t"
                    " && document.querySelector('#subtitle').textContent === s"
                    " && document.querySelectorAll('[data-testid=row]').length > 0", arg=[title, subtitle],
                    timeout=9_000)
                row = await page.eval_on_selector("[data-testid=row]", "r => [r.children[1].textContent,"
                                                                       " r.children[2].textContent]")
                assert row == [name, score]
                await tv.shot(page, f"titles-{i + 1}-{title.lower().replace(' ', '-')}.png")
                texts = await page.inner_text("header")
                assert "undefined" not in texts and "NaN" not in texts
            assert missing == []
            await browser.close()
