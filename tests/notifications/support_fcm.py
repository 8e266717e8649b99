"""A stand-in of the FCM HTTP v1 endpoint: a real HTTP server on 127.0.0.1 that records every
request the firebase-admin SDK makes and answers with FCM's own success and error payloads.

    standin = FcmStandIn().start()          # standin.url -> FCM_ENDPOINT
    standin.fail("tok-1", "UNREGISTERED")   # the next send to tok-1 gets that error
    standin.fail("tok-2", "UNAVAILABLE", times=5)

Also: fixtures for a sender runtime pointed at it, and a guard that refuses any connection
that leaves the machine while the push tests run.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import socket
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler

import msgspec
import pytest

from tests.support.loopback import Loopback

#: FCM's error answers: errorCode -> (HTTP status, google.rpc status, message)
ERRORS = {
    "UNREGISTERED": (404, "NOT_FOUND", "Requested entity was not found."),
    "INVALID_ARGUMENT": (400, "INVALID_ARGUMENT", "The registration token is not a valid FCM registration token"),
    "INVALID_PAYLOAD": (400, "INVALID_ARGUMENT", "Invalid value at 'message.data[0].value' (TYPE_STRING)"),
    "SENDER_ID_MISMATCH": (403, "PERMISSION_DENIED", "SenderId mismatch"),
    "QUOTA_EXCEEDED": (429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Send requests'"),
    "UNAVAILABLE": (503, "UNAVAILABLE", "The service is currently unavailable."),
    "INTERNAL": (500, "INTERNAL", "Internal error encountered."),
    "THIRD_PARTY_AUTH_ERROR": (401, "UNAUTHENTICATED", "Auth error from APNS or Web Push Service"),
}


@dataclass(slots=True)
class Received:
    path: str
    headers: dict[str, str]
    body: dict
    at: float  # time.time() on arrival
    status: int

    @property
    def message(self) -> dict:
        return self.body.get("message", {})

    @property
    def token(self) -> str | None:
        return self.message.get("token")


class FcmStandIn:
    def __init__(self) -> None:
        self.requests: list[Received] = []
        self._script: dict[str, deque] = defaultdict(deque)
        self._lock = threading.Lock()
        self._ids = 0
        self._server: Loopback | None = None
        self.url = ""

    # -- control ----------------------------------------------------------------------------
    def start(self) -> FcmStandIn:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                raw = self.rfile.read(int(self.headers.get("content-length") or 0))
                status, payload, headers = standin._answer(self.path, {k.lower(): v for k, v in self.headers.items()}, raw)
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json; charset=UTF-8")
                self.send_header("content-length", str(len(data)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:  # noqa: N802 - `/_requests?from=N`: what was recorded (benchmarks)
                start = int(self.path.partition("from=")[2] or 0)
                with standin._lock:
                    rows = [{"token": r.token, "at": r.at, "status": r.status, "data": r.message.get("data", {})}
                            for r in standin.requests[start:]]
                data = json.dumps(rows).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:
                pass

        self._server = Loopback(Handler)
        self.url = self._server.url
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.stop()

    def fail(self, token: str, code: str, *, times: int = 1, retry_after: int | None = None) -> None:
        """The next `times` sends to `token` answer FCM's `code` error."""
        with self._lock:
            for _ in range(times):
                self._script[token].append((code, retry_after))

    def clear(self) -> None:
        with self._lock:
            self.requests.clear()
            self._script.clear()

    def to(self, token: str) -> list[Received]:
        with self._lock:
            return [r for r in self.requests if r.token == token]

    def delivered(self, token: str) -> list[Received]:
        return [r for r in self.to(token) if r.status == 200]

    # -- serving ------------------------------------------------------------------------------
    def _answer(self, path: str, headers: dict, raw: bytes) -> tuple[int, dict, dict]:
        body = json.loads(raw or b"{}")
        token = body.get("message", {}).get("token")
        with self._lock:
            script = self._script.get(token)
            step = script.popleft() if script else None
            if step is None:
                self._ids += 1
                status, project = 200, path.split("/")[3] if path.count("/") >= 3 else "demo"
                payload, extra = {"name": f"projects/{project}/messages/{self._ids}"}, {}
            else:
                code, retry_after = step
                status, rpc, text = ERRORS[code]
                error_code = "INVALID_ARGUMENT" if code == "INVALID_PAYLOAD" else code
                payload = {"error": {"code": status, "message": text, "status": rpc, "details": [
                    {"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode": error_code}]}}
                extra = {"Retry-After": str(retry_after)} if retry_after is not None else {}
            self.requests.append(Received(path, headers, body, time.time(), status))
        return status, payload, extra


# -- fixtures -------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def fcm_standin():
    standin = FcmStandIn().start()
    yield standin
    standin.stop()


@pytest.fixture(scope="session")
async def sender_rt(settings, fcm_standin):
    """A worker's runtime (same database and Redis as the API) whose SDK posts to the stand-in."""
    from server.features import make_runtime
    from server.notifications import fcm

    runtime = make_runtime(msgspec.structs.replace(settings, fcm_endpoint=fcm_standin.url))
    yield runtime
    await fcm.close()
    await runtime.close()


@contextlib.contextmanager
def settings_of(rt, **over):
    """Run with some settings changed on a runtime (e.g. the hourly cap)."""
    before = rt.settings
    rt.settings = msgspec.structs.replace(before, **over)
    try:
        yield rt
    finally:
        rt.settings = before


def _loopback(address) -> bool:
    if not isinstance(address, tuple):  # unix socket
        return True
    host = address[0]
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@pytest.fixture(scope="session", autouse=False)
def loopback_only():
    """Fail any connection to an address off this machine (Firebase must never be reached)."""
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def guard(fn):
        def connect(self, address):
            if not _loopback(address):
                raise AssertionError(f"test tried to reach {address!r} off the machine")
            return fn(self, address)
        return connect

    socket.socket.connect = guard(real_connect)
    socket.socket.connect_ex = guard(real_connect_ex)
    yield
    socket.socket.connect, socket.socket.connect_ex = real_connect, real_connect_ex


if __name__ == "__main__":  # a stand-alone stand-in (the benchmark runs it in its own process)
    import sys

    standin = FcmStandIn().start()
    print(standin.url, flush=True)
    sys.stdin.read()  # until the parent closes our stdin
    standin.stop()
