"""`GET /healthz` and `GET /readyz` on the game server's port, answered before any websocket
handshake (websockets' `process_request`): 200 while the process lives, and 200 or 503 as the
database and Redis answer, in the API's shape (`{"status", "database", "redis"}`)."""

from __future__ import annotations

import http

import msgspec
from websockets.asyncio.server import ServerConnection
from websockets.datastructures import Headers
from websockets.http11 import Request, Response

from server.core.ops.dependencies import probe_stores
from server.core.runtime import Runtime

PATHS = ("/healthz", "/readyz")


class Health(msgspec.Struct, omit_defaults=True):
    status: str
    database: str | None = None
    redis: str | None = None


def _json(status: http.HTTPStatus, body: Health) -> Response:
    data = msgspec.json.encode(body)
    headers = Headers(
        [
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(data))),
            ("Cache-Control", "no-store"),
            ("Connection", "close"),
        ]
    )
    return Response(status.value, status.phrase, headers, data)


async def answer(rt: Runtime, connection: ServerConnection, request: Request) -> Response:
    """The response to a request for one of `PATHS`."""
    path = request.path.split("?")[0]
    if path == "/healthz":
        return _json(http.HTTPStatus.OK, Health("ok"))
    db, redis = await probe_stores(rt.engine, rt.redis)
    ok = db == redis == "ok"
    return _json(
        http.HTTPStatus.OK if ok else http.HTTPStatus.SERVICE_UNAVAILABLE,
        Health("ok" if ok else "unavailable", db, redis),
    )
