"""The web admin in real headless Chromium on the demo org: sign in, create a team and a rep (a
bad email first: the field's message), change an activity type, create and launch a contest and
watch its standings move without a reload when an activity is posted through the JSON API,
approve a redemption and refund it, act on an alert, create a display, choose and order its
boards and pair it (the TV in a browser of its own, the code typed as the admin shows it), read
the audit log, a kudos limit refused beside its field, set a target in place
and accept the suggestions, connect a webhook source (its secret once) and map its unmatched CRM
owner to a rep, sign out and find
the session dead; a manager cannot open another team's rep, an admin page or another org's rep.

Every page is checked with axe-core (vendored: tests/admin/vendor/axe.min.js, 4.10.2, MPL-2.0):
no serious or critical violation. Screenshots of each page at 1440x900 go to
docs/screenshots/admin/ (committed, so a reviewer can look without running anything).
"""

from __future__ import annotations

import asyncio
import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
import uvicorn
from standardwebhooks.webhooks import Webhook

from realtime.server import run as run_realtime
from server.app import create_app
from server.core.events import Notice
from server.core.periods import local_date
from server.demo import seed as demo
from server.features import make_runtime
from server.insights import store as insights_store
from server.integrations import inbox
from server.ledger import sinks
from server.notifications import service as notifications
from tests.conftest import PASSWORD, free_port, make_settings, new_org, unique
from tests.support.backends import private_backends

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "screenshots" / "admin"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
AXE_SOURCE = AXE.read_text()
#: page -> first contentful paint (ms), written to test-artifacts/admin/paint.json for docs/performance.md
PAINTS: dict[str, float] = {}
ARTIFACTS = ROOT / "test-artifacts" / "admin"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"no Chromium at {CHROMIUM}")


@pytest.fixture
async def stack(settings, tmp_path):
    """The API (uvicorn) and the game server in this process, on free ports, over a database and a
    Redis db of their own with the demo org seeded: the walk changes the demo org (a contest
    launched, a redemption approved), which the other tests read as seeded."""
    database_url, redis_url = await private_backends(settings, "admin", tmp_path, 2)
    settings = make_settings(database_url, redis_url, realtime_port=free_port())
    rt = make_runtime(settings)
    demo_org_id, _, _ = await demo.seed(rt, tmp_path / "key", reps=6)
    api_port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(rt=rt), host="127.0.0.1", port=api_port, log_level="warning")
    )
    api_task = asyncio.create_task(server.serve())
    stop, ready = asyncio.Event(), asyncio.Event()
    game = asyncio.create_task(run_realtime(rt, "127.0.0.1", settings.realtime_port, stop, ready))
    while not server.started or not ready.is_set():
        await asyncio.sleep(0.05)
    yield f"http://127.0.0.1:{api_port}", rt, demo_org_id
    stop.set()
    server.should_exit = True
    await api_task
    await game
    await rt.close()


async def check_page(page, name: str) -> None:
    """axe-core on the page as it is (no serious or critical violation), then its screenshot."""
    await page.evaluate(AXE_SOURCE)  # through DevTools, not a <script>: the page's CSP stays in force
    found = await page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    bad = [v for v in found if v["impact"] in ("serious", "critical")]
    assert not bad, f"{name}: {bad}"
    await page.screenshot(path=str(SHOTS / f"{name}.png"))
    fcp = await page.evaluate(
        "() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime"
    )
    if fcp is not None:
        PAINTS[name] = round(fcp, 1)


async def api_login(http: httpx.AsyncClient, email: str, password: str = PASSWORD) -> dict[str, str]:
    r = await http.post("/api/v1/auth/login", json={"email": email, "password": password})
    assert r.status_code == 200, r.text
    return {"authorization": f"Bearer {r.json()['access_token']}"}


async def sign_in(page, base: str, email: str, password: str) -> None:
    await page.goto(f"{base}/admin/")
    assert "/admin/login" in page.url
    await page.get_by_label("Email").fill(email)
    await page.get_by_label("Password").fill(password)
    await page.get_by_role("button", name="Sign in").click()
    await page.wait_for_load_state()
    assert page.url.rstrip("/") == f"{base}/admin", (page.url, (await page.content())[-3000:])


