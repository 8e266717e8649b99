"""The ASGI application: `uvicorn server.app:app`."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from litestar import Litestar, Request, Response, get
from litestar.di import Provide
from litestar.response import Redirect
from litestar.static_files import create_static_files_router
from litestar.template.config import TemplateConfig

import server.models  # noqa: F401 - every table on the metadata (foreign keys across features)
from server.admin.feature import template_engine
from server.core.contract.openapi import SWAGGER_ASSETS, openapi_config
from server.core.contract.requests import ApiRequest, strict_query
from server.core.edge.headers import cors, security_headers
from server.core.http import HANDLERS
from server.core.observability.http import metrics_route, observe
from server.core.observability.logs import configure_from_env
from server.core.observability.tracing import setup_from_env as setup_tracing
from server.core.ops.dependencies import wait_until_reachable
from server.core.runtime import Runtime
from server.core.settings import Settings, get_settings, parse_env
from server.core.web import caller_first, runtime
from server.displays.api import realtime_url
from server.features import make_runtime, routes
from server.health import HealthController
from server.ledger.sync import run_sync_loop


def clients_dir() -> Path:
    """The browser clients: beside the package in a checkout, else under the working directory."""
    here = Path(__file__).resolve().parent.parent / "clients"
    return here if here.is_dir() else Path.cwd() / "clients"


def _slash(name: str) -> Any:
    """`/<name>` answers with a redirect to `/<name>/`: the page's assets are relative to it
    (`tv.js`, `app.js`), so served without the slash they would resolve one level up and 404, a
    blank screen. The Location is relative, so the page also works behind a reverse proxy's path
    prefix."""
    bare = f"/{name}".encode()

    async def redirect(request: Request[Any, Any, Any]) -> Response[None] | None:
        raw = request.scope.get("raw_path") or request.scope["path"].encode()  # routing drops the trailing slash
        if raw.endswith(bare):
            query = request.scope.get("query_string", b"").decode("latin-1")
            return Response(None, status_code=301, headers={"location": f"{name}/" + (f"?{query}" if query else "")})
        return None

    return redirect


@get("/app/config.json", include_in_schema=False, sync_to_thread=False)
def rep_app_config(request: Request[Any, Any, Any], rt: Runtime) -> dict[str, str]:
    """The rep app's one deployment setting: where its websocket goes (as the TV is told). A copy
    of clients/app served from elsewhere writes this file itself."""
    return {"realtime_url": realtime_url(request, rt)}


@get("/", include_in_schema=False, sync_to_thread=False)
def home() -> Redirect:
    """`/` leads to the web admin (its sign-in page for a browser without a session). The Location is
    relative, so it also works behind a reverse proxy's path prefix."""
    return Redirect("admin/", status_code=302)


async def _caller_then_query(request: Request[Any, Any, Any]) -> None:
    """Who is calling first (401 before any 400), then the query's flags."""
    await caller_first(request)
    await strict_query(request)


def create_app(settings: Settings | None = None, rt: Runtime | None = None, *, background: bool = True) -> Litestar:
    """Build the app. Tests pass their own runtime; otherwise one is made from the environment."""
    edge = settings or (rt.settings if rt is not None else parse_env())  # CORS and headers, known at build time

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        own = rt is None
        app.state.rt = rt or make_runtime(settings or get_settings())
        if background:
            started = app.state.rt
            # a database or Redis out of reach at start: one clear line per 30 s, /readyz 503 until both answer
            started.start_background(wait_until_reachable(started.engine, started.settings.database_url,
                                                          started.redis, started.settings.redis_url))
            started.start_background(run_sync_loop(started))
        try:
            yield
        finally:
            if own:
                await app.state.rt.close()

    app = Litestar(
        route_handlers=[HealthController, metrics_route(edge.metrics_token), *routes(),
                        create_static_files_router(path="/tv", directories=[clients_dir() / "tv"], html_mode=True,
                                                   include_in_schema=False, name="tv", before_request=_slash("tv")),
                        rep_app_config,
                        create_static_files_router(path="/app", directories=[clients_dir() / "app"], html_mode=True,
                                                   include_in_schema=False, name="app", before_request=_slash("app")),
                        create_static_files_router(path="/admin/static", directories=[clients_dir() / "admin"],
                                                   include_in_schema=False, name="admin_static"),
                        create_static_files_router(path=SWAGGER_ASSETS, directories=[clients_dir() / "swagger-ui"],
                                                   include_in_schema=False, name="swagger_ui"),
                        home],
        template_config=TemplateConfig(instance=template_engine()),
        dependencies={"rt": Provide(runtime, sync_to_thread=False)},
        exception_handlers=HANDLERS,
        lifespan=[lifespan],
        cors_config=cors(edge.cors_origins),
        before_send=[security_headers(edge)],
        openapi_config=openapi_config("RepRally API", "1"),
        request_class=ApiRequest,
        before_request=_caller_then_query,
        request_max_body_size=2 * 1024 * 1024,
        logging_config=None,
    )
    observe(app, with_metrics=edge.metrics_enabled, access_log=edge.access_log)
    return app


configure_from_env(os.environ, force=False)  # LOG_FORMAT, LOG_LEVEL (`reprally` has set it up already)
setup_tracing(os.environ, "reprally-api")  # OTEL_EXPORTER_OTLP_ENDPOINT: off unless set
app = create_app()
