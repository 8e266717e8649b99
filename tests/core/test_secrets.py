"""The token signing secret: no default in production, never short, a private file on embedded
setups, and rotation through a second secret (issue 15, item 17)."""

from __future__ import annotations

import asyncio
import os
import stat
import sys
from pathlib import Path

import jwt
import pytest
import yaml

from server.core import settings as settings_module
from server.core.auth import Tokens, key_id
from server.core.settings import SettingsError, load_settings
from server.features import make_runtime
from tests.conftest import PASSWORD, _app_of, _client_of, make_settings, unique
from tests.support.api import assert_error

ROOT = Path(__file__).resolve().parents[2]
OLD = "old-secret-" + "o" * 40
NEW = "new-secret-" + "n" * 40


@pytest.mark.parametrize("name", ["JWT_SECRET", "JWT_PREVIOUS_SECRET"])
def test_a_secret_shorter_than_32_bytes_is_refused(name):
    env = {"JWT_SECRET": NEW, name: "s" * 31}
    with pytest.raises(SettingsError, match=f"{name} must be at least 32 bytes"):
        load_settings(env)
    with pytest.raises(ValueError, match="at least 32 bytes"):
        Tokens(**{"secret": NEW, "access_ttl_s": 1, "refresh_ttl_s": 1,
                  ("secret" if name == "JWT_SECRET" else "previous_secret"): "s" * 31})
    env[name] = "é" * 16  # bytes, not characters
    assert load_settings(env).jwt_secret == env["JWT_SECRET"]


async def test_the_api_command_refuses_to_start_with_a_short_secret(tmp_path):
    env = {**os.environ, "JWT_SECRET": "change-me", "REPRALLY_VAR_DIR": str(tmp_path)}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", "import sys; from server.cli import main; main(sys.argv[1:])", "api",
        env=env, cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    _, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode == 2  # a configuration error (docs/operations.md)
    assert err.decode().strip().splitlines()[-1] == (
        "reprally: configuration error: JWT_SECRET must be at least 32 bytes (it has 9); generate one with: openssl rand -base64 48")


def test_the_generated_secret_file_is_readable_by_its_owner_only(tmp_path, monkeypatch):
    monkeypatch.setattr(settings_module, "VAR_DIR", tmp_path / "var")
    made = load_settings({})
    path = tmp_path / "var" / "jwt-secret"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert made.jwt_secret == path.read_text() and len(made.jwt_secret.encode()) >= 32
    assert load_settings({}).jwt_secret == made.jwt_secret  # kept across restarts
    path.chmod(0o644)  # loosened by hand: tightened again on the next start
    assert load_settings({}).jwt_secret == made.jwt_secret
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_docker_compose_has_no_default_secret_and_passes_the_rotation_secret():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    env = compose["x-app"]["environment"]
    assert env["JWT_SECRET"].startswith("${JWT_SECRET:?")  # `docker compose up` stops without it
    assert env["JWT_PREVIOUS_SECRET"] == "${JWT_PREVIOUS_SECRET:-}"
    for name in ("api", "realtime", "worker"):
        assert compose["services"][name]["environment"]["JWT_SECRET"] == env["JWT_SECRET"]


def test_tokens_carry_the_id_of_the_secret_that_signed_them():
    access, refresh = Tokens(NEW, 900, 900).issue(1, 2, 3, "jti")
    for token in (access, refresh, Tokens(NEW, 900, 900).issue_display(4, 2, 1)):
        assert jwt.get_unverified_header(token)["kid"] == key_id(NEW)
    assert key_id(NEW) != key_id(OLD) and NEW not in key_id(NEW)


@pytest.fixture
async def apis(database_url, redis_url):
    """Three API processes on one database: before, during and after a rotation from OLD to NEW."""
    made = []

    async def api(secret: str, previous: str = ""):
        runtime = make_runtime(make_settings(database_url, redis_url, jwt_secret=secret, jwt_previous_secret=previous))
        cm = _client_of(_app_of(runtime))
        made.append((runtime, cm))
        return await cm.__aenter__()

    yield api
    for runtime, cm in made:
        await cm.__aexit__(None, None, None)
        await runtime.close()


async def test_rotation_keeps_old_tokens_working_until_the_old_secret_is_removed(apis):
    before, during, after = await apis(OLD), await apis(NEW, previous=OLD), await apis(NEW)
    body = {"name": "Rotating Co", "timezone": "UTC",
            "admin": {"email": f"{unique('rotation')}@example.com", "password": PASSWORD, "display_name": "R"}}
    signed_up = (await before.post("/api/v1/orgs", json=body)).json()
    old_access, old_refresh = signed_up["access_token"], signed_up["refresh_token"]
    old = {"authorization": f"Bearer {old_access}"}
    assert (await during.get("/api/v1/me", headers=old)).status_code == 200
    renewed = (await during.post("/api/v1/auth/refresh", json={"refresh_token": old_refresh})).json()
    assert jwt.get_unverified_header(renewed["access_token"])["kid"] == key_id(NEW)
    new = {"authorization": f"Bearer {renewed['access_token']}"}
    # Once the old secret is gone, what it signed is refused; what the new one signed works.
    assert_error(await after.get("/api/v1/me", headers=old), 401, "invalid_token")
    assert (await after.get("/api/v1/me", headers=new)).status_code == 200
    assert (await after.post("/api/v1/auth/refresh", json={"refresh_token": renewed["refresh_token"]})
            ).status_code == 200
    # A process still on the old secret alone cannot read the new tokens.
    assert_error(await before.get("/api/v1/me", headers=new), 401, "invalid_token")


async def test_a_display_token_from_before_key_ids_keeps_working(client, org, rt):
    """Screens paired before tokens carried `kid` are not unpaired by the upgrade."""
    display = await org.ok("post", "/displays", {"name": "tv"}, status=201)
    token = (await client.post("/api/v1/displays/pair", json={"code": display["pairing_code"]})).json()["display_token"]
    claims = jwt.decode(token, options={"verify_signature": False})
    legacy = jwt.encode(claims, rt.settings.jwt_secret, "HS256")  # no kid in the header
    assert "kid" not in jwt.get_unverified_header(legacy)
    assert (await client.get("/api/v1/display/config", headers={"authorization": f"Bearer {legacy}"})).status_code == 200
    forged = jwt.encode(claims, "another-secret-" + "z" * 40, "HS256")
    assert_error(await client.get("/api/v1/display/config", headers={"authorization": f"Bearer {forged}"}), 401,
                 "invalid_token")
