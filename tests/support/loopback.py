"""A real HTTP server on 127.0.0.1 in a thread, for the stand-ins of vendors' APIs (FCM, HubSpot,
Salesforce): their handlers answer as the vendor documents."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class _Server(ThreadingHTTPServer):
    request_queue_size = 1024  # the default backlog of 5 drops a client's concurrent connects
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client closing its pooled connection is not news


class Loopback:
    """Serves `handler` on a free port of 127.0.0.1 until `stop()`; `url` is its base URL."""

    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self._server = _Server(("127.0.0.1", 0), handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
