"""Liveness and readiness (docs/operations.md)."""

from __future__ import annotations

from litestar import Controller, Response, get
from litestar.openapi import ResponseSpec
from msgspec import Struct

from server.core.ops.dependencies import probe_stores
from server.core.runtime import Runtime
from server.heartbeat import status as worker_status


class Health(Struct, omit_defaults=True):
    status: str
    database: str | None = None
    redis: str | None = None
    #: The freshest worker heartbeat: "ok: ...", "stale: last heartbeat 75 s ago" or "none: ..."
    #: (absent when no worker has written one and none is required).
    worker: str | None = None


class HealthController(Controller):
    tags = ["health"]

    @get("/healthz", operation_id="getHealth", summary="The process is alive")
    async def healthz(self) -> Health:
        return Health("ok")

    @get(
        "/readyz",
        operation_id="getReadiness",
        summary="The database and Redis answer, and the worker's heartbeat is fresh",
        responses={
            503: ResponseSpec(
                Health,
                description="The database or Redis does not answer, or the "
                "worker's heartbeat is stale (or missing while REQUIRE_WORKER is set)",
                generate_examples=False,
            )
        },
    )
    async def readyz(self, rt: Runtime) -> Response[Health]:
        db, redis = await probe_stores(rt.engine, rt.redis)
        worker: str | None = None
        worker_ok = True
        if redis == "ok":
            try:
                w = await worker_status(rt)
            except Exception as exc:  # noqa: BLE001
                redis = f"error: {type(exc).__name__}"
            else:
                worker_ok = w.state == "ok" or (w.state == "none" and not rt.settings.require_worker)
                if w.state != "none" or rt.settings.require_worker:
                    worker = w.describe()
        ok = db == "ok" and redis == "ok" and worker_ok
        return Response(
            Health("ok" if ok else "unavailable", db, redis, worker), status_code=200 if ok else 503
        )
