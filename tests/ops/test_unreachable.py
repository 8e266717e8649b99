"""A database and a Redis that cannot be reached when the API starts: the API comes up anyway,
says so in one line per dependency (URL with the password masked, and what failed), retries
with backoff without a traceback, answers /readyz 503 until both answer, then 200."""

from __future__ import annotations

import asyncio
import contextlib
import sys
import time
from urllib.parse import urlsplit

import httpx
from sqlalchemy.engine import make_url

from server.core.runtime import Job, Runtime
from server.features import make_runtime
from server.worker import run_worker
from tests.conftest import free_port, make_settings
from tests.ops.support import RUN, Forwarder, environment, reprally, target_of, through


def _with_password(url: str, password: str) -> str:
    u = urlsplit(url)
    user, host = u.netloc.rsplit("@", 1) if "@" in u.netloc else ("postgres", u.netloc)
    return u._replace(netloc=f"{user.split(':')[0]}:{password}@{host}").geturl()


async def test_the_api_waits_for_its_stores_and_says_why(tmp_path, database_url, redis_url):
    pg = make_url(database_url).get_backend_name() == "postgresql"
    db_port, redis_port, api_port = free_port(), free_port(), free_port()
    # PostgreSQL here trusts local connections: the password is only there to be masked.
    db_url = _with_password(through(database_url, db_port), "sekret-pw") if pg else database_url
    rd_url = through(redis_url, redis_port)
    forwarders = [Forwarder(redis_port, target_of(redis_url))]
    if pg:
        forwarders.append(Forwarder(db_port, target_of(database_url)))
    log = tmp_path / "api.log"
    env = environment(tmp_path, DATABASE_URL=db_url, REDIS_URL=rd_url, LOG_LEVEL="info")
    with log.open("wb") as out:
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            RUN,
            "api",
            "--port",
            str(api_port),
            env=env,
            cwd=tmp_path,
            stdout=out,
            stderr=out,
        )
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{api_port}", timeout=10) as http:
            deadline = time.monotonic() + 90
            while True:
                with contextlib.suppress(httpx.TransportError):
                    if (await http.get("/healthz")).status_code == 200:
                        break
                assert proc.returncode is None and time.monotonic() < deadline, log.read_text()
                await asyncio.sleep(0.2)
            r = await http.get("/readyz")
            assert r.status_code == 503
            assert r.json() == {
                "status": "unavailable",
                "database": "error: ConnectionRefusedError" if pg else "ok",
                "redis": "error: ConnectionError",
            }
            await asyncio.sleep(3)  # the board sync and the start-up probe keep failing meanwhile
            for f in forwarders:
                await f.start()
            deadline = time.monotonic() + 30
            while (r := await http.get("/readyz")).status_code != 200:
                assert time.monotonic() < deadline, r.text
                await asyncio.sleep(0.2)
            assert r.json() == {"status": "ok", "database": "ok", "redis": "ok"}
    finally:
        if proc.returncode is None:
            proc.terminate()
        await asyncio.wait_for(proc.wait(), 30)
        for f in forwarders:
            await f.stop()
    text = log.read_text()
    assert "Traceback" not in text
    assert "sekret-pw" not in text
    unreachable = [line for line in text.splitlines() if "cannot be reached" in line]
    expected = [f"redis {rd_url} cannot be reached (ConnectionError: "]
    if pg:
        masked = db_url.replace("sekret-pw", "***")
        expected.insert(0, f"database {masked} cannot be reached (ConnectionRefusedError: ")
    # one line per dependency in the first 30 seconds, however many attempts failed
    assert len(unreachable) == len(expected), text
    for want in expected:
        assert any(want in line for line in unreachable), (want, text)


def test_migrate_waits_then_names_the_database(tmp_path):
    port = free_port()
    url = f"postgresql://rr:sekret-pw@127.0.0.1:{port}/rr"
    started = time.monotonic()
    done = reprally(tmp_path, "migrate", "--wait", "2", DATABASE_URL=url, LOG_LEVEL="info")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "sekret-pw" not in done.stderr
    masked = url.replace("sekret-pw", "***")
    lines = done.stderr.splitlines()
    assert lines[-1].startswith(f"reprally: database {masked} cannot be reached (ConnectionRefusedError: ")
    assert lines[-1].endswith("; gave up after 2 s")
    # three attempts before giving up (0.5 s, then 1 s apart), one line for them (within 30 s)
    reported = [line for line in lines[:-1] if "cannot be reached" in line]
    assert len(reported) == 1 and f"database {masked} cannot be reached" in reported[0], done.stderr
    assert reported[0].endswith("; retrying in 0.5 s")
    assert time.monotonic() - started >= 1.5  # it did wait


async def test_a_worker_job_backs_off_quietly(database_url, redis_url, caplog):
    url = f"postgresql://rr:sekret-pw@127.0.0.1:{free_port()}/rr"
    rt = make_runtime(make_settings(url, redis_url))
    runs = 0

    async def touch(rt_: Runtime) -> None:
        nonlocal runs
        runs += 1
        async with rt_.engine.connect():
            pass

    stop = asyncio.Event()
    try:
        with caplog.at_level("INFO"):
            # not exclusive: its lease (tests/ops/test_job_leases.py) would fail first, and `touch` count nothing
            task = asyncio.create_task(run_worker(rt, stop, jobs=[Job("touch", 0.05, touch, exclusive=False)], sync=False))
            await asyncio.sleep(1.6)
            stop.set()
            await asyncio.wait_for(task, 10)
    finally:
        await rt.close()
    lines = [r.getMessage() for r in caplog.records if "cannot be reached" in r.getMessage()]
    assert len(lines) == 1 and lines[0].startswith("database postgresql://rr:***@127.0.0.1:"), lines
    assert not [r for r in caplog.records if r.exc_info]
    assert 2 <= runs <= 7  # backing off from 0.05 s, doubling; without backoff about 30 runs
