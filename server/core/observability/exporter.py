"""`GET /metrics` of the game server and the worker, on a port of their own
(REALTIME_METRICS_PORT, WORKER_METRICS_PORT; 0, the default, serves none).

A minimal HTTP/1.0 responder on the process's event loop: one request per connection, only
`GET /metrics` (404 otherwise), bounded headers, the same METRICS_TOKEN rule as the API's.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
from collections.abc import AsyncIterator

from server.core.observability import metrics

log = logging.getLogger("reprally.metrics")
_MAX_HEAD = 8192
_TIMEOUT_S = 5.0


def _answer(
    status: str, body: bytes, content_type: str = "text/plain; charset=utf-8", extra: str = ""
) -> bytes:
    head = (
        f"HTTP/1.0 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
        f"{extra}Connection: close\r\n\r\n"
    )
    return head.encode() + body


def respond(head: bytes, token: str) -> bytes:
    """The answer to one request head (the request line and headers)."""
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3 or parts[0] != "GET" or parts[1].split("?")[0] != "/metrics":
        return _answer("404 Not Found", b"only GET /metrics here\n")
    if token:
        auth = next(
            (ln.split(":", 1)[1].strip() for ln in lines[1:] if ln.lower().startswith("authorization:")), ""
        )
        scheme, _, given = auth.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
            return _answer(
                "401 Unauthorized",
                b"metrics need 'Authorization: Bearer <METRICS_TOKEN>'\n",
                extra="WWW-Authenticate: Bearer\r\n",
            )
    body, content_type = metrics.render()
    return _answer("200 OK", body, content_type)


async def _serve_one(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, token: str) -> None:
    try:
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), _TIMEOUT_S)
        writer.write(respond(head[:_MAX_HEAD], token))
        await asyncio.wait_for(writer.drain(), _TIMEOUT_S)
    except (TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
        pass
    finally:
        writer.close()
        with contextlib.suppress(Exception):
            await writer.wait_closed()


@contextlib.asynccontextmanager
async def serving(host: str, port: int, token: str, what: str) -> AsyncIterator[int | None]:
    """Serve /metrics on host:port while the block runs; yields the bound port (None when `port` is 0)."""
    if not port:
        yield None
        return
    server = await asyncio.start_server(lambda r, w: _serve_one(r, w, token), host, port, limit=_MAX_HEAD)
    bound = server.sockets[0].getsockname()[1]
    log.info("%s metrics on http://%s:%s/metrics", what, host, bound)
    try:
        yield bound
    finally:
        server.close()
        await server.wait_closed()
