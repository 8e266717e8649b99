"""The ASGI application: `uvicorn server.app:app`."""

from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from pathlib import Path

from litestar import Litestar
from litestar.config.cors import CORSConfig
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.static_files import create_static_files_router

import server.features  # noqa: F401 - installs the features' hooks
from server.api.errors import HANDLERS
from server.api.routes.accounts import OrgController, PublicController
from server.api.routes.activities import ActivityController
from server.api.routes.contests import ContestController
from server.api.routes.displays import DisplayController, DisplayPairingController
from server.api.routes.habits import HabitsController
from server.api.routes.health import HealthController
from server.api.routes.leaderboards import LeaderboardController
from server.api.routes.notifications import NotificationController
from server.api.routes.social import KudosController, RewardController
from server.api.security import runtime
from server.config import Settings, get_settings
from server.runtime import Runtime
from server.services.board_sync import run_sync_loop


def clients_dir() -> Path:
    """The browser clients: beside the package in a checkout, else under the working directory."""
    here = Path(__file__).resolve().parent.parent / "clients"
    return here if here.is_dir() else Path.cwd() / "clients"


def create_app(settings: Settings | None = None, rt: Runtime | None = None, *, background: bool = True) -> Litestar:
    """Build the app. Tests pass their own runtime; otherwise one is made from the environment."""

    @asynccontextmanager
    async def lifespan(app: Litestar):
        own = rt is None
        app.state.rt = rt or Runtime(settings or get_settings())
        if background:
            app.state.rt.start_background(run_sync_loop(app.state.rt))
        try:
            yield
        finally:
            if own:
                await app.state.rt.close()

    return Litestar(
        route_handlers=[HealthController, PublicController, OrgController, ActivityController,
                        LeaderboardController, DisplayController, DisplayPairingController,
                        KudosController, RewardController, ContestController, HabitsController, NotificationController,
                        create_static_files_router(path="/tv", directories=[clients_dir() / "tv"], html_mode=True,
                                                   include_in_schema=False, name="tv")],
        dependencies={"rt": Provide(runtime, sync_to_thread=False)},
        exception_handlers=HANDLERS,
        lifespan=[lifespan],
        cors_config=CORSConfig(allow_origins=["*"], allow_headers=["authorization", "content-type", "x-api-key"]),
        openapi_config=OpenAPIConfig(title="RepRally API", version="1", path="/schema",
                                     render_plugins=[SwaggerRenderPlugin()]),
        request_max_body_size=2 * 1024 * 1024,
        logging_config=None,
    )


logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
app = create_app()
