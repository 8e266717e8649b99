"""A loopback stand-in of Slack's incoming webhooks and Teams' workflow webhooks: a real HTTP
server on 127.0.0.1 that records every request and answers as scripted (Slack answers `ok`, a
Teams workflow 202; `answer(429, retry_after=7)` and the like queue other answers, in order)."""

from __future__ import annotations

import json
import threading
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from typing import Any

from tests.support.loopback import Loopback


@dataclass(slots=True)
class Seen:
    path: str
    headers: dict[str, str]
    body: Any


class WebhookStandIn:
    def __init__(self, provider: str) -> None:
        self.provider = provider
        self.requests: list[Seen] = []
        self._answers: deque[tuple[int, str, dict[str, str]]] = deque()
        self._lock = threading.Lock()
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                raw = self.rfile.read(int(self.headers.get("content-length") or 0))
                status, text, headers = standin._take(self.path, dict(self.headers.items()), json.loads(raw))
                data = text.encode()
                self.send_response(status)
                self.send_header("content-type", "text/plain")
                self.send_header("content-length", str(len(data)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = Loopback(Handler)
        self.base = self._server.url

    def url(self, secret: str) -> str:
        if self.provider == "slack":
            return f"{self.base}/services/T0001/B0002/{secret}"
        return f"{self.base}/workflows/{secret}/triggers/manual/paths/invoke?sig={secret}"

    def answer(self, status: int, text: str = "", *, retry_after: str | None = None, times: int = 1) -> None:
        headers = {"retry-after": retry_after} if retry_after is not None else {}
        with self._lock:
            self._answers.extend([(status, text, headers)] * times)

    def _take(self, path: str, headers: dict[str, str], body: Any) -> tuple[int, str, dict[str, str]]:
        with self._lock:
            self.requests.append(Seen(path, headers, body))
            if self._answers:
                return self._answers.popleft()
        return (200, "ok", {}) if self.provider == "slack" else (202, "", {})

    @property
    def bodies(self) -> list[Any]:
        return [r.body for r in self.requests]

    def stop(self) -> None:
        self._server.stop()
