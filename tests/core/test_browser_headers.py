"""What browsers are told (issue 15 item 18, server/core/edge/headers.py): nosniff and a
referrer policy on every response, a Content-Security-Policy and X-Frame-Options on HTML pages,
CORS off unless CORS_ORIGINS names origins. (The TV still works under its policy:
tests/displays/test_tv_browser.py runs it in Chromium.)"""

from __future__ import annotations

import httpx
import pytest

from server.app import create_app
from server.core.edge.headers import realtime_origins
from tests.conftest import make_settings, new_org

ADMIN_ORIGIN = "https://admin.example.com"


def assert_always(r: httpx.Response) -> None:
    assert r.headers["x-content-type-options"] == "nosniff", (r.request.url, r.headers)
    assert r.headers["referrer-policy"] == "no-referrer", r.request.url


async def test_every_response_carries_nosniff_and_a_referrer_policy(client):
    admin = await new_org(client)
    responses = [
        await client.get("/healthz"),
        await admin.get("/org"),                                        # JSON
        await client.get("/api/v1/org"),                                # 401
        await admin.get("/users/999999999"),                            # 404 from a handler
        await client.get("/api/v1/no-such-thing"),                      # 404 from the router
        await client.post("/api/v1/auth/login", content=b"{oops"),     # 400
        await client.delete("/api/v1/org", headers=admin.headers),      # 405
        await client.get("/tv/tv.js"),                                  # a static file
        await client.get("/schema/openapi.json"),
    ]
    assert [r.status_code for r in responses] == [200, 200, 401, 404, 404, 400, 405, 200, 200]
    for r in responses:
        assert_always(r)
        assert "content-security-policy" not in r.headers and "x-frame-options" not in r.headers


async def test_the_tv_page_has_a_strict_policy_and_cannot_be_framed(client, settings):
    r = await client.get("/tv/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert_always(r)
    assert r.headers["x-frame-options"] == "DENY"
    csp = dict(part.strip().split(" ", 1) for part in r.headers["content-security-policy"].split(";"))
    assert csp["default-src"] == "'none'" and csp["script-src"] == "'self'" and csp["style-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'" and csp["base-uri"] == "'none'"
    port = settings.realtime_port
    assert csp["connect-src"] == f"'self' ws://test:{port} wss://test:{port}"  # the game server, nothing else
    assert "unsafe" not in r.headers["content-security-policy"]


async def test_the_api_docs_page_has_a_policy_too(client):
    r = await client.get("/schema/swagger")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert_always(r)
    assert r.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    assert "connect-src 'self'" in r.headers["content-security-policy"]


def test_the_realtime_origin_follows_public_realtime_url(settings):
    public = make_settings("sqlite://", "redis://", public_realtime_url="wss://live.example.com/ws")
    assert realtime_origins(public, "api.example.com") == "wss://live.example.com"
    assert realtime_origins(settings, "[::1]:8000") == f"ws://[::1]:{settings.realtime_port} wss://[::1]:{settings.realtime_port}"


async def preflight(client: httpx.AsyncClient, origin: str) -> httpx.Response:
    return await client.options("/api/v1/org", headers={
        "origin": origin, "access-control-request-method": "GET",
        "access-control-request-headers": "authorization"})


async def test_cors_is_off_by_default(client):
    admin = await new_org(client)
    r = await preflight(client, ADMIN_ORIGIN)
    assert "access-control-allow-origin" not in r.headers
    r = await client.get("/api/v1/org", headers={**admin.headers, "origin": ADMIN_ORIGIN})
    assert r.status_code == 200 and "access-control-allow-origin" not in r.headers


@pytest.fixture(scope="module")
async def cors_client(rt, database_url, redis_url):
    app = create_app(make_settings(database_url, redis_url, cors_origins=f"{ADMIN_ORIGIN}, https://b.example.com"),
                     rt=rt, background=False)
    app.state.rt = rt
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as c:
        yield c


async def test_cors_allows_the_named_origins_only(cors_client):
    admin = await new_org(cors_client)
    r = await preflight(cors_client, ADMIN_ORIGIN)
    assert r.status_code in (200, 204) and r.headers["access-control-allow-origin"] == ADMIN_ORIGIN
    assert "authorization" in r.headers["access-control-allow-headers"].lower()
    r = await cors_client.get("/api/v1/org", headers={**admin.headers, "origin": ADMIN_ORIGIN})
    assert r.headers["access-control-allow-origin"] == ADMIN_ORIGIN
    assert_always(r)
    for stranger in ("https://evil.example.com", "null"):
        r = await preflight(cors_client, stranger)
        assert r.headers.get("access-control-allow-origin") in (None, "")
        r = await cors_client.get("/api/v1/org", headers={**admin.headers, "origin": stranger})
        assert "access-control-allow-origin" not in r.headers
