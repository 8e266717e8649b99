"""HTTP load generation. wrk (C, one epoll loop per thread) drives every full run: on this 2-core
machine it needs a few percent of a core where an httpx client would need a whole one. The
requests are pre-formatted once per wrk thread from a list (`Req`); a Lua `response` hook counts
what the API accepted, `done` prints the latency percentiles. Without wrk on the PATH a small
httpx client stands in (fine for smoke runs, not for figures).

Reader think time: with `think_ms` each connection waits think_ms/2 .. 3*think_ms/2 (uniform)
before each request, so N connections model N people who refresh every `think_ms` on average.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import random
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from urllib.parse import urlparse

import httpx

from loadtests.common import percentile


@dataclass(frozen=True, slots=True)
class Req:
    method: str
    path: str
    token: str  # "" sends no Authorization header (a signed webhook)
    body: str | None = None
    headers: tuple[tuple[str, str], ...] = ()  # more headers (a webhook's signature)


@dataclass
class LoadResult:
    requests: int
    seconds: float
    good: int  # requests answered with the expected status; for batches, items accepted
    bad: int  # other statuses; for batches, items rejected or answered as duplicates
    errors: int  # socket errors and timeouts
    p50: float  # latency, ms
    p90: float
    p95: float
    p99: float
    max: float
    tool: str

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def have_wrk() -> bool:
    return shutil.which("wrk") is not None


def _lua(reqs: list[Req], ports: list[int], *, think_ms: int, expect: int, batch: bool) -> str:
    tokens = sorted({r.token for r in reqs})
    index = {t: i + 1 for i, t in enumerate(tokens)}
    spec = ",\n".join(f'{{"{r.method}","{r.path}",{index[r.token]},' + ("nil" if r.body is None else
                                                                         f"[==[{r.body}]==]")
                      + ",{" + ",".join(f'["{k}"]="{v}"' for k, v in r.headers) + "}}"
                      for r in reqs)
    delay = (f"function delay() return {think_ms // 2} + math.random(0, {think_ms}) end" if think_ms else "")
    return f"""
