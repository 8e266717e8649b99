"""The production shape (issue 15 item 9): docker-compose.yml puts an nginx reverse proxy
(deploy/nginx.conf) in front of the API and the game server. No Docker engine runs here, so the
compose file is checked as YAML, and the nginx config is run for real by Debian's nginx (when
installed; .ci/run installs nginx-light) in front of a real API and a real game server: the
websocket upgrade, the body limit, slow headers and bodies cut, and X-Forwarded-For believed
only as far as the trusted proxy.

The config names its upstreams `api` and `realtime`, which only Docker's DNS resolves (nginx
resolves them when it loads); the test points them, and the listening port, at this machine.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
import re
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path

import httpx
import pytest
import uvicorn
import yaml
from websockets.asyncio.client import connect

from realtime.server import run as run_game_server
from server.app import create_app
from server.cli import ROOT
from server.core.edge.http_server import uvicorn_options
from server.features import make_runtime
from tests.conftest import free_port, make_settings, unique

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CONF = ROOT / "deploy" / "nginx.conf"
needs_nginx = pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is not installed (apt-get install nginx-light)")
PASSWORD = "Quartz-lantern-91-harbour"


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_puts_the_proxy_in_front_and_the_app_trusts_only_it():
    services = compose()["services"]
    proxy = services["proxy"]
    assert proxy["image"].startswith("nginx:")
    assert "./deploy/nginx.conf:/etc/nginx/nginx.conf:ro" in proxy["volumes"] and CONF.exists()
    assert {name for name, s in services.items() if s.get("ports")} == {"proxy"}  # the only way in
    assert {"api", "realtime"} <= set(proxy["depends_on"])
    address = proxy["networks"]["default"]["ipv4_address"]
    [pool] = compose()["networks"]["default"]["ipam"]["config"]
    assert ipaddress.ip_address(address) in ipaddress.ip_network(pool["subnet"])
    assert ipaddress.ip_address(address) not in ipaddress.ip_network(pool["ip_range"])  # never handed to another
    for name in ("api", "realtime", "worker"):
        env = services[name]["environment"]
        assert env["TRUSTED_PROXIES"] == address, name
        assert env["PUBLIC_REALTIME_URL"].endswith(":8080/ws}"), name  # the TV goes through the proxy
    assert set(re.findall(r"server (\w+):(\d+);", CONF.read_text())) == {("api", "8000"), ("realtime", "8001")}


def local_conf(tmp: Path, port: int, api_port: int, game_port: int) -> Path:
    text = CONF.read_text()
    for old, new in (("listen 80 default_server;", f"listen 127.0.0.1:{port} default_server;"),
                     ("server api:8000;", f"server 127.0.0.1:{api_port};"),
                     ("server realtime:8001;", f"server 127.0.0.1:{game_port};")):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path = tmp / "nginx.conf"
    path.write_text(text)
    return path


def nginx_args(conf: Path) -> list[str]:
    return [NGINX, "-c", str(conf), "-p", str(conf.parent), "-g", f"pid {conf.parent / 'nginx.pid'};"]


@needs_nginx
def test_nginx_accepts_the_config(tmp_path):
    conf = local_conf(tmp_path, free_port(), free_port(), free_port())
    done = subprocess.run([*nginx_args(conf), "-t"], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    assert "test is successful" in done.stderr


def loopback() -> str:
    """A client address of its own on this machine (all of 127/8 is local), random per run."""
    return f"127.{secrets.randbelow(200) + 20}.{secrets.randbelow(256)}.{secrets.randbelow(250) + 2}"


@pytest.fixture(scope="module")
async def stack(database_url, redis_url):
    """nginx on a free port in front of a real uvicorn API and a real game server, which trust
    127.0.0.1 (where nginx connects from) as their proxy."""
    if not Path(NGINX).exists():
        pytest.skip("nginx is not installed (apt-get install nginx-light)")
    settings = make_settings(database_url, redis_url, trusted_proxies="127.0.0.1", limit_login_address="2/minute")
    rt = make_runtime(settings)
    api_port, game_port, port = free_port(), free_port(), free_port()
    api = uvicorn.Server(uvicorn.Config(create_app(rt=rt, background=False), host="127.0.0.1", port=api_port,
                                       log_level="warning", **uvicorn_options(settings)))
    api_task = asyncio.create_task(api.serve())
    stop, ready = asyncio.Event(), asyncio.Event()
    game_task = asyncio.create_task(run_game_server(rt, "127.0.0.1", game_port, stop, ready))
    tmp = Path(tempfile.mkdtemp(prefix="reprally-nginx-"))
    proxy = subprocess.Popen([*nginx_args(local_conf(tmp, port, api_port, game_port)), "-g", "daemon off;"])
    try:
        while not api.started:
            await asyncio.sleep(0.05)
        await asyncio.wait_for(ready.wait(), 10)
        for _ in range(100):
            with contextlib.suppress(OSError):
                _, w = await asyncio.open_connection("127.0.0.1", port)
                w.close()
                break
            await asyncio.sleep(0.1)
        yield f"http://127.0.0.1:{port}", port
    finally:
        proxy.terminate()
        proxy.wait(10)
        stop.set()
        await game_task
        api.should_exit = True
        await api_task
        await rt.close()
        shutil.rmtree(tmp, ignore_errors=True)


def client_from(base: str, address: str) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=base, transport=httpx.AsyncHTTPTransport(local_address=address), timeout=10)


async def test_the_api_and_the_tv_through_the_proxy(stack):
    base, _ = stack
    async with client_from(base, loopback()) as c:
        r = await c.get("/healthz")
        assert r.status_code == 200 and r.headers["x-content-type-options"] == "nosniff"
        r = await c.get("/tv/")
        assert r.status_code == 200 and r.headers["x-frame-options"] == "DENY"
        assert (await c.post("/api/v1/auth/login", content=b"x" * (3 * 1024 * 1024))).status_code == 413


async def test_metrics_are_not_served_through_the_proxy(stack):
    """/metrics answers on the API's own port (Prometheus scrapes it there) but never through the
    proxy, however the path is spelt."""
    base, _ = stack
    async with client_from(base, loopback()) as c:
        for path in ("/metrics", "/metrics/", "/metrics?x=1", "/%6detrics", "/metrics%2F"):
            r = await c.get(path)
            assert r.status_code == 404 and "reprally_" not in r.text, path


async def test_websockets_are_upgraded_through_the_proxy(stack):
    base, port = stack
    async with client_from(base, loopback()) as c:
        body = {"name": unique("Proxy "), "timezone": "UTC",
                "admin": {"email": f"{unique('proxy')}@example.com", "password": PASSWORD, "display_name": "A"}}
        r = await c.post("/api/v1/orgs", json=body)
        assert r.status_code == 201, r.text
        token = r.json()["access_token"]
    async with connect(f"ws://127.0.0.1:{port}/ws") as ws:
        await ws.send(json.dumps({"op": "auth", "token": token}))
        async with asyncio.timeout(5):
            assert json.loads(await ws.recv())["type"] == "auth_ok"


async def test_the_client_address_is_the_proxys_peer_whatever_the_client_claims(stack):
    """Failed logins per address (2 a minute here): a client cannot escape its limit by writing
    X-Forwarded-For itself, and another client is not touched by it."""
    base, _ = stack
    email = f"{unique('nobody')}@example.com"
    async with client_from(base, loopback()) as c:
        for i in range(2):
            r = await c.post("/api/v1/auth/login", json={"email": f"{i}{email}", "password": "wrong-password"},
                             headers={"x-forwarded-for": f"203.0.113.{i}"})
            assert r.status_code == 401
        r = await c.post("/api/v1/auth/login", json={"email": email, "password": "wrong-password"},
                         headers={"x-forwarded-for": "203.0.113.99"})
        assert r.status_code == 429 and r.json()["error"]["details"]["limit"] == "limit_login_address"
    async with client_from(base, loopback()) as other:
        r = await other.post("/api/v1/auth/login", json={"email": email, "password": "wrong-password"})
        assert r.status_code == 401


async def _cut_after(port: int, data: bytes) -> float:
    """Send `data` and stall; seconds until the proxy ends the connection."""
    loop = asyncio.get_running_loop()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(data)
    await writer.drain()
    started = loop.time()
    try:
        async with asyncio.timeout(20):
            while await reader.read(1024):
                pass
    except ConnectionResetError:
        pass
    finally:
        writer.close()
    return loop.time() - started


async def test_slow_headers_and_slow_bodies_are_cut(stack):
    _, port = stack
    slow_headers = b"GET /healthz HTTP/1.1\r\nHost: x\r\n"
    slow_body = b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" \
                b"Content-Length: 100\r\n\r\n{\"email\":"
    waited = await asyncio.gather(_cut_after(port, slow_headers), _cut_after(port, slow_body))
    assert all(9 <= w <= 13 for w in waited), waited  # client_header_timeout, client_body_timeout: 10 s
