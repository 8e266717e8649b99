"""The API's own HTTP server (issue 15 item 9): a real uvicorn with the options `reprally api`
uses (server/core/edge/http_server.py): no banner, a bound on the request line and headers,
idle keep-alive connections closed, 503 beyond the concurrency limit."""

from __future__ import annotations

import asyncio

import pytest
import uvicorn
from websockets.asyncio.client import connect

import server.cli
from server.app import create_app
from server.core.edge.http_server import BoundedHttpTools, uvicorn_options
from server.core.settings import get_settings
from server.features import make_runtime
from tests.conftest import free_port, make_settings

LIMITS = dict(api_max_header_bytes=4096, api_keep_alive_s=1, api_max_concurrency=3)


@pytest.fixture(scope="module")
async def api_port(database_url, redis_url):
    settings = make_settings(database_url, redis_url, **LIMITS)
    rt = make_runtime(settings)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(rt=rt, background=False), host="127.0.0.1", port=port,
                                           log_level="warning", **uvicorn_options(settings)))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.05)
    yield port
    server.should_exit = True
    await task
    await rt.close()


async def exchange(port: int, request: bytes, *, keep: bool = False):
    """Send a raw request; (status line, header block, the open connection when `keep`)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(request)
    await writer.drain()
    async with asyncio.timeout(5):
        head = await reader.readuntil(b"\r\n\r\n")
    status, _, headers = head.decode("latin-1").partition("\r\n")
    if keep:
        return status, headers.lower(), (reader, writer)
    writer.close()
    return status, headers.lower(), None


def get(path: str = "/healthz", extra: str = "") -> bytes:
    return f"GET {path} HTTP/1.1\r\nhost: test\r\n{extra}\r\n".encode()


async def test_no_server_banner(api_port):
    status, headers, _ = await exchange(api_port, get())
    assert status == "HTTP/1.1 200 OK"
    assert "server:" not in headers and "uvicorn" not in headers


async def test_the_game_server_sends_no_banner_either(game_server):
    async with connect(game_server) as ws:
        assert ws.response.status_code == 101
        assert "server" not in {name.lower() for name in ws.response.headers}


async def test_headers_beyond_the_limit_are_refused_and_the_connection_closed(api_port):
    status, _, _ = await exchange(api_port, get(extra=f"x-pad: {'a' * 3000}\r\n"))
    assert status == "HTTP/1.1 200 OK"
    status, headers, conn = await exchange(api_port, get(extra=f"x-pad: {'a' * 5000}\r\n"), keep=True)
    assert status.startswith("HTTP/1.1 400") and "connection: close" in headers
    reader, writer = conn
    async with asyncio.timeout(5):  # the server closes it: read() returns at its end
        await reader.read()
    assert reader.at_eof()
    writer.close()
    # many small headers add up
    status, _, _ = await exchange(api_port, get(extra="".join(f"x-h{i}: {'b' * 90}\r\n" for i in range(60))))
    assert status.startswith("HTTP/1.1 400")
    status, _, _ = await exchange(api_port, get(path="/healthz?" + "q" * 5000))  # the request line counts
    assert status.startswith("HTTP/1.1 400")


async def test_idle_keep_alive_connections_are_closed(api_port):
    status, _, (reader, writer) = await exchange(api_port, get(), keep=True)
    assert status == "HTTP/1.1 200 OK"
    async with asyncio.timeout(LIMITS["api_keep_alive_s"] + 3):
        while await reader.read(1024):
            pass
    assert reader.at_eof()
    writer.close()


async def test_beyond_the_concurrency_limit_a_request_gets_503(api_port):
    held = []
    try:
        for _ in range(LIMITS["api_max_concurrency"]):
            reader, writer = await asyncio.open_connection("127.0.0.1", api_port)
            held.append(writer)
        await asyncio.sleep(0.1)
        status, _, _ = await exchange(api_port, get())
        assert status.startswith("HTTP/1.1 503")
    finally:
        for w in held:
            w.close()
    await asyncio.sleep(0.2)
    assert (await exchange(api_port, get()))[0] == "HTTP/1.1 200 OK"


def test_reprally_api_runs_uvicorn_with_these_options(monkeypatch):
    """`server/cli.py` passes the options (the server itself is exercised above)."""
    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw, app=app))
    monkeypatch.setenv("JWT_SECRET", "cli-" + "s" * 40)
    monkeypatch.setenv("API_MAX_HEADER_BYTES", "8192")
    get_settings.cache_clear()
    try:
        server.cli.main(["api", "--port", "8123"])
    finally:
        get_settings.cache_clear()
    assert seen["app"] == "server.app:app" and seen["port"] == 8123
    assert seen["server_header"] is False and seen["http"] is BoundedHttpTools
    assert seen["h11_max_incomplete_event_size"] == 8192 and seen["proxy_headers"] is False
    assert seen["limit_concurrency"] == 1000 and seen["timeout_keep_alive"] == 5
