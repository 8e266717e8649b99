"""The rep app (/app) in real headless Chromium on a phone (390x844, touch): sign in, log an
activity and see points and mission progress move, tap three times offline and find exactly three
activities once back online, watch the board move when another rep logs, read the contest's
explanation, give kudos and react, redeem a reward, save quiet hours, have an expired access token
rotated, sign out and find the session dead; offline, a reload still shows the app (its service
worker) with the taps waiting; the game server restarted, the board catches up by itself. Every
screen passes axe-core (no serious or critical violation), fits 360 px without scrolling sideways,
has no touch target under 44 px, breaks nothing of its Content-Security-Policy, and is written to
docs/screenshots/app/ (light, and the home screen dark).
"""

from __future__ import annotations

import asyncio
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
import uvicorn

from realtime.server import run as run_realtime
from server.app import create_app
from server.features import make_runtime
from tests.conftest import PASSWORD, free_port, make_settings, unique

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "screenshots" / "app"
AXE_SOURCE = (ROOT / "tests" / "admin" / "vendor" / "axe.min.js").read_text()
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True, "device_scale_factor": 1}

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"no Chromium at {CHROMIUM}")

#: the app's stored session (IndexedDB `reprally-app`, store `kv`, key `session`), read and written
SESSION = """() => new Promise((ok, no) => { const req = indexedDB.open('reprally-app');
  req.onsuccess = () => { const g = req.result.transaction('kv').objectStore('kv').get('session');
                          g.onsuccess = () => ok(g.result); g.onerror = no; };
  req.onerror = no; })"""
SESSION_SET = """(s) => new Promise((ok, no) => { const req = indexedDB.open('reprally-app');
  req.onsuccess = () => { const tx = req.result.transaction('kv', 'readwrite'); tx.objectStore('kv').put(s, 'session');
                          tx.oncomplete = () => ok(true); tx.onerror = no; };
  req.onerror = no; })"""

#: every button, link and field a thumb may need, measured where it is on screen
SMALL_TARGETS = """() => [...document.querySelectorAll('button, a, select, textarea, input:not([type=checkbox])')]
  .filter(e => e.offsetParent !== null && !e.classList.contains('skip'))
  .map(e => [e, e.getBoundingClientRect()])
  .filter(([e, r]) => r.height < 44 || r.width < 44)
  .map(([e, r]) => `${e.tagName} ${e.textContent.trim() || e.id} ${Math.round(r.width)}x${Math.round(r.height)}`)"""


@pytest.fixture
async def stack(rt, database_url, redis_url):
    """The API (uvicorn) and the game server in this process, with the habit loop on (missions).
    The walk makes an org of its own, so the suite's shared data is not touched (`rt`: the suite's
    runtime, which empties the Redis db once per session)."""
    settings = make_settings(database_url, redis_url, realtime_port=free_port(), habits_enabled=True)
    rt = make_runtime(settings)
    server = uvicorn.Server(uvicorn.Config(create_app(rt=rt), host="127.0.0.1", port=free_port(), log_level="warning"))
    api_task = asyncio.create_task(server.serve())
    game: dict = {}

    async def start_game() -> None:
        game["stop"], ready = asyncio.Event(), asyncio.Event()
        game["task"] = asyncio.create_task(run_realtime(rt, "127.0.0.1", settings.realtime_port, game["stop"], ready))
        await asyncio.wait_for(ready.wait(), 10)

    async def stop_game() -> None:
        game["stop"].set()
        await game["task"]

    await start_game()
    while not server.started:
        await asyncio.sleep(0.05)
    yield f"http://127.0.0.1:{server.config.port}", stop_game, start_game
    await stop_game()
    server.should_exit = True
    await api_task
    await rt.close()