async def test_a_managers_first_day_in_the_browser(stack):
    from playwright.async_api import async_playwright, expect

    base, rt, org_id = stack
    SHOTS.mkdir(parents=True, exist_ok=True)
    async with httpx.AsyncClient(base_url=base, timeout=30) as http, async_playwright() as pw:
        admin_api = await api_login(http, demo.ADMIN_EMAIL, demo.PASSWORD)
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        ctx = await browser.new_context(viewport={"width": 1440, "height": 900})
        page = await ctx.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        # the admin's Content-Security-Policy is in force: any violation (an inline script or style,
        # a connection elsewhere) shows on the console and fails the test
        page.on(
            "console",
            lambda m: (
                errors.append(f"{page.url}: {m.text[:60]} {m.location}")
                if "Content Security Policy" in m.text
                else None
            ),
        )

        await page.goto(f"{base}/admin/login")
        await check_page(page, "01-sign-in")
        await sign_in(page, base, demo.ADMIN_EMAIL, demo.PASSWORD)
        cookie = next(c for c in await ctx.cookies() if c["name"] == "rr_admin")
        assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/admin"

        # an alert on a demo rep, to act on from the overview
        reps = (await http.get("/api/v1/users", headers=admin_api, params={"role": "rep"})).json()["items"]
        flagged = reps[0]
        org_tz = (await http.get("/api/v1/org", headers=admin_api)).json()["timezone"]
        from server.core.periods import zone

        today = local_date(rt.now(), zone(org_tz))
        async with rt.engine.begin() as conn:
            await insights_store.insert_alerts(
                conn,
                [
                    {
                        "org_id": org_id,
                        "user_id": flagged["id"],
                        "team_id": flagged["team_id"],
                        "reason": "low_activity",
                        "week": today - timedelta(days=today.weekday()),
                        "day": today,
                        "evidence": {"activity": 2, "expected": 10},
                        "suggested_actions": ["check_in", "recognize"],
                        "status": "open",
                        "created_at": rt.now(),
                    }
                ],
            )
        await page.goto(f"{base}/admin/")
        await expect(page.get_by_test_id("board-status")).to_have_text("Live", timeout=15_000)
        await check_page(page, "02-overview")
        # the live parts: a deal won through the JSON API reaches the ticker, and a new early-warning
        # alert for this admin is announced above the alerts, all without a reload
        r = await http.post("/api/v1/activities", headers=admin_api,
                            json={"type": "deal_won", "user_id": flagged["id"], "value": 4200})
        assert r.status_code == 201, r.text
        await expect(page.get_by_test_id("live-feed").locator("li").first).to_have_text(
            f"{flagged['display_name']} won a deal of 4,200", timeout=15_000)
        me = (await http.get("/api/v1/me", headers=admin_api)).json()["user"]["id"]
        async with rt.engine.begin() as conn:
            await sinks.write_notices(rt, conn, org_id, [Notice(
                me, "insight_alert", f"{flagged['display_name']}: activity dropped", "Suggested: check in",
                data={"user_id": flagged["id"]}, dedupe_key=f"alert:test:{me}")])
        assert await notifications.publish_live(rt) >= 1  # the worker's publisher, run now
        await expect(page.get_by_test_id("alerts-live")).to_have_text(
            f"New alert: {flagged['display_name']}: activity dropped. Show it", timeout=15_000)
        alert = page.get_by_test_id("alert").filter(has_text=flagged["display_name"]).first
        await alert.get_by_test_id("alert-check_in").click()  # htmx: the card is replaced in place
        await expect(page.get_by_test_id("alert-done")).to_contain_text(flagged["display_name"])
        acted = (
            await http.get("/api/v1/alerts", headers=admin_api, params={"user_id": flagged["id"]})
        ).json()["items"]
        assert acted[0]["status"] == "acted" and acted[0]["actions"][0]["action"] == "check_in"
        logged = (await http.get("/api/v1/audit", headers=admin_api, params={"kind": "alert"})).json()["entries"]
        assert [(e["action"], e["after"]["status"]) for e in logged] == [("check_in", "acted")]

        # a team, then a rep in it (a bad email first: the message is beside the field)
        team_name = unique("Harbour ")
        await page.goto(f"{base}/admin/teams")
        await page.get_by_label("Team name").fill(team_name)
        await page.get_by_label("Region (optional)").fill("Coast")
        await page.get_by_role("button", name="Create team").click()
        await expect(page.get_by_test_id("teams-table")).to_contain_text(team_name)
        await check_page(page, "04-teams")
        team_id = next(
            t["id"]
            for t in (await http.get("/api/v1/teams", headers=admin_api)).json()["items"]
            if t["name"] == team_name
        )

        await page.goto(f"{base}/admin/reps")
        await check_page(page, "03-reps")
        await page.get_by_label("Search by name or email").fill(flagged["display_name"])  # htmx: no reload
        await expect(page.get_by_test_id("reps-table").locator("tbody tr")).to_have_count(1)
        assert "q=" in page.url
        await page.get_by_test_id("new-rep").click()
        await page.get_by_label("Name").fill("Robin Reed")
        await page.get_by_label("Email").fill("robin-at-nowhere")
        await page.get_by_label("First password").fill(PASSWORD)
        await page.get_by_label("Team").select_option(str(team_id))
        await page.get_by_role("button", name="Create").click()
        await expect(page.get_by_test_id("error-email")).to_be_visible()
        assert await page.get_by_label("Email").get_attribute("aria-invalid") == "true"
        await check_page(page, "05-rep-form-error")
        rep_email = f"{unique('robin')}@example.com"
        await page.get_by_label("Email").fill(rep_email)
        await page.get_by_label("First password").fill(PASSWORD)
        await page.get_by_role("button", name="Create").click()
        await expect(page.get_by_test_id("rep-name")).to_have_text("Robin Reed")
        rep_id = int(page.url.split("/admin/reps/")[1].split("?")[0])
        await check_page(page, "06-rep")

        # two more reps from a CSV file: the preview names a bad row, the fixed file creates both
        await page.goto(f"{base}/admin/reps")
        await page.get_by_test_id("import-reps").click()
        kim, lou = f"{unique('kim')}@example.com", f"{unique('lou')}@example.com"
        bad = f"email,display_name,team\n{kim},Kim Park,{team_name}\nlou-at-nowhere,Lou Hart,{team_name}\n"
        await page.get_by_label("CSV file").set_input_files(
            files=[{"name": "reps.csv", "mimeType": "text/csv", "buffer": bad.encode()}]
        )
        await page.get_by_role("button", name="Preview").click()
        await expect(page.get_by_test_id("import-summary")).to_have_text("2 rows: 1 ready, 1 with errors.")
        await check_page(page, "06a-import-preview")
        good = bad.replace("lou-at-nowhere", lou)
        await page.get_by_label("CSV file").set_input_files(
            files=[{"name": "reps.csv", "mimeType": "text/csv", "buffer": good.encode()}]
        )
        await page.get_by_role("button", name="Preview").click()
        await page.get_by_role("button", name="Create 2 users").click()
        await expect(page.get_by_test_id("import-done")).to_have_text("2 users created.")
        await expect(page.get_by_test_id("import-passwords").locator("code")).to_have_count(2)

        # an activity type: a new rule version, with its history
        await page.goto(f"{base}/admin/activity-types")
        await check_page(page, "07-activity-types")
        for who, emails in ((reps[0], 5), (reps[1], 2)):  # this week's emails, for the preview to move
            r = await http.post(
                "/api/v1/activities",
                headers=admin_api,
                json={"type": "email", "user_id": who["id"], "quantity": emails},
            )
            assert r.status_code == 201, r.text
        await page.goto(f"{base}/admin/activity-types/email")
        points = page.get_by_label("Points per unit", exact=True)
        await points.fill(str(int(await points.input_value()) + 1))
        await page.get_by_role("button", name="Preview on this week's board").click()
        await expect(page.get_by_test_id("preview-table")).to_contain_text(reps[0]["display_name"])
        await check_page(page, "08a-activity-type-preview")
        await page.get_by_role("button", name="Save as a new version").click()
        await expect(page.get_by_test_id("type-history")).to_contain_text("points")
        await check_page(page, "08-activity-type")

        # a contest for the new team: create, launch, watch the standings move live
        await page.goto(f"{base}/admin/contests")
        await page.get_by_test_id("new-contest").click()
        await check_page(page, "09-contest-new")
        await page.get_by_label("Name", exact=True).fill("Harbour call sprint")
        await page.get_by_label("Format").select_option("bracketed")
        await page.get_by_label("Divisions").fill("2")
        await page.get_by_role("button", name="Next").click()
        await page.get_by_label("What counts").select_option("call")
        await page.get_by_role("button", name="Next").click()
        await page.get_by_label("Who takes part").select_option(f"team:{team_id}")
        await page.get_by_role("button", name="Next").click()
        await page.get_by_role("button", name="Next").click()  # the dates: this week
        await page.get_by_label("Points for 1st place").fill("50")
        await page.get_by_role("button", name="Next").click()
        await expect(page.get_by_test_id("lineup-summary")).to_contain_text("3 participants")
        await expect(page.get_by_test_id("lineup").locator("tbody tr")).to_have_count(3)
        await check_page(page, "09a-contest-preview")
        await page.get_by_role("button", name="Create draft").click()
        await expect(page.get_by_test_id("contest-state")).to_have_text("draft")
        await page.get_by_test_id("launch").click()
        await expect(page.get_by_test_id("contest-state")).to_have_text("live")
        await expect(page.get_by_test_id("board-status")).to_have_text("Live", timeout=15_000)
        r = await http.post(
            "/api/v1/activities", headers=admin_api, json={"type": "call", "user_id": rep_id, "quantity": 3}
        )
        assert r.status_code == 201, r.text
        row = page.locator(f'#live-board li[data-user-id="{rep_id}"] .score')
        await expect(row).to_have_text("3", timeout=15_000)  # no reload: a delta from the game server
        assert await page.get_by_test_id("standings").get_attribute("data-updates")
        await check_page(page, "10-contest-live")
        contest_id = int(page.url.rsplit("/", 1)[1])
        await page.reload()
        await page.locator(f'[data-testid="explanations"] details[data-user-id="{rep_id}"] summary').click()
        await expect(page.get_by_test_id("explanations")).to_contain_text("3 call (count) from 1 activity")
        await check_page(page, "10a-contest-explained")
        csv_r = await page.request.get(f"{base}/admin/contests/{contest_id}/results.csv")
        assert csv_r.status == 200 and rep_email in await csv_r.text()

        # a redemption to approve
        reward = (
            await http.post("/api/v1/rewards", headers=admin_api, json={"name": unique("Coffee "), "cost": 1})
        ).json()
        rep_api = await api_login(http, rep_email)
        asked = await http.post(f"/api/v1/rewards/{reward['id']}/redeem", headers=rep_api)
        assert asked.status_code == 201, asked.text
        await page.goto(f"{base}/admin/rewards")
        await check_page(page, "11-rewards")
        await (
            page.get_by_test_id("redemption")
            .filter(has_text=reward["name"])
            .get_by_test_id("approve")
            .click()
        )
        await page.wait_for_url(f"{base}/admin/rewards?state=pending")
        got = (await http.get(f"/api/v1/redemptions/{asked.json()['id']}", headers=admin_api)).json()
        assert got["state"] == "approved"
        # ... and refund it: the point comes back through the ledger
        before = (await http.get("/api/v1/me/wallet", headers=rep_api)).json()["balance"]
        await page.goto(f"{base}/admin/rewards?state=approved")
        await (
            page.get_by_test_id("redemption").filter(has_text=reward["name"]).get_by_test_id("refund").click()
        )
        await page.wait_for_url(f"{base}/admin/rewards?state=approved")
        got = (await http.get(f"/api/v1/redemptions/{asked.json()['id']}", headers=admin_api)).json()
        assert got["state"] == "refunded"
        assert (await http.get("/api/v1/me/wallet", headers=rep_api)).json()["balance"] == before + 1

        # a display: its pairing code, its boards chosen and ordered, its preview
        await page.goto(f"{base}/admin/displays")
        await page.get_by_label("Name").fill("Harbour TV")
        await page.get_by_role("button", name="Create").click()
        await expect(page.get_by_test_id("pairing-code")).to_be_visible()
        code = (await page.get_by_test_id("pairing-code").inner_text()).strip()
        add = page.get_by_test_id("board-add")
        await add.get_by_label("Period").select_option("month")
        await add.get_by_role("button", name="Add board").click()
        await expect(page.get_by_test_id("board-item")).to_have_count(4)
        await page.get_by_role("button", name="Up: Points · Whole org (4)").click()
        await expect(page.get_by_test_id("board-item").nth(2)).to_contain_text("month")
        await expect(page.get_by_test_id("preview-board")).to_have_count(4)
        await expect(
            page.get_by_test_id("preview-board").first.get_by_test_id("preview-row").first
        ).to_be_visible()
        await check_page(page, "12-display")
        rows_js = "rows => rows.map(r => [...r.children].map(c => c.textContent.trim()))"
        previewed = (
            await page.get_by_test_id("preview-board")
            .first.locator("[data-testid=preview-row]")
            .evaluate_all(rows_js)
        )
        # pair it: the TV in a browser of its own, the code typed as shown in the admin
        tv_ctx = await browser.new_context(viewport={"width": 1280, "height": 720})
        tv = await tv_ctx.new_page()
        await tv.goto(f"{base}/tv")
        await tv.get_by_test_id("pair-code").fill(code)
        await tv.get_by_test_id("pair-submit").click()
        await expect(tv.get_by_test_id("status")).to_have_text("● Live", timeout=15_000)
        await expect(tv.get_by_test_id("title")).to_have_text("Points")
        await expect(tv.get_by_test_id("row").first).to_be_visible(timeout=15_000)
        shown = await tv.locator("[data-testid=row]").evaluate_all(rows_js)
        assert shown == previewed and previewed, (shown, previewed)  # the preview is what the TV shows
        await tv.screenshot(path=str(SHOTS / "12-display-paired-tv.png"))
        await tv_ctx.close()
        await page.reload()
        await expect(page.get_by_test_id("display-status")).to_have_text("paired")
        await page.goto(f"{base}/admin/displays")
        await expect(page.get_by_test_id("displays-table")).to_contain_text("Harbour TV")
        await check_page(page, "12-displays")

        # the audit log says who did all that
        await page.goto(f"{base}/admin/audit")
        await page.get_by_label("What").select_option("contest")
        await page.get_by_role("button", name="Filter").click()
        await expect(page.get_by_test_id("audit-table")).to_contain_text("launch contest")
        await check_page(page, "13-audit-log")

        # settings: a wrong time zone is explained beside its field
        await page.goto(f"{base}/admin/settings")
        await check_page(page, "14-settings")
        tz = page.get_by_label("Time zone (IANA, e.g. America/Chicago)")
        kept = await tz.input_value()
        await tz.fill("Mars/Olympus")
        await page.get_by_test_id("org-form").get_by_role("button", name="Save").click()
        await expect(page.get_by_test_id("error-timezone")).to_contain_text("IANA")
        assert (await http.get("/api/v1/org", headers=admin_api)).json()["timezone"] == kept
        # ... and a kudos limit out of bounds beside its own
        kudos_form = page.get_by_test_id("kudos-form")
        await kudos_form.get_by_label("Kudos one person may give per hour").fill("0")
        await kudos_form.get_by_role("button", name="Save").click()
        await expect(page.get_by_test_id("error-per_hour")).to_contain_text("between 1 and 1000")
        await check_page(page, "14-settings-error")

        # targets: the grid with the suggestions, edit in place (htmx), a bad value beside its cell
        await page.goto(f"{base}/admin/targets")
        await expect(page.get_by_test_id("targets-grid")).to_be_visible()
        cell = page.get_by_test_id(f"cell-{rep_id}-points")
        await cell.get_by_role("textbox").fill("lots")
        await cell.get_by_role("button").click()
        await expect(
            page.get_by_test_id(f"cell-{rep_id}-points").get_by_test_id("error-value")
        ).to_be_visible()
        await (
            page.get_by_test_id(f"cell-{rep_id}-points")
            .get_by_test_id("error-value")
            .evaluate("e => e.scrollIntoView({block: 'center'})")
        )
        await check_page(page, "17-targets-error")
        # afresh: axe leaves style="" on nodes it measured, and htmx's settle would copy it (CSP)
        await page.goto(f"{base}/admin/targets")
        cell = page.get_by_test_id(f"cell-{rep_id}-points")
        await cell.get_by_role("textbox").fill("25")
        await cell.get_by_role("button").click()
        await expect(page.get_by_test_id(f"cell-{rep_id}-points")).to_contain_text("saved")
        got = (
            await http.get(
                "/api/v1/targets", headers=admin_api, params={"metric": "points", "period": "week"}
            )
        ).json()
        assert next(e for e in got["entries"] if e["user_id"] == rep_id)["target"] == 25
        await page.get_by_role("button", name="Accept all suggestions").click()
        await expect(page.get_by_role("status").first).to_contain_text("Saved")
        await check_page(page, "16-targets")

        # integrations: connect a signed webhook source, its secret shown this once
        await page.goto(f"{base}/admin/integrations")
        await page.get_by_label("Source", exact=True).select_option("standard_webhooks")
        await page.get_by_label("Name", exact=True).fill("Harbour dialer")
        await page.get_by_role("button", name="Connect").click()
        secret = await page.get_by_test_id("signing-secret").inner_text()
        hook_url = await page.get_by_test_id("webhook-url").inner_text()
        assert secret.startswith("whsec_")
        await check_page(page, "18-integration-created")
        body = json.dumps(
            {
                "type": "activity.upsert",
                "data": {
                    "external_id": unique("dial-"),
                    "activity_type": "call",
                    "owner": {"crm_owner_id": "ext-42"},
                },
            }
        ).encode()
        msg_id = unique("msg_")
        sent_at = datetime.now(UTC)
        signature = Webhook(secret).sign(msg_id, sent_at, body)
        r = await http.post(
            httpx.URL(hook_url).path,
            content=body,
            headers={
                "webhook-id": msg_id,
                "webhook-timestamp": str(int(sent_at.timestamp())),
                "webhook-signature": signature,
                "content-type": "application/json",
            },
        )
        assert r.status_code == 200, r.text
        while await inbox.drain(rt):
            pass
        await page.goto(f"{base}/admin/integrations")
        assert secret not in await page.content()  # never shown again
        owners = page.locator("section").filter(has_text="ext-42")
        await expect(owners).to_be_visible()
        await check_page(page, "19-integrations")
        await owners.get_by_label("Rep for CRM owner ext-42").select_option(str(rep_id))
        await owners.get_by_role("button", name="Map").click()
        await page.wait_for_url(f"{base}/admin/integrations")
        await expect(page.locator("section").filter(has_text="ext-42")).to_have_count(0)

        # chat: a Slack channel for wins; its URL is typed once and shown only as its last 4 characters
        chat_url = "https://hooks.slack.com/services/T0001/B0002/WalkSecretHook9Q2z"
        await page.get_by_label("Chat", exact=True).select_option("slack")
        await page.get_by_label("Channel name").fill("#floor-wins")
        await page.get_by_label("Webhook URL", exact=False).fill(chat_url)
        await page.get_by_label("Gold").check()
        await page.get_by_label("Messages an hour at most", exact=False).fill("12")
        await page.get_by_role("button", name="Add chat channel").click()
        await page.wait_for_url(f"{base}/admin/integrations")
        chat_row = page.get_by_test_id("chat-table").locator("tr").filter(has_text="#floor-wins")
        await expect(chat_row).to_contain_text("URL ending …9Q2z")
        await expect(chat_row).to_contain_text("12 an hour")
        assert "WalkSecretHook" not in await page.content()
        await page.get_by_test_id("chat").scroll_into_view_if_needed()
        await check_page(page, "20-chat-channels")

        # a manager: their team only, no admin pages, nothing of another org
        demo_manager = await api_login(http, demo.MANAGER_EMAIL, demo.PASSWORD)
        me = (await http.get("/api/v1/users", headers=admin_api, params={"role": "manager"})).json()["items"]
        manager_team = next(u["team_id"] for u in me if u["email"] == demo.MANAGER_EMAIL)
        del demo_manager
        other_rep = next(u for u in reps if u["team_id"] != manager_team)
        stranger_org = await new_org(http)
        stranger = await stranger_org.user("rep")
        mctx = await browser.new_context(viewport={"width": 1024, "height": 768})  # a tablet
        mpage = await mctx.new_page()
        await sign_in(mpage, base, demo.MANAGER_EMAIL, demo.PASSWORD)
        await check_page(mpage, "15-manager-overview-tablet")
        for path, status in (
            (f"/admin/reps/{other_rep['id']}", 404),
            (f"/admin/reps/{stranger.user_id}", 404),
            ("/admin/audit", 403),
            ("/admin/teams", 403),
            ("/admin/displays", 403),
            ("/admin/integrations", 403),
        ):
            r = await mpage.goto(f"{base}{path}")
            assert r is not None and r.status == status, path
        await mpage.goto(f"{base}/admin/reps")
        nav = await mpage.get_by_role("navigation", name="Admin sections").inner_text()
        assert "Audit log" not in nav and "Teams" not in nav and "Integrations" not in nav
        await mpage.goto(f"{base}/admin/targets")  # their own team's reps only
        assert await mpage.get_by_test_id(f"cell-{other_rep['id']}-points").count() == 0
        await mctx.close()

        # sign out: the session is dead, the old cookie opens nothing
        await page.goto(f"{base}/admin/")
        await page.get_by_test_id("sign-out").click()
        await page.wait_for_url(f"{base}/admin/login")
        ctx2 = await browser.new_context()
        await ctx2.add_cookies([{**cookie}])
        p2 = await ctx2.new_page()
        await p2.goto(f"{base}/admin/reps")
        assert "/admin/login" in p2.url
        await ctx2.close()
        assert not errors, errors
        await browser.close()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "paint.json").write_text(json.dumps(PAINTS, indent=1))
