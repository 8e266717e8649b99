"""The game-server process: `reprally realtime` (websockets on REALTIME_HOST:REALTIME_PORT, path /ws)."""

from __future__ import annotations

import asyncio
import contextlib
import http
import logging
from collections.abc import Awaitable, Callable

from websockets.asyncio.server import ServerConnection, serve
from websockets.http11 import Request, Response

from realtime import health
from realtime.connection import Conn
from realtime.hub import Hub
from realtime.protocol import MAX_MESSAGE_BYTES
from server.core.ops.dependencies import Backoff, report_reachable, report_unreachable
from server.core.runtime import Runtime

log = logging.getLogger("reprally.realtime")

PING_INTERVAL_S = 20
PING_TIMEOUT_S = 20


def _only_ws_path(connection: ServerConnection, request: Request) -> Response | None:
    if request.path.split("?")[0] != "/ws":
        return connection.respond(http.HTTPStatus.NOT_FOUND, "the websocket endpoint is /ws\n")
    return None


def _routes(rt: Runtime, started: asyncio.Event) -> Callable[[ServerConnection, Request], Awaitable[Response | None]]:
    """/healthz and /readyz (realtime.health), /ws for websockets once the hub runs, 404 for anything else."""

    async def process_request(connection: ServerConnection, request: Request) -> Response | None:
        if request.path.split("?")[0] in health.PATHS:
            return await health.answer(rt, connection, request)
        refused = _only_ws_path(connection, request)
        if refused is None and not started.is_set():
            return connection.respond(http.HTTPStatus.SERVICE_UNAVAILABLE, "starting: Redis does not answer yet\n")
        return refused

    return process_request


async def _start_hub(hub: Hub, rt: Runtime, stop: asyncio.Event) -> bool:
    """Start the hub, waiting (backoff, one line per 30 s) while Redis cannot be reached; False if
    stopped first."""
    backoff = Backoff()
    while not stop.is_set():
        try:
            await hub.start()
            report_reachable(rt.settings.database_url, rt.settings.redis_url)
            return True
        except Exception as exc:
            delay = backoff.next()
            if not report_unreachable(exc, rt.settings.database_url, rt.settings.redis_url, delay):
                raise
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), delay)
    return False


async def run(rt: Runtime, host: str, port: int, stop: asyncio.Event, ready: asyncio.Event | None = None) -> None:
    """Serve until `stop`. The port answers /healthz at once, and /readyz 503 while Redis or the
    database does not; websockets are accepted (and `ready` set) once the hub runs."""
    hub = Hub(rt)
    started = asyncio.Event()

    async def handler(ws: ServerConnection) -> None:
        await Conn(ws, hub).run()

    async with serve(handler, host, port, process_request=_routes(rt, started), max_size=MAX_MESSAGE_BYTES,
                     ping_interval=PING_INTERVAL_S, ping_timeout=PING_TIMEOUT_S, max_queue=32,
                     compression=None, server_header=None) as server:  # no "Server: websockets" banner
        if await _start_hub(hub, rt, stop):
            started.set()
            log.info("game server listening on ws://%s:%s/ws", host, port)
            if ready is not None:
                ready.set()
            await stop.wait()
        server.close()
    if started.is_set():
        await hub.stop()
