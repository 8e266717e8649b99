"""Web admin benchmark: each admin page's server time beside the JSON reads that show the same
data, in the same run (issue 18: goal <= 1.5x).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/<db> REDIS_URL=redis://127.0.0.1:6379/<n> \\
        python -m loadtests.bench_admin [--smoke] [--reps 200] [--samples 30]

In one process, through the ASGI app (httpx's ASGITransport: the server's time, no network):
  1. an org with --reps reps in teams of 25, a few activities each, a live contest, a reward, a
     display, and the audit entries all that wrote;
  2. the admin signed in twice: with the web form (a cookie) and with the JSON API (a token);
  3. per page, interleaved, --samples times: the page, then the JSON reads it shows, one after the
     other (what a JavaScript admin would fetch for the same screen). Medians and their ratio.

With --paint instead: first contentful paint of each admin page in headless Chromium (Playwright,
Debian's /usr/bin/chromium or CHROMIUM_PATH) on the demo data. The demo org is seeded into the
configured backends if it is not there yet, the API and the game server run in this process on
free ports over real sockets, and each page is opened --samples times in a fresh tab (median of
`performance.getEntriesByName('first-contentful-paint')`):

    DATABASE_URL=... REDIS_URL=... python -m loadtests.bench_admin --paint [--samples 5]
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import time

import httpx
import msgspec

from loadtests.bench_admin_paint import paint
from loadtests.common import db_name, settings
from server.app import create_app
from server.features import make_runtime

PASSWORD = "Rally-otter-sunrise-42"
_CSRF = re.compile(r'name="_csrf" value="([^"]+)"')


async def _ok(r: httpx.Response, status: int = 200) -> dict:
    assert r.status_code in (status, 201), (
        f"{r.request.method} {r.request.url} -> {r.status_code} {r.text[:300]}"
    )
    return r.json() if r.headers.get("content-type", "").startswith("application/json") else {}


async def _setup(c: httpx.AsyncClient, reps: int) -> tuple[dict[str, str], dict[str, list[str]]]:
    stamp = str(time.time_ns())
    email = f"bench-admin-{stamp}@example.com"
    org = await _ok(
        await c.post(
            "/api/v1/orgs",
            json={
                "name": f"Admin bench {stamp}",
                "timezone": "UTC",
                "admin": {"email": email, "password": PASSWORD, "display_name": "Bench Admin"},
            },
        ),
        201,
    )
    h = {"authorization": f"Bearer {org['access_token']}"}
    teams = [
        (await _ok(await c.post("/api/v1/teams", headers=h, json={"name": f"Team {i}"}), 201))["id"]
        for i in range(max(1, reps // 25))
    ]
    rep_ids = []
    for i in range(reps):
        u = await _ok(
            await c.post(
                "/api/v1/users",
                headers=h,
                json={
                    "email": f"rep{i}-{stamp}@example.com",
                    "display_name": f"Rep {i}",
                    "password": PASSWORD,
                    "role": "rep",
                    "team_id": teams[i % len(teams)],
                },
            ),
            201,
        )
        rep_ids.append(u["id"])
    for i, uid in enumerate(rep_ids):
        for _ in range(1 + i % 3):
            await _ok(
                await c.post("/api/v1/activities", headers=h, json={"type": "call", "user_id": uid}), 201
            )
    contest = await _ok(
        await c.post(
            "/api/v1/contests",
            headers=h,
            json={
                "name": "Bench sprint",
                "start_date": time.strftime("%Y-%m-%d", time.gmtime()),
                "end_date": time.strftime("%Y-%m-%d", time.gmtime(time.time() + 6 * 86400)),
                "metric": "call",
            },
        ),
        201,
    )
    await _ok(await c.post(f"/api/v1/contests/{contest['id']}/launch", headers=h))
    await _ok(await c.post("/api/v1/rewards", headers=h, json={"name": "Coffee", "cost": 1}), 201)
    display = await _ok(await c.post("/api/v1/displays", headers=h, json={"name": "Floor"}), 201)
    login = await c.get("/admin/login")
    token = _CSRF.search(login.text)
    assert token
    r = await c.post("/admin/login", data={"email": email, "password": PASSWORD, "_csrf": token.group(1)})
    assert r.status_code == 303, r.text[:300]
    rep = rep_ids[0]
    cid = contest["id"]
    pages = {
        "/admin/": ["/api/v1/insights/summary?period=week", "/api/v1/alerts?status=open&limit=20"],
        "/admin/reps": ["/api/v1/users?limit=500", "/api/v1/teams"],
        f"/admin/reps/{rep}": [
            f"/api/v1/users/{rep}",
            f"/api/v1/alerts?user_id={rep}&limit=10",
            "/api/v1/teams",
        ],
        "/admin/teams": ["/api/v1/teams", "/api/v1/users?active=true&limit=500"],
        "/admin/activity-types": ["/api/v1/activity-types"],
        "/admin/contests": ["/api/v1/contests?limit=25"],
        f"/admin/contests/{cid}": [f"/api/v1/contests/{cid}", f"/api/v1/contests/{cid}/standings"],
        "/admin/rewards": [
            "/api/v1/redemptions?state=pending&limit=100",
            "/api/v1/rewards?include_inactive=true",
        ],
        "/admin/displays": ["/api/v1/displays"],
        f"/admin/displays/{display['id']}": [
            f"/api/v1/displays/{display['id']}",
            "/api/v1/activity-types",
            "/api/v1/teams",
            "/api/v1/leaderboards/points?window=week&limit=10",
            "/api/v1/leaderboards/deal_won?window=month&limit=10",
            "/api/v1/leaderboards/points?window=day&limit=10",
        ],
        "/admin/settings": [
            "/api/v1/org",
            "/api/v1/insights/settings",
            "/api/v1/streak-settings",
            "/api/v1/kudos/settings",
            "/api/v1/notification-defaults",
        ],
        "/admin/audit": ["/api/v1/audit?limit=50", "/api/v1/users?limit=500"],
        "/admin/missions": ["/api/v1/habits/missions/today", "/api/v1/mission-templates", "/api/v1/teams"],
        "/admin/badges": ["/api/v1/badges", "/api/v1/activity-types"],  # and a holder count per badge (no JSON read)
        "/admin/integrations": ["/api/v1/integrations", "/api/v1/chat/channels"],
        "/admin/experiments": ["/api/v1/experiments"],
    }
    return h, pages


async def _time(c: httpx.AsyncClient, path: str, headers: dict[str, str] | None = None) -> float:
    t = time.perf_counter()
    r = await c.get(path, headers=headers)
    took = time.perf_counter() - t
    assert r.status_code == 200, f"{path} -> {r.status_code} {r.text[:300]}"
    return took


async def run(args: argparse.Namespace) -> int:
    s = msgspec.structs.replace(
        settings(),
        habits_enabled=False,
        password_time_cost=1,
        limit_login_account="",
        limit_login_address="",
        limit_signup_address="",
    )
    rt = make_runtime(s)
    app = create_app(rt=rt, background=False)
    app.state.rt = rt
    failures = 0
    try:
        print(
            f"backends: database {db_name(s.database_url)!r}, Redis {s.redis_url}; "
            f"{'smoke' if args.smoke else 'full'} run, {args.reps} reps, {args.samples} samples",
            flush=True,
        )
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://bench", timeout=120
        ) as c:
            h, pages = await _setup(c, args.reps)
            got: dict[str, tuple[list[float], list[float]]] = {p: ([], []) for p in pages}
            for round_ in range(args.samples + 2):  # two warm-up rounds
                for page, reads in pages.items():
                    page_s = await _time(c, page)
                    json_s = 0.0
                    for path in reads:
                        json_s += await _time(c, path, h)
                    if round_ >= 2:
                        got[page][0].append(page_s)
                        got[page][1].append(json_s)
        print(f"\n{'page':28} {'page p50':>10} {'JSON reads p50':>15} {'ratio':>6}  JSON reads")
        worst = 0.0
        for page, (p, j) in got.items():
            ratio = statistics.median(p) / statistics.median(j)
            worst = max(worst, ratio)
            name = re.sub(r"/\d+", "/{id}", page)
            print(
                f"{name:28} {statistics.median(p) * 1000:8.1f} ms {statistics.median(j) * 1000:12.1f} ms "
                f"{ratio:6.2f}  {', '.join(re.sub(r'/api/v1', '', x) for x in pages[page])}"
            )
        print(f"\nworst ratio {worst:.2f} (goal <= 1.5)")
        if not args.smoke and worst > 1.5:
            print("CHECK FAILED: a page costs more than 1.5x the JSON reads it shows")
            failures += 1
    finally:
        await rt.close()
    return failures


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--smoke", action="store_true")
    p.add_argument("--paint", action="store_true", help="first contentful paint in Chromium instead")
    p.add_argument("--reps", type=int, default=200)
    p.add_argument("--samples", type=int, default=None)
    args = p.parse_args(argv)
    if args.paint:
        return asyncio.run(paint(args.samples or 5))
    args.samples = args.samples or 30
    if args.smoke:
        args.reps, args.samples = 20, 3
    return asyncio.run(run(args))


if __name__ == "__main__":
    sys.exit(main())
