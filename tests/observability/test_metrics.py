"""Prometheus metrics (docs/observability.md): the API's /metrics and who may read it, the request
metrics by route template, the activity outcomes, the worker's jobs and queue depths, the game
server's websockets, and the /metrics port of the game server and the worker."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta

import httpx
import pytest

from server.app import create_app
from server.core.observability import exporter, metrics
from server.core.runtime import Job
from server.worker import run_worker
from server.worker_gauges import sample
from tests.conftest import free_port, make_settings
from tests.support.contract import client_of
from tests.support.realtime import eventually


def value(text: str, name: str, **labels: str) -> float:
    """The sample `name{labels}` of an exposition (0 when absent)."""
    for line in text.splitlines():
        if line.startswith("#") or not line.startswith(name):
            continue
        head, _, num = line.rpartition(" ")
        got = dict(re.findall(r'(\w+)="([^"]*)"', head))
        if head.split("{")[0] == name and all(got.get(k) == v for k, v in labels.items()):
            return float(num)
    return 0.0


async def scrape(client: httpx.AsyncClient) -> str:
    r = await client.get("/metrics")
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/plain")
    return r.text


async def test_requests_are_counted_by_route_template_and_status(client, org):
    rep = await org.user("rep")
    before = await scrape(client)
    await org.ok("get", f"/users/{rep.user_id}")
    assert (await client.get("/api/v1/no-such-thing")).status_code == 404
    after = await scrape(client)
    route = "/api/v1/users/{user_id}"
    assert (
        value(after, "reprally_http_requests_total", method="GET", route=route, status="200")
        == value(before, "reprally_http_requests_total", method="GET", route=route, status="200") + 1
    )
    assert (
        value(after, "reprally_http_request_duration_seconds_count", method="GET", route=route, status="200")
        >= 1
    )
    assert value(after, "reprally_http_requests_total", route="unmatched", status="404") >= 1
    # bounded labels: no raw path (ids) ever becomes a route
    routes = set(re.findall(r'route="([^"]*)"', after))
    assert f"/api/v1/users/{rep.user_id}" not in routes and "/api/v1/no-such-thing" not in routes
    assert all(r == "unmatched" or r.startswith("/") for r in routes)


async def test_activities_accepted_duplicate_and_rejected(client, org):
    before = await scrape(client)
    await org.log("call", external_id="obs-ext-1")
    await org.log("call", external_id="obs-ext-1")  # the same external id: a duplicate
    r = await org.post("/activities", {"type": "no_such_type"})
    assert r.status_code in (400, 404, 422), r.text
    after = await scrape(client)

    def delta(outcome: str) -> float:
        return value(after, "reprally_activities_total", outcome=outcome) - value(
            before, "reprally_activities_total", outcome=outcome
        )

    assert (delta("accepted"), delta("duplicate"), delta("rejected")) == (1, 1, 1)
    assert value(after, "reprally_board_apply_lag_seconds_count", path="live") >= 1


async def test_metrics_token_guards_the_endpoint(rt, database_url, redis_url):
    settings = make_settings(database_url, redis_url, metrics_token="scrape-" + "s" * 24)
    app = create_app(settings=settings, rt=rt, background=False)
    app.state.rt = rt
    async with client_of(app) as c:
        assert (await c.get("/metrics")).status_code == 401
        assert (await c.get("/metrics", headers={"authorization": "Bearer wrong"})).status_code == 401
        assert (await c.get("/metrics", headers={"authorization": "Basic " + "s" * 24})).status_code == 401
        r = await c.get("/metrics", headers={"authorization": f"Bearer {settings.metrics_token}"})
        assert r.status_code == 200 and "reprally_http_requests_total" in r.text


async def test_metrics_can_be_switched_off(rt, database_url, redis_url):
    """METRICS_ENABLED=false: no request metrics (the overhead benchmark's "off" side)."""
    app = create_app(
        settings=make_settings(database_url, redis_url, metrics_enabled=False), rt=rt, background=False
    )
    app.state.rt = rt
    async with client_of(app) as c:
        before = value(
            await scrape(c), "reprally_http_requests_total", method="GET", route="/healthz", status="200"
        )
        assert (await c.get("/healthz")).status_code == 200
        after = value(
            await scrape(c), "reprally_http_requests_total", method="GET", route="/healthz", status="200"
        )
        assert after == before


async def test_worker_jobs_runs_failures_and_last_success(rt):
    runs = {"ok": 0, "bad": 0}

    async def good(_rt) -> None:
        runs["ok"] += 1

    async def bad(_rt) -> None:
        runs["bad"] += 1
        raise RuntimeError("boom")

    ok_before = metrics.JOB_RUNS.labels("obs_good")._value.get()
    fail_before = metrics.JOB_FAILURES.labels("obs_bad")._value.get()
    stop = asyncio.Event()
    task = asyncio.create_task(
        run_worker(rt, stop, jobs=[Job("obs_good", 0.05, good), Job("obs_bad", 0.05, bad)], sync=False)
    )
    await eventually(lambda: runs["ok"] >= 2 and runs["bad"] >= 2)
    stop.set()
    await task
    text, _ = metrics.render()
    page = text.decode()
    assert value(page, "reprally_job_runs_total", job_name="obs_good") >= ok_before + 2
    assert value(page, "reprally_job_failures_total", job_name="obs_bad") >= fail_before + 2
    assert value(page, "reprally_job_failures_total", job_name="obs_good") == 0
    assert value(page, "reprally_job_last_success_timestamp_seconds", job_name="obs_good") > 1.7e9
    assert value(page, "reprally_job_last_success_timestamp_seconds", job_name="obs_bad") == 0


async def test_the_worker_samples_queue_depths(rt, client, org):
    await org.log("call")
    metrics.BOARD_PENDING.set(-1)
    metrics.OUTBOX_DEPTH.set(-1)
    metrics.CRM_PENDING.set(-1)
    await sample(rt)
    page = metrics.render()[0].decode()
    for name in (
        "reprally_board_pending_rows",
        "reprally_push_outbox_pending",
        "reprally_crm_events_pending",
    ):
        assert value(page, name) >= 0, name


async def test_websocket_metrics(client, org, game_server, ws):
    before = metrics.render()[0].decode()
    c = await ws(game_server, org.token)
    await c.send(op="subscribe", channel="lb:points:week:org")
    await c.until(lambda f: f.get("type") in ("snapshot", "subscribed"))
    mid = metrics.render()[0].decode()
    assert value(mid, "reprally_ws_connections") == value(before, "reprally_ws_connections") + 1
    assert value(mid, "reprally_ws_subscriptions") == value(before, "reprally_ws_subscriptions") + 1
    assert (
        value(mid, "reprally_ws_connections_opened_total")
        >= value(before, "reprally_ws_connections_opened_total") + 1
    )
    assert value(mid, "reprally_ws_frames_sent_total") >= value(before, "reprally_ws_frames_sent_total") + 1
    await org.log("call")  # a live delta through pub/sub: fan-out timed
    await c.until(lambda f: f.get("type") == "delta", wait_s=10)
    await eventually(
        lambda: (
            value(metrics.render()[0].decode(), "reprally_ws_delivery_seconds_count")
            > value(before, "reprally_ws_delivery_seconds_count")
        )
    )
    await c.ws.close()
    await eventually(
        lambda: (
            value(metrics.render()[0].decode(), "reprally_ws_connections")
            == value(before, "reprally_ws_connections")
        )
    )
    assert value(metrics.render()[0].decode(), "reprally_ws_subscriptions") == value(
        before, "reprally_ws_subscriptions"
    )


@pytest.mark.parametrize("token", ["", "port-token-" + "t" * 24])
async def test_the_metrics_port_of_the_game_server_and_worker(token):
    port = free_port()
    async with exporter.serving("127.0.0.1", port, token, "test") as bound:
        assert bound == port
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=5) as c:
            headers = {"authorization": f"Bearer {token}"} if token else {}
            r = await c.get("/metrics", headers=headers)
            assert r.status_code == 200 and "reprally_ws_connections" in r.text
            assert r.headers["content-type"].startswith("text/plain")
            assert (await c.get("/other", headers=headers)).status_code == 404
            assert (await c.post("/metrics", headers=headers)).status_code == 404
            if token:
                assert (await c.get("/metrics")).status_code == 401
                assert (await c.get("/metrics", headers={"authorization": "Bearer nope"})).status_code == 401
    async with exporter.serving("127.0.0.1", 0, token, "off") as bound:
        assert bound is None


