"""Driving wrk (a C load generator, so the generator is not the bottleneck) and reading its report."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass
class WrkResult:
    requests: int
    rps: float
    errors: int  # non-2xx answers plus socket errors
    p50_ms: float
    p90_ms: float
    p99_ms: float

    def line(self) -> str:
        return (f"{self.rps:9.0f} req/s  p50 {self.p50_ms:6.1f} ms  p90 {self.p90_ms:6.1f} ms  "
                f"p99 {self.p99_ms:6.1f} ms  ({self.requests} requests, {self.errors} errors)")


def available() -> bool:
    return shutil.which("wrk") is not None


def _ms(text: str) -> float:
    m = re.match(r"([\d.]+)(us|ms|s)", text)
    return float(m.group(1)) * _UNITS[m.group(2)] if m else float("nan")


def run(url: str, lua: str, *, connections: int, seconds: float, threads: int = 2) -> WrkResult:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(lua)
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, int(seconds))}s", "--latency",
                          "-s", f.name, url], capture_output=True, text=True, timeout=seconds + 60).stdout
    lat = dict(re.findall(r"^\s+(50|90|99)%\s+(\S+)", out, re.M))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, sock.groups())) if sock else 0)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return WrkResult(total, rps, errors, _ms(lat.get("50", "")), _ms(lat.get("90", "")), _ms(lat.get("99", "")))


def lua_random_posts(path: str, token: str, rep_ids: list[int], types: list[str]) -> str:
    """One activity per request, for a random rep and type."""
    return f"""
local ids = {{{",".join(map(str, rep_ids))}}}
local types = {{{",".join(f'"{t}"' for t in types)}}}
local headers = {{["Content-Type"] = "application/json", ["Authorization"] = "Bearer {token}"}}
math.randomseed(os.time())
request = function()
  local body = string.format('{{"type":"%s","quantity":1,"user_id":%d}}', types[math.random(#types)], ids[math.random(#ids)])
  return wrk.format("POST", "{path}", headers, body)
end
"""


def lua_bodies(path: str, token: str, bodies: list[str], method: str = "POST") -> str:
    """Requests cycling through pre-built bodies (batch posts) or paths (reads)."""
    items = ",".join("[==[" + b + "]==]" for b in bodies)
    return f"""
local items = {{{items}}}
local headers = {{["Content-Type"] = "application/json", ["Authorization"] = "Bearer {token}"}}
local i = 0
request = function()
  i = i % #items + 1
  if "{method}" == "GET" then return wrk.format("GET", items[i], headers) end
  return wrk.format("POST", "{path}", headers, items[i])
end
"""
