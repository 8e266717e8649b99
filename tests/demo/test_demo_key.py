"""`reprally demo` as a new user runs it: no `./var` yet, interrupted, run again. It makes the
folder it needs and keeps one working integration key, however often it is retried."""

from __future__ import annotations

import asyncio
import os
import signal
import stat
import sys
from pathlib import Path

from server.accounts import api_keys
from server.core.auth import Principal
from server.demo import seed as demo
from tests.conftest import free_port

RUN = "import sys; from server.cli import main; main(sys.argv[1:])"


async def _demo_keys(rt, org_id: int) -> tuple[list[str], list[str]]:
    """(active, revoked) prefixes of the demo org's demo keys."""
    keys = [k for k in await api_keys.list_keys(rt, Principal(org_id, "admin")) if k.name == demo.DEMO_KEY_NAME]
    return [k.prefix for k in keys if k.revoked_at is None], [k.prefix for k in keys if k.revoked_at is not None]


async def _works(rt, key: str, org_id: int) -> bool:
    try:
        return (await api_keys.principal_for(rt, key)).org_id == org_id
    except Exception:
        return False


async def _run_demo(settings, var: Path) -> tuple[int, str]:
    """`reprally demo` streaming at a port where nothing listens, stopped with SIGINT once it streams."""
    env = {**os.environ, "DATABASE_URL": settings.database_url, "REDIS_URL": settings.redis_url,
           "REPRALLY_VAR_DIR": str(var), "JWT_SECRET": settings.jwt_secret, "LOG_LEVEL": "warning"}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", RUN, "demo", "--url", f"http://127.0.0.1:{free_port()}", "--rate", "20", env=env,
        cwd=var.parent, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
    assert proc.stderr is not None
    err = b""
    while b"simulated activity failed" not in err:  # seeded, key saved, posting activities
        line = await asyncio.wait_for(proc.stderr.readline(), 60)
        if not line:
            break
        err += line
    if proc.returncode is None:
        proc.send_signal(signal.SIGINT)
    rest = await asyncio.wait_for(proc.stderr.read(), 60)
    await proc.wait()
    return proc.returncode, (err + rest).decode()


async def test_demo_runs_without_a_var_folder_and_reuses_its_key(rt, settings, demo_org, tmp_path):
    org_id, _ = demo_org
    var = tmp_path / "var"  # does not exist, as in a fresh checkout with DATABASE_URL and JWT_SECRET set
    code, err = await _run_demo(settings, var)
    assert code == 0, err
    key_file = var / "demo-api-key"
    key = key_file.read_text()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert await _works(rt, key, org_id)
    assert len((await _demo_keys(rt, org_id))[0]) == 1

    code, err = await _run_demo(settings, var)  # again: the saved key is reused, no new one
    assert code == 0, err
    assert key_file.read_text() == key
    assert len((await _demo_keys(rt, org_id))[0]) == 1


async def test_each_retry_without_the_key_file_revokes_the_key_it_replaces(rt, demo_org, tmp_path):
    org_id, _ = demo_org
    keys = []
    for attempt in range(3):  # a run that died before saving its key, retried
        key_file = tmp_path / f"attempt{attempt}" / "var" / "demo-api-key"
        got_org, key, created = await demo.seed(rt, key_file, reps=6)
        assert (got_org, created, key_file.read_text()) == (org_id, False, key)
        keys.append(key)
    active, revoked = await _demo_keys(rt, org_id)
    assert len(active) == 1 and len(set(keys)) == 3
    assert [await _works(rt, k, org_id) for k in keys] == [False, False, True]
    assert len(revoked) >= 2

    # A key file whose key was revoked (or belongs to another database) is replaced, not trusted.
    await api_keys.revoke_api_key(rt, Principal(org_id, "admin"), next(
        k.id for k in await api_keys.list_keys(rt, Principal(org_id, "admin")) if k.prefix == active[0]))
    _, fresh, _ = await demo.seed(rt, key_file, reps=6)
    assert fresh != keys[-1] and await _works(rt, fresh, org_id)
    assert key_file.read_text() == fresh
    assert len((await _demo_keys(rt, org_id))[0]) == 1
