"""Liveness and readiness probes."""

from __future__ import annotations

from server.features import make_runtime
from tests.conftest import make_settings
from tests.support.boards import app_client


async def test_healthz_and_readyz(client):
    r = await client.get("/healthz")
    assert (r.status_code, r.json()) == (200, {"status": "ok"})
    r = await client.get("/readyz")
    assert (r.status_code, r.json()) == (200, {"status": "ok", "database": "ok", "redis": "ok"})


async def test_readyz_is_503_when_the_database_does_not_answer(redis_url):
    rt = make_runtime(make_settings("postgresql://postgres@127.0.0.1:1/nowhere", redis_url))
    try:
        async with app_client(rt) as c:
            assert (await c.get("/healthz")).status_code == 200
            r = await c.get("/readyz")
    finally:
        await rt.close()
    body = r.json()
    assert r.status_code == 503
    assert (body["status"], body["redis"]) == ("unavailable", "ok")
    assert body["database"] == "error: ConnectionRefusedError"
