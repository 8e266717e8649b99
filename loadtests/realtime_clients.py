"""A client process of the realtime benchmark: many websocket clients of the game server.

Run by bench_realtime.py as `python loadtests/realtime_clients.py <config.json>` and driven
through stdin/stdout, one JSON object per line:

  {"cmd": "connect"}    open every socket, send auth, wait for auth_ok
  {"cmd": "subscribe"}  every socket with a channel subscribes and waits for its snapshot
  {"cmd": "mark"}       start of the measurement window: reset the frame counters
  {"cmd": "stats"}      frame counters since the mark
  {"cmd": "report", "events": path, "out": path}
                        match the load generator's events against what the probes saw,
                        write latencies and per-(server, channel) offset digests to `out`
  {"cmd": "close"}      close every socket and exit

Per-frame work is kept small, so that the clients do not cost as much CPU as the server they
measure. The sockets are not `websockets` clients but a minimal RFC 6455 client (`RawWS`: an
asyncio Protocol that splits the byte stream into frames itself, no task per socket, no
futures per message; it answers pings and close frames). Every socket checks that offsets are
contiguous and that the bytes of each offset are the same as on the other sockets of the
same (server, channel) (CRC32); only probe sockets decode JSON and timestamp
(time.monotonic(), the same clock in every process on Linux) the first frame where a user's
score reaches a value.
"""

from __future__ import annotations

import asyncio
import base64
import bisect
import contextlib
import json
import os
import sys
import time
import zlib
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

OFFSET_KEY = b'"offset":'
EPOCH_KEY = b'"epoch":"'
_MASK = b"\0\0\0\0"  # a client must mask its frames; a zero key leaves the payload as it is


class Closed(Exception):
    pass


def _client_frame(opcode: int, payload: bytes) -> bytes:
    n = len(payload)
    if n < 126:
        head = bytes((0x80 | opcode, 0x80 | n))
    elif n < 65536:
        head = bytes((0x80 | opcode, 0x80 | 126)) + n.to_bytes(2, "big")
    else:
        head = bytes((0x80 | opcode, 0x80 | 127)) + n.to_bytes(8, "big")
    return head + _MASK + payload


class RawWS(asyncio.Protocol):
    """One websocket client connection, parsed by hand: the server never fragments or masks, so
    a frame is a 2-10 byte header and the payload. Text frames go to `on_text` (or to a waiter
    during authentication); pings are answered; a close frame is answered and ends the socket."""

    def __init__(self, host: str, path: str, on_text) -> None:
        self.host, self.path, self.on_text = host, path, on_text
        self.transport: asyncio.Transport | None = None
        self.buf = bytearray()
        self.opened = asyncio.get_running_loop().create_future()
        self.waiter: asyncio.Future | None = None
        self.handshaken = False
        self.closed: str | None = None

    def connection_made(self, transport) -> None:
        self.transport = transport
        key = base64.b64encode(os.urandom(16)).decode()
        transport.write(f"GET {self.path} HTTP/1.1\r\nHost: {self.host}\r\nUpgrade: websocket\r\n"
                        f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
                        .encode())

    def data_received(self, data: bytes) -> None:
        buf = self.buf
        buf += data
        if not self.handshaken:
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                return
            status = bytes(buf[:12])
            del buf[:end + 4]
            self.handshaken = True
            if not status.startswith(b"HTTP/1.1 101"):
                self.opened.set_exception(OSError(f"handshake refused: {status!r}"))
                self.transport.close()
                return
            self.opened.set_result(None)
        pos, size = 0, len(buf)
        while size - pos >= 2:
            opcode, n = buf[pos] & 0x0F, buf[pos + 1] & 0x7F
            head = 2
            if n == 126:
                if size - pos < 4:
                    break
                n, head = int.from_bytes(buf[pos + 2:pos + 4], "big"), 4
            elif n == 127:
                if size - pos < 10:
                    break
                n, head = int.from_bytes(buf[pos + 2:pos + 10], "big"), 10
            if size - pos < head + n:
                break
            payload = bytes(buf[pos + head:pos + head + n])
            pos += head + n
            if opcode == 1:
                w = self.waiter
                if w is not None:
                    self.waiter = None
                    if not w.done():
                        w.set_result(payload)
                else:
                    self.on_text(payload)
            elif opcode == 9:
                self.transport.write(_client_frame(10, payload))
            elif opcode == 8:
                code = int.from_bytes(payload[:2], "big") if len(payload) >= 2 else 1005
                self.closed = str(code)
                self.transport.write(_client_frame(8, payload[:2]))
                self.transport.close()
        if pos:
            del buf[:pos]

    def connection_lost(self, exc) -> None:
        if self.closed is None:
            self.closed = "no-close-frame"
        if not self.opened.done():
            self.opened.set_exception(OSError("connection lost during the handshake"))
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_exception(Closed(self.closed))

    def send(self, text: str) -> None:
        if self.closed is None and self.transport is not None and not self.transport.is_closing():
            self.transport.write(_client_frame(1, text.encode()))

    async def recv(self, timeout_s: float) -> bytes:
        if self.closed is not None:
            raise Closed(self.closed)
        self.waiter = asyncio.get_running_loop().create_future()
        return await asyncio.wait_for(self.waiter, timeout_s)

    def close(self) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(_client_frame(8, (1000).to_bytes(2, "big")))
            self.transport.close()


