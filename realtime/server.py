"""The game-server process: `reprally realtime` (websockets on REALTIME_HOST:REALTIME_PORT, path /ws)."""

from __future__ import annotations

import asyncio
import http
import logging
from collections.abc import Awaitable, Callable

from websockets.asyncio.server import ServerConnection, serve
from websockets.http11 import Request, Response

from realtime import health
from realtime.connection import Conn
from realtime.hub import Hub
from realtime.protocol import MAX_MESSAGE_BYTES
from server.core.runtime import Runtime

log = logging.getLogger("reprally.realtime")

PING_INTERVAL_S = 20
PING_TIMEOUT_S = 20


def _only_ws_path(connection: ServerConnection, request: Request) -> Response | None:
    if request.path.split("?")[0] != "/ws":
        return connection.respond(http.HTTPStatus.NOT_FOUND, "the websocket endpoint is /ws\n")
    return None


def _routes(rt: Runtime) -> Callable[[ServerConnection, Request], Awaitable[Response | None]]:
    """/healthz and /readyz (realtime.health), /ws for websockets, 404 for anything else."""

    async def process_request(connection: ServerConnection, request: Request) -> Response | None:
        if request.path.split("?")[0] in health.PATHS:
            return await health.answer(rt, connection, request)
        return _only_ws_path(connection, request)

    return process_request


async def run(rt: Runtime, host: str, port: int, stop: asyncio.Event, ready: asyncio.Event | None = None) -> None:
    hub = Hub(rt)
    await hub.start()

    async def handler(ws: ServerConnection) -> None:
        await Conn(ws, hub).run()

    async with serve(handler, host, port, process_request=_routes(rt), max_size=MAX_MESSAGE_BYTES,
                     ping_interval=PING_INTERVAL_S, ping_timeout=PING_TIMEOUT_S, max_queue=32,
                     compression=None, server_header=None) as server:  # no "Server: websockets" banner
        log.info("game server listening on ws://%s:%s/ws", host, port)
        if ready is not None:
            ready.set()
        await stop.wait()
        server.close()
    await hub.stop()