async def check(page, name: str) -> None:
    """axe-core, the 360 px and 44 px rules, then the screenshot."""
    await asyncio.sleep(0.7)  # the counters roll for 600 ms
    # then every CSS animation and transition has ended (a fading "+N" is measured at its final colour)
    await page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')", timeout=5_000)
    await page.evaluate(AXE_SOURCE)  # through DevTools, not a <script>: the page's CSP stays in force
    found = await page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
        .violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))""")
    assert not [v for v in found if v["impact"] in ("serious", "critical")], f"{name}: {found}"
    assert await page.evaluate(SMALL_TARGETS) == [], name
    await page.evaluate("window.scrollTo(0, 0)")  # the sticky header where it belongs in a full-page shot
    await page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    await page.set_viewport_size({"width": 360, "height": 844})
    assert await page.evaluate("document.documentElement.scrollWidth") <= 360, f"{name} scrolls sideways at 360 px"
    await page.set_viewport_size(PHONE["viewport"])


async def login(http: httpx.AsyncClient, email: str) -> dict[str, str]:
    r = await http.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    assert r.status_code == 200, r.text
    return {"authorization": f"Bearer {r.json()['access_token']}"}


async def wait_text(page, testid: str, text: str) -> None:
    try:
        # a rolling counter passes through the numbers below its target: its data-value is the target
        await page.wait_for_function("""([id, t]) => { const e = document.querySelector(`[data-testid=${id}]`);
            return e?.textContent === t && (e.dataset.value === undefined || e.dataset.value === t); }""",
                                     arg=[testid, text], timeout=10_000)
    except Exception:
        shown = await page.evaluate("id => document.querySelector(`[data-testid=${id}]`)?.textContent", testid)
        raise AssertionError(f"{testid} shows {shown!r}, wanted {text!r}") from None


async def board(page, testid: str = "row") -> list[tuple[str, ...]]:
    return [tuple(r) for r in await page.eval_on_selector_all(
        f"[data-testid={testid}]", "rows => rows.map(r => [...r.children].map(c => c.textContent))")]


async def wait_board(page, expected: list[tuple[str, ...]], testid: str = "row") -> None:
    for _ in range(200):
        if await board(page, testid) == expected:
            return
        await asyncio.sleep(0.05)
    assert await board(page, testid) == expected


async def test_a_rep_walks_the_whole_loop_on_a_phone(stack):
    from playwright.async_api import async_playwright

    base, stop_game, start_game = stack
    SHOTS.mkdir(parents=True, exist_ok=True)
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        r = await http.post("/api/v1/orgs", json={"name": unique("App Org "), "timezone": "UTC", "admin": {
            "email": f"{unique('appadmin')}@example.com", "password": PASSWORD, "display_name": "Admin"}})
        assert r.status_code == 201, r.text
        admin = {"authorization": f"Bearer {r.json()['access_token']}"}
        ids, emails = {}, {}
        for name in ("Ann Archer", "Bob Baker"):
            emails[name] = f"{unique('apprep')}@example.com"
            r = await http.post("/api/v1/users", headers=admin, json={
                "email": emails[name], "display_name": name, "password": PASSWORD, "role": "rep"})
            assert r.status_code == 201, r.text
            ids[name] = r.json()["id"]
        templates = (await http.get("/api/v1/mission-templates", headers=admin)).json()["items"]
        calls_tpl = next(t for t in templates if t["key"] == "calls")
        r = await http.patch(f"/api/v1/mission-templates/{calls_tpl['id']}", headers=admin, json={"pinned": True})
        assert r.status_code == 200, r.text  # the call mission every day, whatever the rotation picks
        ann, bob = await login(http, emails["Ann Archer"]), await login(http, emails["Bob Baker"])
        r = await http.put("/api/v1/targets", headers=admin, json={
            "metric": "points", "period": "month", "start": datetime.now(UTC).date().replace(day=1).isoformat(),
            "targets": [{"user_id": ids["Ann Archer"], "value": 200}]})
        assert r.status_code in (200, 201), r.text
        r = await http.post("/api/v1/rewards", headers=admin, json={"name": "Coffee voucher", "cost": 5, "stock": 3})
        assert r.status_code == 201, r.text
        today = datetime.now(UTC).date()
        r = await http.post("/api/v1/contests", headers=admin, json={
            "name": "Call Blitz", "metric": "call", "format": "individual", "start_date": today.isoformat(),
            "end_date": (today + timedelta(days=6)).isoformat()})
        assert r.status_code == 201, r.text
        r = await http.post(f"/api/v1/contests/{r.json()['id']}/launch", headers=admin)
        assert r.status_code == 200 and r.json()["state"] == "live", r.text

        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            context = await browser.new_context(**PHONE)
            page = await context.new_page()
            violations: list[str] = []
            page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
            page.on("pageerror", lambda e: violations.append(f"page error: {e}"))

            loaded = await page.goto(f"{base}/app")  # 301 to /app/
            assert page.url == f"{base}/app/"
            assert "manifest-src 'self'" in (await loaded.all_headers())["content-security-policy"]
            await page.get_by_test_id("signin").wait_for()
            await check(page, "1-sign-in")
            await page.get_by_test_id("email").fill(emails["Ann Archer"])
            await page.get_by_test_id("password").fill("not the password")
            await page.get_by_test_id("signin-submit").tap()
            await page.get_by_test_id("signin-error").filter(has_text="email or password").wait_for()
            await page.get_by_test_id("password").fill(PASSWORD)
            await page.get_by_test_id("signin-submit").tap()

            # home: nothing yet; the call mission (a new rep's target is the template's minimum)
            await wait_text(page, "points-today", "0")
            missions = (await http.get("/api/v1/me/missions", headers=ann)).json()["missions"]
            assert len(missions) == 3, missions
            calls = next(m for m in missions if m["label"].endswith("calls"))
            target = calls["target"]
            assert target == 5, calls
            call_mission = page.get_by_test_id("mission").filter(has_text=calls["label"]).get_by_test_id("mission-progress")
            assert await call_mission.text_content() == f"0 / {target}"
            assert await page.get_by_test_id("target").locator(".num").text_content() == "0 / 200"
            await page.wait_for_selector("[data-testid=net][data-state=live]")
            assert await page.evaluate("navigator.serviceWorker.ready.then(() => !!navigator.serviceWorker.controller)")
            await check(page, "2-home")
            await page.emulate_media(color_scheme="dark")
            await check(page, "2-home-dark")
            await page.emulate_media(color_scheme="light")

            # one tap: a call, 2 points and the "First call" badge's 5, celebrated; the mission at 1
            await page.get_by_test_id("log-call").tap()
            await wait_text(page, "points-today", "7")
            await wait_text(page, "balance", "7")
            await page.get_by_test_id("celebration").filter(has_text="Badge: First call (+5)").wait_for()
            assert await call_mission.text_content() == f"1 / {target}"
            await check(page, "3-logged-badge")
            await page.get_by_test_id("celebration").wait_for(state="detached")  # it closes itself

            # offline: three taps wait in the outbox; back online they land, once each
            await context.set_offline(True)
            for _ in range(3):
                await page.get_by_test_id("log-call").tap()
            await wait_text(page, "outbox-count", "3 taps waiting to send")
            assert await page.get_by_test_id("points-today").text_content() == "7"
            await check(page, "4-offline-queue")
            await page.reload()  # offline: the shell from the service worker, home as last seen, the taps still waiting
            await page.get_by_test_id("stale").wait_for()
            await wait_text(page, "outbox-count", "3 taps waiting to send")
            await wait_text(page, "points-today", "7")
            await context.set_offline(False)
            await wait_text(page, "points-today", "13")
            await page.wait_for_selector("[data-testid=outbox-count][hidden]", state="attached")
            await page.wait_for_selector("[data-testid=stale]", state="detached")
            assert await call_mission.text_content() == f"4 / {target}"
            assert await page.get_by_test_id("target").locator(".num").text_content() == "13 / 200"
            await page.reload()  # the page again, the outbox empty: nothing is sent twice
            await wait_text(page, "points-today", "13")
            entries = (await http.get("/api/v1/me/ledger", headers=ann, params={"limit": 50})).json()["entries"]
            taps = [e for e in entries if e["kind"] == "activity"]
            assert [(e["activity_type"], e["quantity"], e["points"]) for e in taps] == [("call", 1, 2)] * 4
            assert len({e["external_id"] for e in taps}) == 4 and all(e["external_id"].startswith("app-") for e in taps)
            assert [(e["kind"], e["points"]) for e in entries if e["kind"] != "activity"] == [("badge_bonus", 5)]
            assert (await http.get("/api/v1/me", headers=ann)).json()["points_balance"] == 13

            # boards: live over the websocket; Bob's meeting passes Ann without a reload
            await page.get_by_test_id("tab-boards").tap()
            await wait_board(page, [("#1", "Ann Archer (you)", "13")])
            await wait_board(page, [("#1", "Ann Archer (you)", "4"), ("#2", "Bob Baker", "0")], "contest-row")
            r = await http.post("/api/v1/activities", headers=bob, json={"type": "meeting_booked", "quantity": 2})
            assert r.status_code == 201 and r.json()["points_awarded"] == 20, r.text
            # 20 for two meetings and 20 for the "Top of the day" badge he takes from Ann
            await wait_board(page, [("#1", "Bob Baker", "40"), ("#2", "Ann Archer (you)", "13")])
            # the game server goes away (a deploy, a phone asleep): Bob's email lands meanwhile, and the
            # board catches up when the app is back on a new game server (subscribe with `since`)
            await stop_game()
            await page.wait_for_selector("[data-testid=net]:not([data-state=live])")
            r = await http.post("/api/v1/activities", headers=bob, json={"type": "email"})
            assert r.status_code == 201 and r.json()["points_awarded"] == 1, r.text
            await start_game()
            await page.wait_for_selector("[data-testid=net][data-state=live]", timeout=20_000)
            await wait_board(page, [("#1", "Bob Baker", "41"), ("#2", "Ann Archer (you)", "13")])
            await page.get_by_test_id("why-button").tap()
            await wait_text(page, "why", "Why you are #1: 4 call (count) from 4 activities")
            await check(page, "5-boards")

            # the org's privacy mode: under `tiers` Ann sees bands, her own points and nobody else's
            r = await http.put("/api/v1/privacy/org", headers=admin, json={"mode": "tiers"})
            assert r.status_code == 200, r.text
            shown = (await http.get("/api/v1/leaderboards/points", headers=ann, params={"window": "day"})).json()
            assert shown["privacy"] == "tiers" and all(e["rank"] is None for e in shown["entries"])
            expected = [("–" if not e.get("tier") else e["tier"].capitalize(),
                         e["display_name"] + (" (you)" if e["user_id"] == ids["Ann Archer"] else ""),
                         "–" if e["score"] is None else f"{e['score']:,}") for e in shown["entries"]]
            assert all(x[2] == "–" for x in expected if x[1] == "Bob Baker")  # his points are his own
            await page.get_by_test_id("tab-home").tap()
            await page.get_by_test_id("tab-boards").tap()
            await wait_board(page, expected)
            await check(page, "5a-boards-tiers")
            r = await http.put("/api/v1/privacy/org", headers=admin, json={"mode": "full"})
            assert r.status_code == 200, r.text

            # kudos: 5 points to Bob from the month's 100, then a clap on the feed
            await page.get_by_test_id("tab-kudos").tap()
            await wait_text(page, "allowance", "100 of 100 points left to give this month")
            await page.get_by_test_id("kudos-to").select_option(label="Bob Baker")
            await page.get_by_test_id("kudos-message").fill("Great demo today")
            await page.get_by_test_id("kudos-tag").select_option("Ownership")
            await page.get_by_test_id("kudos-points").fill("5")
            await page.get_by_test_id("kudos-send").tap()
            await wait_text(page, "allowance", "95 of 100 points left to give this month")
            item = page.get_by_test_id("feed-item").filter(has_text="Ann Archer → Bob Baker: “Great demo today” +5")
            await item.get_by_role("button", name="React 👏").tap()
            await item.get_by_role("button", name="React 👏, 1 so far").wait_for()
            await page.get_by_test_id("feed-item").filter(has_text="Ann Archer earned the badge “First call”").wait_for()
            got = (await http.get("/api/v1/kudos", headers=bob, params={"to_user_id": ids["Bob Baker"]})).json()
            assert [(k["message"], k["points"], k["value_tag"]) for k in got["kudos"]] == [("Great demo today", 5, "Ownership")]
            await check(page, "6-kudos")

            # rewards: redeem the 5-point coffee (two taps), 13 - 5 = 8 left, 5 on hold, pending
            await page.get_by_test_id("tab-rewards").tap()
            await wait_text(page, "wallet-balance", "13")
            await page.get_by_test_id("redeem").tap()
            await page.get_by_test_id("redeem").tap()
            await page.get_by_test_id("redemption").wait_for()
            await wait_text(page, "wallet-balance", "8")
            await wait_text(page, "wallet-held", "5")
            assert await page.get_by_test_id("redemption").get_attribute("data-state") == "pending"
            mine = (await http.get("/api/v1/me/redemptions", headers=ann)).json()["redemptions"]
            assert [(x["state"], x["cost"]) for x in mine] == [("pending", 5)]
            await check(page, "7-rewards")

            # me: the ledger with each entry's cause and rule version; quiet hours saved
            await page.get_by_test_id("tab-me").tap()
            await page.get_by_test_id("ledger-entry").first.wait_for()
            calls_shown = page.get_by_test_id("ledger-entry").filter(has_text="Call × 1 · rule v1: 2 a unit")
            assert await calls_shown.count() == 4
            await page.get_by_test_id("quiet").check()
            await page.get_by_test_id("prefs-save").tap()
            await page.get_by_role("status").filter(has_text="Saved").wait_for()
            prefs = (await http.get("/api/v1/me/notification-preferences", headers=ann)).json()
            assert prefs["quiet_hours"] == {"start": "22:00", "end": "07:00"}
            await check(page, "8-me")

            # an access token past its time: the app rotates the pair once and carries on
            before = await page.evaluate(SESSION)
            await page.evaluate(SESSION_SET, {**before, "access_token": "expired.e30.x"})
            await page.get_by_test_id("tab-home").tap()
            await wait_text(page, "points-today", "13")
            after = await page.evaluate(SESSION)
            assert after["refresh_token"] != before["refresh_token"] and after["access_token"] != before["access_token"]
            r = await http.get("/api/v1/me", headers={"authorization": f"Bearer {after['access_token']}"})
            assert r.status_code == 200 and r.json()["user"]["id"] == ids["Ann Archer"]

            # sign out: back to the form, and the refresh token the app held no longer works
            refresh = after["refresh_token"]
            await page.get_by_test_id("tab-me").tap()
            await page.get_by_test_id("signout").tap()
            await page.get_by_test_id("signin").wait_for()
            r = await http.post("/api/v1/auth/refresh", json={"refresh_token": refresh})
            assert r.status_code == 401, r.text
            await check(page, "9-signed-out")
            assert violations == []
            await browser.close()
