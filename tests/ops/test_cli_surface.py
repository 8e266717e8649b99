"""The command line as an operator meets it: `--version`, a `--help` for every command that says
what it does, its options with their defaults and the environment it reads, and `dev.py`, which
passes SIGTERM on to the product and waits for it (no server left behind on its ports)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time

import psutil
import pytest

from server.cli import build_parser
from tests.conftest import free_port
from tests.ops.support import ROOT, RUN, environment, reprally

#: What each command's --help must name (besides LOG_LEVEL and REPRALLY_VAR_DIR, which all do).
READS = {
    "up": ["DATABASE_URL", "REDIS_URL", "JWT_SECRET", "API_PORT", "REALTIME_PORT"],
    "api": [
        "DATABASE_URL",
        "REDIS_URL",
        "JWT_SECRET",
        "API_HOST",
        "API_PORT",
        "TRUSTED_PROXIES",
        "REQUIRE_WORKER",
    ],
    "realtime": ["DATABASE_URL", "REDIS_URL", "JWT_SECRET", "REALTIME_HOST", "REALTIME_PORT", "WS_PER_USER"],
    "worker": ["DATABASE_URL", "REDIS_URL", "WORKER_HEARTBEAT_S", "WORKER_STALE_S", "FIREBASE_CREDENTIALS"],
    "migrate": ["DATABASE_URL"],
    "rebuild": ["DATABASE_URL", "REDIS_URL"],
    "insights": ["DATABASE_URL", "REDIS_URL"],
    "seed-history": ["DATABASE_URL", "REDIS_URL", "JWT_SECRET"],
    "simulate": ["DATABASE_URL", "REDIS_URL"],
    "demo": ["DATABASE_URL", "REDIS_URL", "JWT_SECRET"],
    "redis": [],
}


def _commands() -> list[str]:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    return sorted(sub.choices)  # type: ignore[arg-type]


def test_every_command_is_covered():
    assert sorted(READS) == _commands()


def test_version(tmp_path):
    done = reprally(tmp_path, "--version")
    assert done.returncode == 0
    assert re.fullmatch(r"reprally (\d+\.\d+\.\d+\S*|unknown)\n", done.stdout)


@pytest.mark.parametrize("command", sorted(READS))
def test_help_describes_the_command(command, capsys):
    with pytest.raises(SystemExit) as stopped:
        build_parser().parse_args([command, "--help"])
    assert stopped.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith(f"usage: reprally {command}")
    assert "environment variables:" in text
    for var in [*READS[command], "LOG_LEVEL", "REPRALLY_VAR_DIR"]:
        assert var in text, (command, var)
    # every option says its default (or that it is required, or a switch that is off by default)
    for action in build_parser()._subparsers._group_actions[0].choices[command]._actions:  # type: ignore[union-attr]
        if action.option_strings and action.dest not in ("help",):
            assert action.help and ("default" in action.help or "required" in action.help), (
                command,
                action.dest,
            )


def test_help_runs_as_a_process(tmp_path):
    done = reprally(tmp_path, "migrate", "--help", DATABASE_URL="nonsense")  # no setting is read for --help
    assert done.returncode == 0 and "DATABASE_URL" in done.stdout


def _listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.skipif(os.name == "nt", reason="POSIX signals")
def test_dev_py_passes_sigterm_on_and_waits(tmp_path, database_url, redis_url):
    """`python3 dev.py up` runs the product through `dev.run`: here it runs `reprally api` (the
    same launcher, without the demo seeding that makes `up` slow to start)."""
    port = free_port()
    launcher = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r}); import dev; "
        f"sys.exit(dev.run([sys.executable, '-c', {RUN!r}, 'api', '--port', '{port}']))"
    )
    env = environment(tmp_path, DATABASE_URL=database_url, REDIS_URL=redis_url)
    proc = subprocess.Popen(
        [sys.executable, "-c", launcher],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 90
        while not _listening(port):
            assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read().decode()  # type: ignore[union-attr]
            time.sleep(0.1)
        children = psutil.Process(proc.pid).children(recursive=True)
        assert children  # the product runs in a process of its own
        proc.send_signal(signal.SIGTERM)
        # it waited for the product, which shut down and then (uvicorn) re-raised the signal
        assert proc.wait(30) in (0, 128 + signal.SIGTERM)
        gone, alive = psutil.wait_procs(children, timeout=5)
        assert not alive
        assert not _listening(port)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
