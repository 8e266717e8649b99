"""First contentful paint of each admin page in headless Chromium on the demo data, for
`python -m loadtests.bench_admin --paint` (see its docstring). The API (uvicorn) and the game
server run in this process on free ports; the browser is Debian's Chromium through Playwright."""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import tempfile
from pathlib import Path

import httpx
import msgspec
import uvicorn
from playwright.async_api import async_playwright

from loadtests.common import db_name, settings
from realtime.server import run as run_realtime
from server.app import create_app
from server.demo import seed as demo
from server.features import make_runtime

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: The page's first contentful paint (ms from navigation start), waiting for it if the page has not
#: painted yet when its load event fired (null after 10 s: nothing painted).
FCP = """() => new Promise((resolve) => {
  const seen = performance.getEntriesByName('first-contentful-paint')[0];
  if (seen) return resolve(seen.startTime);
  new PerformanceObserver((list) => {
    const e = list.getEntriesByName('first-contentful-paint')[0];
    if (e) resolve(e.startTime);
  }).observe({type: 'paint', buffered: true});
  setTimeout(() => resolve(null), 10000);
})"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _pages(base: str) -> dict[str, str]:
    """The admin's pages on the demo org: label -> path."""
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        r = await http.post("/api/v1/auth/login", json={"email": demo.ADMIN_EMAIL, "password": demo.PASSWORD})
        h = {"authorization": f"Bearer {r.json()['access_token']}"}
        rep = (await http.get("/api/v1/users", headers=h, params={"role": "rep", "limit": 1})).json()[
            "items"
        ][0]
        contest = (await http.get("/api/v1/contests", headers=h, params={"limit": 1})).json()["contests"]
        shown = (await http.get("/api/v1/displays", headers=h)).json()["items"]
        display = (
            shown[0]
            if shown
            else (await http.post("/api/v1/displays", headers=h, json={"name": "Bench TV"})).json()
        )
    pages = {
        "overview": "/admin/",
        "reps": "/admin/reps",
        "a rep": f"/admin/reps/{rep['id']}",
        "teams": "/admin/teams",
        "activity types": "/admin/activity-types",
        "an activity type": "/admin/activity-types/call",
        "targets": "/admin/targets",
        "contests": "/admin/contests",
        "rewards": "/admin/rewards",
        "displays": "/admin/displays",
        "a display (with its preview)": f"/admin/displays/{display['id']}",
        "integrations": "/admin/integrations",
        "settings": "/admin/settings",
        "audit log": "/admin/audit",
    }
    if contest:
        pages["a contest"] = f"/admin/contests/{contest[0]['id']}"
    return pages


async def _measure(base: str, samples: int) -> dict[str, list[float]]:
    got: dict[str, list[float]] = {}
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        ctx = await browser.new_context(viewport={"width": 1440, "height": 900})
        page = await ctx.new_page()
        await page.goto(f"{base}/admin/login")
        got["sign in"] = [await page.evaluate(FCP)]
        await page.get_by_label("Email").fill(demo.ADMIN_EMAIL)
        await page.get_by_label("Password").fill(demo.PASSWORD)
        await page.get_by_role("button", name="Sign in").click()
        await page.wait_for_load_state()
        await page.close()
        pages = await _pages(base)
        for _ in range(samples):
            for label, path in pages.items():
                tab = await ctx.new_page()  # a fresh navigation each time: its own paint entry
                r = await tab.goto(f"{base}{path}")
                assert r is not None and r.status == 200, (path, r.status if r else None)
                fcp = await tab.evaluate(FCP)
                assert fcp is not None, f"{path}: no first contentful paint"
                got.setdefault(label, []).append(float(fcp))
                await tab.close()
        await browser.close()
    return got


async def paint(samples: int) -> int:
    if not os.path.exists(CHROMIUM):
        print(f"no Chromium at {CHROMIUM} (set CHROMIUM_PATH)")
        return 1
    s = msgspec.structs.replace(
        settings(), realtime_port=_free_port(), limit_login_account="", limit_login_address=""
    )
    rt = make_runtime(s)
    print(
        f"backends: database {db_name(s.database_url)!r}, Redis {s.redis_url}; {samples} samples a page",
        flush=True,
    )
    with tempfile.TemporaryDirectory() as tmp:
        await demo.seed(rt, Path(tmp) / "key", reps=30)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(rt=rt), host="127.0.0.1", port=port, log_level="warning")
    )
    api = asyncio.create_task(server.serve())
    stop, ready = asyncio.Event(), asyncio.Event()
    game = asyncio.create_task(run_realtime(rt, "127.0.0.1", s.realtime_port, stop, ready))
    try:
        while not server.started or not ready.is_set():
            await asyncio.sleep(0.05)
        got = await _measure(f"http://127.0.0.1:{port}", samples)
    finally:
        stop.set()
        server.should_exit = True
        await api
        await game
        await rt.close()
    print(f"\n{'page':32} {'FCP p50':>9} {'min':>7} {'max':>7}")
    for label, values in got.items():
        print(f"{label:32} {statistics.median(values):6.0f} ms {min(values):4.0f} ms {max(values):4.0f} ms")
    return 0