local auths = {{{",".join(f'"Bearer {t}"' if t else '""' for t in tokens)}}}
local spec = {{
{spec}
}}
local reqs, threads, n = {{}}, {{}}, 0
local ports = {{{",".join(map(str, ports))}}}
function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
  thread.addr = wrk.lookup("127.0.0.1", tostring(ports[(#threads - 1) % #ports + 1]))[1]
end
function init(args)
  for k, s in ipairs(spec) do
    local h = {{}}
    if auths[s[3]] ~= "" then h["Authorization"] = auths[s[3]] end
    if s[4] then h["Content-Type"] = "application/json" end
    for k, v in pairs(s[5]) do h[k] = v end
    reqs[k] = wrk.format(s[1], s[2], h, s[4])
  end
  n = (tid * 7919) % #reqs
  math.randomseed(tid * 1000003 + os.time())
  good, bad = 0, 0
end
function request()
  n = n % #reqs + 1
  return reqs[n]
end
{delay}
function response(status, headers, body)
  if {"true" if batch else "false"} then
    if status == 200 then
      good = good + tonumber(string.match(body, '"accepted":(%d+)') or 0)
      bad = bad + tonumber(string.match(body, '"rejected":(%d+)') or 0)
                + tonumber(string.match(body, '"duplicates":(%d+)') or 0)
    else
      bad = bad + 1
    end
  elseif status == {expect} then
    good = good + 1
  else
    bad = bad + 1
  end
end
function done(summary, latency, requests)
  local g, b = 0, 0
  for _, t in ipairs(threads) do
    g = g + t:get("good")
    b = b + t:get("bad")
  end
  local e = summary.errors
  io.write(string.format('WRKJSON {{"requests":%d,"duration_us":%d,"good":%d,"bad":%d,"errors":%d,' ..
    '"p50":%d,"p90":%d,"p95":%d,"p99":%d,"max":%d}}\\n', summary.requests, summary.duration, g, b,
    e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(90),
    latency:percentile(95), latency:percentile(99), latency.max))
end
"""


async def _wrk(urls: list[str], reqs: list[Req], connections: int, seconds: float, think_ms: int, expect: int,
               batch: bool, threads: int) -> LoadResult:
    ports = [urlparse(u).port for u in urls]
    threads = max(threads, len(urls)) // len(urls) * len(urls)  # each thread keeps to one API process
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(_lua(reqs, ports, think_ms=think_ms, expect=expect, batch=batch))
    try:
        proc = await asyncio.create_subprocess_exec(
            "wrk", f"-t{min(threads, connections)}", f"-c{connections}", f"-d{max(1, math.ceil(seconds))}s",
            "--timeout", "30s", "-s", f.name, urls[0], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            out, _ = await asyncio.wait_for(proc.communicate(), seconds + 90)
        except TimeoutError:
            proc.kill()
            raise
    finally:
        os.unlink(f.name)
    text = out.decode()
    line = next((ln for ln in text.splitlines() if ln.startswith("WRKJSON ")), None)
    if line is None:
        raise RuntimeError(f"wrk failed: {text[-2000:]}")
    d = json.loads(line[len("WRKJSON "):])
    ms = {k: d[k] / 1000 for k in ("p50", "p90", "p95", "p99", "max")}
    return LoadResult(d["requests"], d["duration_us"] / 1e6, d["good"], d["bad"], d["errors"], tool="wrk", **ms)


async def _httpx(urls: list[str], reqs: list[Req], connections: int, seconds: float, think_ms: int, expect: int,
                 batch: bool) -> LoadResult:
    lat: list[float] = []
    counts = {"good": 0, "bad": 0, "errors": 0}
    t0 = time.monotonic()
    stop = t0 + seconds

    async def user(c: httpx.AsyncClient, start: int) -> None:
        i, rnd = start, random.Random(start)
        while time.monotonic() < stop:
            if think_ms:
                await asyncio.sleep((think_ms / 2 + rnd.uniform(0, think_ms)) / 1000)
            r = reqs[i % len(reqs)]
            i += 1
            t = time.monotonic()
            try:
                resp = await c.request(r.method, r.path, content=r.body, headers={
                    **({"authorization": f"Bearer {r.token}"} if r.token else {}),
                    "content-type": "application/json", **dict(r.headers)})
            except httpx.HTTPError:
                counts["errors"] += 1
                continue
            lat.append((time.monotonic() - t) * 1000)
            if batch and resp.status_code == 200:
                body = resp.json()
                counts["good"] += body["accepted"]
                counts["bad"] += body["rejected"] + body["duplicates"]
            else:
                counts["good" if resp.status_code == expect else "bad"] += 1

    per = math.ceil(connections / len(urls))
    limits = httpx.Limits(max_connections=per, max_keepalive_connections=per)
    clients = [httpx.AsyncClient(base_url=u, limits=limits, timeout=30) for u in urls]
    try:
        await asyncio.gather(*(user(clients[k % len(urls)], k * 7919) for k in range(connections)))
    finally:
        for c in clients:
            await c.aclose()

    return LoadResult(len(lat), time.monotonic() - t0, counts["good"], counts["bad"], counts["errors"],
                      percentile(lat, 50), percentile(lat, 90), percentile(lat, 95), percentile(lat, 99),
                      max(lat, default=float("nan")), tool="httpx")


async def run(urls: list[str], reqs: list[Req], *, connections: int, seconds: float, think_ms: int = 0,
              expect: int = 200, batch: bool = False, threads: int = 2) -> LoadResult:
    """Drive `reqs` (cycled; each wrk thread starts elsewhere in the list) at the API processes at
    `urls` for `seconds`, the connections split evenly over them."""
    if have_wrk():
        return await _wrk(urls, reqs, connections, seconds, think_ms, expect, batch, threads)
    return await _httpx(urls, reqs, connections, seconds, think_ms, expect, batch)
