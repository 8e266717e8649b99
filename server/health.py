"""Liveness and readiness."""

from __future__ import annotations

from litestar import Controller, Response, get
from litestar.openapi import ResponseSpec
from msgspec import Struct
from sqlalchemy import text

from server.core.runtime import Runtime


class Health(Struct, omit_defaults=True):
    status: str
    database: str | None = None
    redis: str | None = None


class HealthController(Controller):
    tags = ["health"]

    @get("/healthz", summary="The process is alive")
    async def healthz(self) -> Health:
        return Health("ok")

    @get("/readyz", summary="The database and Redis answer",
         responses={503: ResponseSpec(Health, description="The database or Redis does not answer",
                                      generate_examples=False)})
    async def readyz(self, rt: Runtime) -> Response[Health]:
        db = redis = "ok"
        try:
            async with rt.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        except Exception as exc:  # noqa: BLE001 - any failure means not ready
            db = f"error: {type(exc).__name__}"
        try:
            await rt.redis.ping()
        except Exception as exc:  # noqa: BLE001
            redis = f"error: {type(exc).__name__}"
        ok = db == "ok" and redis == "ok"
        return Response(Health("ok" if ok else "unavailable", db, redis), status_code=200 if ok else 503)
