"""`python3 dev.py up` on a new machine: `reprally up` on embedded defaults (SQLite in a fresh
REPRALLY_VAR_DIR, the bundled Redis) serves within seconds of its migrations, the demo history
being filled in the background, and SIGTERM to the launcher stops all of it: no process of its
group left, its ports free."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import psutil
import pytest

from tests.conftest import free_port
from tests.ops.support import ROOT, RUN, environment

#: Start (imports, migrations of an empty SQLite file, the demo org) to /readyz, on a busy machine.
READY_WITHIN_S = 60


def _listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def _bindable(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


@pytest.mark.skipif(os.name == "nt", reason="POSIX signals and process groups")
def test_up_serves_before_the_history_is_filled_and_stops_on_sigterm(tmp_path):
    api, game = free_port(), free_port()
    launcher = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r}); import dev; "
        f"sys.exit(dev.run([sys.executable, '-c', {RUN!r}, 'up', '--port', '{api}', '--realtime-port', '{game}', "
        "'--rate', '5']))"
    )
    env = environment(tmp_path)  # no DATABASE_URL nor REDIS_URL: SQLite and the bundled Redis in var/
    out = tmp_path / "out.txt"
    with out.open("w") as sink:
        proc = subprocess.Popen(
            [sys.executable, "-c", launcher], cwd=tmp_path, env=env, stdout=sink, stderr=subprocess.STDOUT
        )
    try:
        started = time.monotonic()
        while True:
            assert proc.poll() is None, out.read_text()
            assert time.monotonic() - started < READY_WITHIN_S, out.read_text()
            try:
                if httpx.get(f"http://127.0.0.1:{api}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        assert _listening(game)
        deadline = time.monotonic() + 10
        while "RepRally is running" not in out.read_text():
            assert time.monotonic() < deadline, out.read_text()
            time.sleep(0.1)
        text = out.read_text()
        assert "Demo history   STILL BEING FILLED" in text and "pairing code" in text
        assert "\ndemo history filled:" not in text  # served first, filled after (12 weeks take minutes)
        login = httpx.post(
            f"http://127.0.0.1:{api}/api/v1/auth/login",
            timeout=20,  # the history fill writes meanwhile (SQLite: one writer); it pauses between transactions
            json={"email": "admin@demo.reprally.dev", "password": "rally-demo-2026"},
        )
        assert login.status_code == 200, login.text

        product = psutil.Process(proc.pid).children()
        assert len(product) == 1
        group = os.getpgid(product[0].pid)
        assert group == product[0].pid != os.getpgid(proc.pid)  # dev.run put it in a group of its own
        members = [p for p in psutil.process_iter() if _in_group(p, group)]
        assert len(members) >= 2  # the product and the bundled redis-server

        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) in (0, 128 + signal.SIGTERM), out.read_text()
        _, alive = psutil.wait_procs(members, timeout=10)
        assert not alive, alive
        with pytest.raises(ProcessLookupError):
            os.killpg(group, 0)
        assert _bindable(api) and _bindable(game)
        assert "Traceback" not in out.read_text(), out.read_text()
    finally:
        if proc.poll() is None:
            with contextlib.suppress(psutil.Error, ProcessLookupError, PermissionError):
                for child in psutil.Process(proc.pid).children():  # the product, in a group of its own
                    os.killpg(os.getpgid(child.pid), signal.SIGKILL)
            proc.kill()
            proc.wait()


def _in_group(p: psutil.Process, group: int) -> bool:
    try:
        return os.getpgid(p.pid) == group
    except ProcessLookupError:
        return False
