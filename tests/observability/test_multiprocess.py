"""`reprally api --workers 2`: both processes' request metrics in one scrape (prometheus_client
multiprocess mode, set up by the command), whichever process answers it."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import httpx

from server.cli import ROOT
from tests.conftest import free_port
from tests.observability.test_metrics import value


def test_two_api_processes_are_summed_in_one_scrape(database_url, redis_url, tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "JWT_SECRET": "mp-" + "m" * 40,
        "REPRALLY_VAR_DIR": str(tmp_path),
        "LOG_LEVEL": "warning",
    }
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "server.cli", "api", "--port", str(port), "--workers", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None and time.monotonic() < deadline, "the API did not start"
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        n = 40
        for _ in range(n):  # new connections: the kernel hands them to either process
            assert httpx.get(f"{url}/healthz", timeout=5).status_code == 200
        assert len(list((tmp_path / f"metrics-{proc.pid}").glob("*.db"))) >= 2  # one file set per process
        for _ in range(4):  # every answer holds every process's count, whoever answers
            page = httpx.get(f"{url}/metrics", timeout=5).text
            assert (
                value(page, "reprally_http_requests_total", method="GET", route="/healthz", status="200")
                >= n + 1
            )
    finally:
        proc.terminate()
        proc.wait(30)