async def test_crm_signature_failures_outcomes_and_lag(rt, client, org):
    from tests.integrations.support import drain, std_integration

    sender = await std_integration(org)
    rep = await org.user()
    email = (await rep.ok("get", "/me"))["user"]["email"]
    before = metrics.render()[0].decode()
    kind = "standard_webhooks"
    good_secret = sender.secret
    sender.secret = "whsec_" + "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE="
    assert (await sender.upsert("obs-sig", owner={"email": email})).status_code == 401
    sender.secret = good_secret
    assert (await sender.upsert("obs-done", owner={"email": email})).status_code == 200
    assert (await sender.upsert("obs-nobody", owner={"email": "nobody-obs@example.com"})).status_code == 200
    await drain(rt)
    after = metrics.render()[0].decode()

    def delta(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert delta("reprally_crm_signature_failures_total", kind=kind) == 1
    assert delta("reprally_crm_events_total", kind=kind, status="done") == 1
    assert delta("reprally_crm_events_total", kind=kind, status="unmatched") == 1
    assert delta("reprally_crm_event_lag_seconds_count", kind=kind) >= 1


async def test_push_results_are_counted_by_fcm_code():
    from server.notifications import fcm, push

    unit = push._Unit(rows=[], title="t", body="b", data={}, collapse="c", ttl=timedelta(1), devices=[])
    device = type("D", (), {"id": 1})()
    before = metrics.render()[0].decode()
    push._record(unit, device, fcm.Outcome(True))
    push._record(unit, device, fcm.Outcome(False, "unregistered", "gone"))
    push._record(unit, device, fcm.Outcome(False, "quota_exceeded", "slow down", 5.0))
    after = metrics.render()[0].decode()
    for result in ("ok", "unregistered", "quota_exceeded"):
        assert (
            value(after, "reprally_push_results_total", result=result)
            == value(before, "reprally_push_results_total", result=result) + 1
        )
