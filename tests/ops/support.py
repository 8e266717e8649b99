"""Running `reprally` as an operator does: a separate process, its own environment."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
RUN = "import sys; from server.cli import main; main(sys.argv[1:])"
SECRET = "ops-test-" + "x" * 32


def environment(tmp: Path, **env: str) -> dict[str, str]:
    """The test process's environment without the suite's stores, this checkout first on the path."""
    base = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "API_PORT")}
    base.update(
        PYTHONPATH=str(ROOT), REPRALLY_VAR_DIR=str(tmp / "var"), JWT_SECRET=SECRET, LOG_LEVEL="warning"
    )
    base.update(env)
    return base


def reprally(tmp: Path, *args: str, timeout: float = 60, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", RUN, *args],
        cwd=tmp,
        env=environment(tmp, **env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


class Forwarder:
    """A TCP port that refuses connections until `start()`, then forwards each one to `target`
    (host:port, or the path of a unix socket): a database or Redis that comes up late."""

    def __init__(self, port: int, target: tuple[str, int] | str) -> None:
        self.port, self.target = port, target
        self.server: asyncio.Server | None = None
        self.writers: set[asyncio.StreamWriter] = set()

    async def start(self) -> None:
        self.server = await asyncio.start_server(self._pipe, "127.0.0.1", self.port)

    async def stop(self) -> None:
        if self.server is not None:
            self.server.close()
            for w in list(self.writers):
                w.close()
            await self.server.wait_closed()

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if isinstance(self.target, str):
            up_reader, up_writer = await asyncio.open_unix_connection(self.target)
        else:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        self.writers |= {writer, up_writer}

        async def copy(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            try:
                while data := await src.read(65536):
                    dst.write(data)
                    await dst.drain()
            except (ConnectionError, OSError):
                pass
            finally:
                dst.close()

        await asyncio.gather(copy(reader, up_writer), copy(up_reader, writer))


def target_of(url: str) -> tuple[str, int] | str:
    """Where a database or Redis URL points: (host, port), or a unix socket's path."""
    u = urlsplit(url)
    if u.scheme == "unix":
        return u.path
    return (u.hostname or "127.0.0.1", u.port or {"redis": 6379}.get(u.scheme, 5432))


def through(url: str, port: int) -> str:
    """`url` sent to 127.0.0.1:`port` instead (a unix-socket Redis becomes redis://127.0.0.1:port/0)."""
    u = urlsplit(url)
    if u.scheme == "unix":
        return f"redis://127.0.0.1:{port}/0"
    auth = u.netloc.rsplit("@", 1)[0] + "@" if "@" in u.netloc else ""
    return u._replace(netloc=f"{auth}127.0.0.1:{port}").geturl()
