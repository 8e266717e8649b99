"""Structured logs (docs/observability.md): one access line per request with its request id,
route template, status, duration, org and user ids, and never an email, a token or a password;
LOG_FORMAT=json|console; no alembic chatter at start."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys

import pytest

from server.cli import ROOT
from server.core.observability.logs import ConsoleFormatter, JsonFormatter
from tests.conftest import PASSWORD, new_org, unique

ACCESS = "reprally.access"


def access_lines(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == ACCESS]


async def test_the_request_id_is_adopted_or_made_and_returned(client):
    r = await client.get("/healthz", headers={"x-request-id": "edge-42.abc:def"})
    assert r.headers["x-request-id"] == "edge-42.abc:def"
    for bad in ("has space", "x" * 129, "bad\tchar", "é"):
        r = await client.get("/healthz", headers={"x-request-id": bad.encode("utf-8")})
        made = r.headers["x-request-id"]
        assert made != bad and len(made) == 32 and int(made, 16) >= 0
    r1, r2 = await client.get("/healthz"), await client.get("/healthz")
    assert r1.headers["x-request-id"] != r2.headers["x-request-id"]
    assert (await client.get("/api/v1/nothing-here")).headers["x-request-id"]  # 404s too


async def test_one_access_line_per_request_with_ids_and_no_secrets(client, caplog):
    caplog.set_level(logging.INFO, logger=ACCESS)
    org = await new_org(client)
    rep = await org.user("rep")
    email = f"{unique('logged')}@example.com"
    await org.ok(
        "post",
        "/users",
        {"email": email, "display_name": "Logged", "password": PASSWORD, "role": "rep"},
        status=201,
    )
    caplog.clear()
    r = await client.post(
        "/api/v1/auth/login",
        json={"email": email, "password": PASSWORD},
        headers={"x-request-id": "login-req-1"},
    )
    assert r.status_code == 200
    token = r.json()["access_token"]
    r = await client.post(
        "/api/v1/activities",
        json={"type": "call"},
        headers={"authorization": f"Bearer {rep.token}", "x-request-id": "post-req-1"},
    )
    assert r.status_code == 201, r.text
    lines = access_lines(caplog)
    assert len(lines) == 2
    login, post = (json.loads(JsonFormatter().format(rec)) for rec in lines)
    assert login["request_id"] == "login-req-1" and login["route"] == "/api/v1/auth/login"
    assert login["status"] == 200 and login["user_id"] is None  # the caller is not known before
    assert post == {
        **post,
        "request_id": "post-req-1",
        "event": "request",
        "method": "POST",
        "route": "/api/v1/activities",
        "status": 201,
        "org_id": org.org_id,
        "user_id": rep.user_id,
        "role": "rep",
        "level": "info",
        "logger": ACCESS,
    }
    assert isinstance(post["duration_ms"], float) and post["duration_ms"] > 0
    assert "ts" in post and post["msg"] == "POST /api/v1/activities 201"
    text = caplog.text + "".join(JsonFormatter().format(r) + ConsoleFormatter().format(r) for r in lines)
    for secret in (email, PASSWORD, token, rep.token, token.split(".")[-1]):
        assert secret and secret not in text


async def test_a_display_and_an_api_key_are_named_by_id(client, caplog):
    org = await new_org(client)
    key = await org.ok("post", "/api-keys", {"name": "crm"}, status=201)
    caplog.set_level(logging.INFO, logger=ACCESS)
    caplog.clear()
    r = await client.post(
        "/api/v1/activities",
        json={"type": "call", "user_id": org.user_id},
        headers={"authorization": f"Bearer {key['key']}"},
    )
    assert r.status_code == 201, r.text
    (line,) = access_lines(caplog)
    fields = line.fields  # type: ignore[attr-defined]
    assert (
        fields["org_id"] == org.org_id
        and fields["role"] == "integration"
        and fields["api_key_id"] == key["id"]
    )
    assert key["key"] not in caplog.text and key["key"] not in JsonFormatter().format(line)


def test_json_lines_carry_the_request_id_of_the_task():
    from server.core.observability.logs import REQUEST_ID

    rec = logging.LogRecord("reprally.x", logging.WARNING, __file__, 1, "went %s", ("wrong",), None)
    reset = REQUEST_ID.set("rid-7")
    try:
        out = json.loads(JsonFormatter().format(rec))
    finally:
        REQUEST_ID.reset(reset)
    assert out["request_id"] == "rid-7" and out["msg"] == "went wrong" and out["level"] == "warning"
    assert "request_id" not in json.loads(JsonFormatter().format(rec))


def _cli(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("LOG_FORMAT", "LOG_LEVEL")}
    return subprocess.run(
        [sys.executable, "-m", "server.cli", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("fmt", ["json", "console"])
def test_migrate_logs_in_the_chosen_format_without_alembic_noise(fmt, database_url):
    done = _cli("migrate", LOG_FORMAT=fmt, DATABASE_URL=database_url)
    assert done.returncode == 0, done.stderr
    assert "alembic" not in done.stderr.lower() and "plugin" not in done.stderr.lower(), done.stderr
    if fmt == "json":
        for line in done.stderr.splitlines():
            assert isinstance(json.loads(line), dict), line


def test_an_unknown_log_format_stops_the_command():
    done = _cli("migrate", LOG_FORMAT="yaml")
    assert done.returncode != 0
    assert "LOG_FORMAT must be one of console, json, got 'yaml'" in done.stderr
    assert "Traceback" not in done.stderr


def test_compose_logs_json_with_access_lines_and_exposes_metrics_ports_privately():
    import yaml

    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    for name in ("api", "realtime", "worker", "migrate"):
        assert services[name]["environment"]["LOG_FORMAT"] == "json", name
    app_env = services["api"]["environment"]
    assert app_env["ACCESS_LOG"] == "true"
    assert app_env["REALTIME_METRICS_PORT"] and app_env["WORKER_METRICS_PORT"]
    for name in ("api", "realtime", "worker"):
        assert "ports" not in services[name], f"{name} must not publish a port: the proxy is the only way in"