class Client:
    __slots__ = ("url", "token", "channel", "probe", "server", "ws", "epoch", "last", "frames", "gaps", "dups",
                 "closed", "obs", "snap_event", "task", "start_offset", "retries", "epoch_changes")

    def __init__(self, spec: dict) -> None:
        self.url = spec["url"]
        self.token = spec["token"]
        self.channel = spec.get("channel")
        self.probe = bool(spec.get("probe"))
        self.server = spec.get("server", 0)
        self.ws = None
        self.epoch: str | None = None
        self.last = -1
        self.start_offset = -1
        self.frames = 0
        self.gaps = 0
        self.dups = 0
        self.closed: str | None = None
        self.obs: dict[int, tuple[list[int], list[float]]] | None = {} if self.probe else None
        self.snap_event: asyncio.Event | None = None
        self.task: asyncio.Task | None = None
        self.retries = 0
        self.epoch_changes = 0


SUBSCRIBE_RETRIES = 10
SUBSCRIBE_RETRY_S = 0.5
RETRY_CODES = ("unavailable", "boards_unavailable")  # transient: the server says try again


class Process:
    def __init__(self, config: dict) -> None:
        self.config = config
        self.clients = [Client(s) for s in config["conns"]]
        self.max_s = float(config.get("max_seconds", 3600))
        self.started = time.monotonic()
        self.bytes = 0
        self.frames = 0
        self.errors: Counter[str] = Counter()
        self.mismatch = 0
        # (server, channel) -> {offset: crc32 of the frame}; shared by all sockets of that pair
        self.refs: dict[tuple[int, str], dict[str, int]] = {}  # values keyed "epoch:offset"
        self.window_offsets: dict[tuple[int, str], list[int]] = {}

    # -- connecting ----------------------------------------------------------------------------
    async def _open(self, c: Client, sem: asyncio.Semaphore) -> None:
        async with sem:
            u = urlsplit(c.url)
            timeout_s = float(self.config.get("open_timeout", 60))
            ws = None
            try:
                loop = asyncio.get_running_loop()
                _, ws = await asyncio.wait_for(loop.create_connection(
                    lambda: RawWS(u.netloc, u.path or "/", lambda data: self._frame(c, data, time.monotonic())),
                    u.hostname, u.port), timeout_s)
                await asyncio.wait_for(ws.opened, timeout_s)
                ws.send(json.dumps({"op": "auth", "token": c.token}))
                first = json.loads(await ws.recv(30))
                if first.get("type") != "auth_ok":
                    self.errors[f"auth:{first.get('code')}"] += 1
                    ws.close()
                    ws = None
            except (OSError, TimeoutError, Closed) as exc:
                self.errors[f"connect:{type(exc).__name__}"] += 1
                if ws is not None:
                    ws.close()
                ws = None
            c.ws = ws

    async def connect_all(self) -> dict:
        t0 = time.monotonic()
        sem = asyncio.Semaphore(int(self.config.get("connect_concurrency", 100)))
        await asyncio.gather(*(self._open(c, sem) for c in self.clients))
        ok = sum(1 for c in self.clients if c.ws is not None)
        return {"auth_ok": ok, "failed": len(self.clients) - ok, "errors": dict(self.errors),
                "secs": round(time.monotonic() - t0, 2)}

    # -- subscribing and receiving -------------------------------------------------------------------
    async def subscribe_all(self) -> dict:
        t0 = time.monotonic()
        sem = asyncio.Semaphore(int(self.config.get("connect_concurrency", 100)))

        async def one(c: Client) -> None:
            async with sem:
                c.snap_event = asyncio.Event()
                c.ws.send(json.dumps({"op": "subscribe", "channel": c.channel}))
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(c.snap_event.wait(), 60)

        todo = [c for c in self.clients if c.ws is not None and c.channel]
        await asyncio.gather(*(one(c) for c in todo))
        snaps = sum(1 for c in todo if c.epoch is not None)
        return {"subscribed": snaps, "missing": len(todo) - snaps, "errors": dict(self.errors),
                "secs": round(time.monotonic() - t0, 2)}

    def _frame(self, c: Client, data: bytes, now: float) -> None:
        c.frames += 1
        self.frames += 1
        self.bytes += len(data)
        if c.epoch is None:  # the answer to subscribe: a snapshot (or an error)
            f = json.loads(data)
            if f.get("type") == "snapshot":
                c.epoch, c.last, c.start_offset = f["epoch"], f["offset"], f["offset"]
                if c.probe:
                    self._observe(c, f.get("entries", ()), now)
            else:
                code = f.get("code", f.get("type"))
                self.errors[f"subscribe:{code}"] += 1
                if code in RETRY_CODES and c.retries < SUBSCRIBE_RETRIES:  # as a real client would
                    c.retries += 1
                    asyncio.get_running_loop().call_later(SUBSCRIBE_RETRY_S, self._resubscribe, c)
                    return
            if c.snap_event is not None:
                c.snap_event.set()
            return
        i = data.rfind(OFFSET_KEY)
        if i < 0:
            self.errors["frame-without-offset"] += 1
            return
        offset = int(data[i + len(OFFSET_KEY):-1])
        j = data.rfind(EPOCH_KEY, 0, i)
        epoch = data[j + len(EPOCH_KEY):data.index(b'"', j + len(EPOCH_KEY))].decode() if j >= 0 else c.epoch
        if epoch != c.epoch:  # the channel's history was lost (Redis flushed): offsets start again
            c.epoch_changes += 1
            c.epoch = epoch
            c.last = offset - 1
        if offset == c.last + 1:
            c.last = offset
        elif offset <= c.last:
            c.dups += 1
        else:
            c.gaps += 1
            c.last = offset
        ref = self.refs.get((c.server, c.channel))
        if ref is None:
            ref = self.refs[(c.server, c.channel)] = {}
        crc = zlib.crc32(data)
        prev = ref.setdefault(f"{epoch}:{offset}", crc)
        if prev != crc:
            self.mismatch += 1
        if c.probe:
            f = json.loads(data)
            self._observe(c, f.get("entries", ()), now)

    @staticmethod
    def _resubscribe(c: Client) -> None:
        c.ws.send(json.dumps({"op": "subscribe", "channel": c.channel}))

    @staticmethod
    def _observe(c: Client, entries, now: float) -> None:
        for e in entries:
            uid, score = e["user_id"], e["score"]
            seen = c.obs.get(uid)
            if seen is None:
                c.obs[uid] = ([score], [now])
            elif score > seen[0][-1]:
                seen[0].append(score)
                seen[1].append(now)

    # -- counters and the report -----------------------------------------------------------------------
    def mark(self) -> dict:
        self.frames = 0
        self.bytes = 0
        self.mark_t = time.monotonic()
        self.window_offsets = {}
        for c in self.clients:
            if c.channel and c.epoch is not None:
                self.window_offsets.setdefault((c.server, c.channel), [c.last, c.last])
        return {"t": self.mark_t}

    def stats(self) -> dict:
        secs = time.monotonic() - getattr(self, "mark_t", self.started)
        for c in self.clients:
            if c.channel and c.epoch is not None:
                w = self.window_offsets.get((c.server, c.channel))
                if w is not None:
                    w[1] = max(w[1], c.last)
        closed = Counter(c.ws.closed for c in self.clients if c.ws is not None and c.ws.closed)
        return {"frames": self.frames, "bytes": self.bytes, "secs": round(secs, 3),
                "open": sum(1 for c in self.clients if c.ws is not None and c.ws.closed is None),
                "closed": dict(closed), "gaps": sum(c.gaps for c in self.clients),
                "dups": sum(c.dups for c in self.clients), "mismatch": self.mismatch,
                "epoch_changes": sum(c.epoch_changes for c in self.clients),
                "errors": dict(self.errors), "rss_kib": _rss_kib(),
                "window_offsets": {f"{s}|{ch}": v for (s, ch), v in self.window_offsets.items()}}

    def report(self, events_path: str, out_path: str) -> dict:
        """Latency of every (event, probe) pair: first time the probe saw the user's score reach the
        expected value, minus the time the HTTP response arrived."""
        with open(events_path) as f:
            events = json.load(f)  # [[metric, user_id, expected_score, t_response, t_sent], ...]
        by_metric: dict[str, list] = {}
        for ev in events:
            by_metric.setdefault(ev[0], []).append(ev)
        latencies: dict[str, list[float]] = {}
        from_sent: dict[str, list[float]] = {}
        missed: dict[str, int] = {}
        probes = [c for c in self.clients if c.probe and c.epoch is not None]
        for c in probes:
            metric = c.channel.split(":")[1]
            out = latencies.setdefault(c.channel, [])
            out_sent = from_sent.setdefault(c.channel, [])
            for _, uid, expected, t_resp, t_sent in by_metric.get(metric, ()):
                seen = c.obs.get(uid)
                if seen is None:
                    missed[c.channel] = missed.get(c.channel, 0) + 1
                    continue
                i = bisect.bisect_left(seen[0], expected)
                if i == len(seen[0]):
                    missed[c.channel] = missed.get(c.channel, 0) + 1
                    continue
                out.append(round((seen[1][i] - t_resp) * 1000, 2))
                out_sent.append(round((seen[1][i] - t_sent) * 1000, 2))
        result = {"probes": len(probes), "latencies_ms": latencies, "from_sent_ms": from_sent, "missed": missed,
                  "refs": {f"{s}|{ch}": ref for (s, ch), ref in self.refs.items()},
                  "stats": self.stats()}
        with open(out_path, "w") as f:
            json.dump(result, f)
        return {"written": out_path, "probes": len(probes)}

    async def close_all(self) -> None:
        for c in self.clients:
            if c.ws is not None:
                c.ws.close()
        await asyncio.sleep(0.5)  # let the close frames go out


