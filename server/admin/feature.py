"""The admin: its pages under one router, whose errors are pages, not JSON.

Routes only: the admin has no hooks, jobs or tables of its own (the audit log it shows is the
accounts package's). Listed last in `server/features.py`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader
from litestar import Request, Response, Router
from litestar.contrib.jinja import JinjaTemplateEngine
from litestar.response import Template

from server.admin import web
from server.admin.contest_wizard import ContestWizardController
from server.admin.displays_page import DisplaysController
from server.admin.experiments_page import ExperimentsController
from server.admin.habits_page import BadgesController, MissionsController
from server.admin.import_page import ImportController
from server.admin.integrations_page import IntegrationsController
from server.admin.people import PeopleController
from server.admin.programme import ProgrammeController
from server.admin.rewards_page import RewardsController
from server.admin.settings_page import SettingsController
from server.admin.signin import SignInController
from server.admin.targets_page import TargetsController
from server.core.errors import DomainError
from server.core.feature import Feature

TEMPLATES = Path(__file__).resolve().parent / "templates"


def template_engine() -> JinjaTemplateEngine:
    """Jinja over the admin's templates, autoescaped; compiled once (no file check per render)."""
    return JinjaTemplateEngine.from_environment(
        Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, auto_reload=False)
    )


def _login(request: Request[Any, Any, Any], exc: web.LoginRequired) -> Response[Any]:
    if request.headers.get("hx-request"):  # htmx follows this header, not a 303, to a full page
        return Response(None, status_code=401, headers={"hx-redirect": "/admin/login"})
    return web.login_redirect(exc.next_path if request.method == "GET" else "/admin/")


def _error_page(status: int, title: str, message: str) -> Template:
    t = web.page("error.html", None, "", title=title, message=message, status=status)
    t.status_code = status
    return t


def _no_admin(_: Request[Any, Any, Any], exc: web.NoAdmin) -> Template:
    return _error_page(403, "Not for you", exc.message)


def _domain(_: Request[Any, Any, Any], exc: DomainError) -> Template:
    if exc.status_code == 404:
        return _error_page(404, "Not found", "There is nothing here, or it is not yours to see.")
    if exc.code == "csrf_failed":
        return _error_page(403, "Form expired", exc.message)
    if exc.status_code == 403:
        return _error_page(403, "Not allowed", exc.message)
    return _error_page(exc.status_code, "That did not work", exc.message)


ROUTER = Router(
    path="/",
    route_handlers=[
        SignInController,
        ImportController,
        ContestWizardController,
        PeopleController,
        ProgrammeController,
        RewardsController,
        DisplaysController,
        TargetsController,
        MissionsController,
        BadgesController,
        IntegrationsController,
        ExperimentsController,
        SettingsController,
    ],
    include_in_schema=False,
    exception_handlers={web.LoginRequired: _login, web.NoAdmin: _no_admin, DomainError: _domain},
)

FEATURE = Feature("admin", routes=(ROUTER,))
