"""The office TV page in real headless Chromium: pair, watch live ranks, survive a game-server kill.

Screenshots land in test-artifacts/tv/. Needs Debian's chromium (/usr/bin/chromium); CI
installs it, and the test is skipped with a reason on a machine without it.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import uvicorn

from server.app import create_app
from server.features import make_runtime
from tests.conftest import PASSWORD, free_port, make_settings, unique

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "tv"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"no Chromium at {CHROMIUM}")


class GameServer:
    """`reprally realtime` as its own process, so the test can kill -9 it."""

    def __init__(self, settings, port: int) -> None:
        self.port = port
        self.env = {**os.environ, "DATABASE_URL": settings.database_url, "REDIS_URL": settings.redis_url,
                    "JWT_SECRET": settings.jwt_secret, "REALTIME_PORT": str(port), "LOG_LEVEL": "warning"}
        self.proc: subprocess.Popen | None = None

    async def start(self) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "server.cli", "realtime"], env=self.env)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                await asyncio.sleep(0.1)
        raise RuntimeError("game server did not start")

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)


@pytest.fixture
async def stack(database_url, redis_url):
    rt_port, api_port = free_port(), free_port()
    settings = make_settings(database_url, redis_url, realtime_port=rt_port)
    rt = make_runtime(settings)
    server = uvicorn.Server(uvicorn.Config(create_app(rt=rt), host="127.0.0.1", port=api_port, log_level="warning"))
    api_task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.05)
    game = GameServer(settings, rt_port)
    await game.start()
    yield f"http://127.0.0.1:{api_port}", game
    game.kill()
    server.should_exit = True
    await api_task
    await rt.close()


async def shot(page, name: str) -> None:
    """A screenshot once the rank animations (600 ms) have settled."""
    await asyncio.sleep(0.8)
    await page.screenshot(path=ARTIFACTS / name)


async def _login(http: httpx.AsyncClient, email: str) -> dict:
    r = await http.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    assert r.status_code == 200, r.text
    return {"authorization": f"Bearer {r.json()['access_token']}"}


async def test_tv_pairs_shows_live_ranks_and_recovers_from_a_game_server_kill(stack):
    from playwright.async_api import async_playwright

    base, game = stack
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        email = f"{unique('tvadmin')}@example.com"
        r = await http.post("/api/v1/orgs", json={"name": unique("TV Org "), "timezone": "UTC", "admin": {
            "email": email, "password": PASSWORD, "display_name": "Admin"}})
        assert r.status_code == 201, r.text
        admin = {"authorization": f"Bearer {r.json()['access_token']}"}
        reps = {}
        for name in ("Ann Archer", "Bob Baker"):
            e = f"{unique('tvrep')}@example.com"
            r = await http.post("/api/v1/users", headers=admin, json={
                "email": e, "display_name": name, "password": PASSWORD, "role": "rep"})
            assert r.status_code == 201, r.text
            reps[name] = (r.json()["id"], await _login(http, e))
        r = await http.post("/api/v1/displays", headers=admin, json={
            "name": "Sales floor", "boards": ["lb:points:day:org"], "rotate_seconds": 60})
        assert r.status_code == 201, r.text
        code = r.json()["pairing_code"]

        async def log(name: str, type_: str, **extra) -> float:
            r = await http.post("/api/v1/activities", headers=reps[name][1] if type_ != "deal_won" else admin,
                                json={"type": type_, **extra} | ({"user_id": reps[name][0]} if type_ == "deal_won" else {}))
            assert r.status_code == 201, r.text
            return time.monotonic()

        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            page = await browser.new_page(viewport={"width": 1920, "height": 1080})
            # the page runs under its Content-Security-Policy (server/core/edge/headers.py) and breaks none of it
            violations: list[str] = []
            page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
            loaded = await page.goto(f"{base}/tv/")
            assert "connect-src 'self' ws://127.0.0.1:" in (await loaded.all_headers())["content-security-policy"]
            await page.get_by_test_id("pair-code").fill(code)
            await page.get_by_test_id("pair-submit").click()
            status = page.get_by_test_id("status")
            await page.wait_for_selector("[data-testid=status][data-state=live]", timeout=10_000)
            await shot(page, "1-paired-empty.png")

            async def ranks() -> list[tuple[str, str, str]]:
                rows = await page.eval_on_selector_all(
                    "[data-testid=row]", "rows => rows.map(r => [r.children[1].textContent,"
                    " r.children[0].textContent, r.children[2].textContent])")
                return [tuple(r) for r in rows]

            async def wait_for(expected: list, since: float, budget_s: float = 1.0) -> float:
                while True:
                    if await ranks() == expected:
                        return time.monotonic() - since
                    assert time.monotonic() - since < budget_s, f"screen shows {await ranks()}, wanted {expected}"
                    await asyncio.sleep(0.02)

            t = await log("Ann Archer", "call", quantity=3)  # 6 points
            took = await wait_for([("Ann Archer", "1", "6")], t)
            t = await log("Bob Baker", "meeting_booked")  # 10 points: Bob passes Ann
            took = max(took, await wait_for([("Bob Baker", "1", "10"), ("Ann Archer", "2", "6")], t))
            await shot(page, "2-bob-passes-ann.png")
            assert took < 1.0

            game.kill()
            await page.wait_for_selector("[data-testid=status][data-state=reconnecting]", timeout=10_000)
            assert await ranks() == [("Bob Baker", "1", "10"), ("Ann Archer", "2", "6")]  # never blank
            await shot(page, "3-reconnecting.png")
            await log("Ann Archer", "proposal_sent")  # 26 points while the screen is cut off
            await game.start()
            await page.wait_for_selector("[data-testid=status][data-state=live]", timeout=15_000)
            await wait_for([("Ann Archer", "1", "26"), ("Bob Baker", "2", "10")], time.monotonic(), 5.0)
            await shot(page, "4-recovered.png")

            await log("Bob Baker", "deal_won", value=12500)
            celebration = page.get_by_test_id("celebration")
            await celebration.wait_for(state="visible", timeout=3_000)
            assert "Bob Baker" in await celebration.inner_text()
            assert "Bob Baker" in await page.get_by_test_id("ticker").inner_text()
            await shot(page, "5-deal-won.png")
            assert await status.inner_text() == "● Live"
            assert violations == []
            await browser.close()