def _rss_kib() -> int:
    with open(f"/proc/{os.getpid()}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def _reply(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


async def main(config_path: str) -> None:
    config = json.loads(Path(config_path).read_text())
    proc = Process(config)
    deadline = time.monotonic() + proc.max_s
    _reply({"ready": True, "pid": os.getpid(), "conns": len(proc.clients)})
    while time.monotonic() < deadline:  # one command per line until "close" or the lifetime ends
        line = await asyncio.to_thread(sys.stdin.readline)
        if not line:
            break
        cmd = json.loads(line)
        name = cmd.get("cmd")
        try:
            if name == "connect":
                _reply(await proc.connect_all())
            elif name == "subscribe":
                _reply(await proc.subscribe_all())
            elif name == "mark":
                _reply(proc.mark())
            elif name == "stats":
                _reply(proc.stats())
            elif name == "report":
                _reply(await asyncio.to_thread(proc.report, cmd["events"], cmd["out"]))
            elif name == "close":
                await proc.close_all()
                _reply({"closed": True})
                break
            else:
                _reply({"error": f"unknown command {name}"})
        except Exception as exc:  # noqa: BLE001 - reported to the coordinator
            _reply({"error": f"{type(exc).__name__}: {exc}"})
    await proc.close_all()


if __name__ == "__main__":
    try:
        import uvloop  # the client side only: keep the load generator cheap
    except ImportError:
        uvloop = None
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    if uvloop is not None and os.environ.get("RT_CLIENT_UVLOOP", "1") == "1":
        uvloop.run(main(sys.argv[1]))
    else:
        asyncio.run(main(sys.argv[1]))
