"""Integrations (admins): the org's CRM and webhook sources, connecting one, their status and lag,
and the CRM owners that match no rep yet, each with a form to map it to a rep; and the chat
channels (Slack, Teams) wins are posted to, with their status, a form to connect one and buttons
to send a test message or disconnect.

Every call is a `server.integrations.service` call, as the JSON API makes it (the same checks, the
same audit entries). A secret made on creation (a Standard Webhooks signing secret, a Salesforce
webhook URL's secret path) is shown once, in the answer to the form that made it: it is not kept
anywhere the page could show it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from litestar import Controller, Request, get, post
from litestar.response import Redirect, Template

from server.accounts import service as accounts
from server.accounts.models import User
from server.admin import web
from server.chat import rules as chat_rules
from server.chat import service as chat
from server.chat.schemas import ChannelCreate
from server.core.errors import DomainError, NotFound
from server.core.runtime import Runtime
from server.integrations import intake
from server.integrations import schemas as iw
from server.integrations import service as integrations

KINDS = [
    ("standard_webhooks", "Signed webhooks (Standard Webhooks)"),
    ("hubspot", "HubSpot"),
    ("salesforce", "Salesforce"),
]
#: The form's fields besides kind and name (blank ones are left out, as the API leaves them).
FIELDS = ("signing_secret", "client_secret", "access_token", "portal_id", "organization_id", "instance_url")
#: The most unmatched owners listed per integration (the JSON API pages through the rest).
UNMATCHED_SHOWN = 50
PROVIDERS = [("slack", "Slack (incoming webhook)"), ("teams", "Microsoft Teams (workflow webhook)")]
TOPICS = [("deals_won", "Deals won"), ("contest_launches", "Contest launches"),
          ("contest_results", "Contest results"), ("badges", "Badges"), ("kudos", "Kudos"), ("level_ups", "Level-ups")]
#: The chat form's fields; its errors are keyed `chat:<field>` (the source form has a `name` too).
CHAT_FIELDS = ("provider", "name", "quiet_start", "quiet_end", "hourly_cap")


@dataclass(frozen=True, slots=True)
class Listed:
    shown: integrations.Shown
    status: integrations.Status
    p50: int | None
    p99: int | None
    unmatched: list[tuple[str, str | None, int]]  # crm owner id, email, events waiting


def _base_url(rt: Runtime, request: Request[Any, Any, Any]) -> str:
    return intake.public_uri(rt.settings.public_url, request.url.scheme, request.headers, "")


async def _unmatched(rt: Runtime, v: web.Viewer, integration_id: int) -> list[tuple[str, str | None, int]]:
    """Owners with no rep: those seen without a mapping, and those of events left unmatched."""
    links = await integrations.owners(rt, v.principal, integration_id)
    waiting: dict[str, int] = {}
    for e in await integrations.events(rt, v.principal, integration_id, "unmatched", None, 200):
        if e.owner_ref:
            waiting[e.owner_ref] = waiting.get(e.owner_ref, 0) + 1
    emails = {r.crm_owner_id: r.email for r in links}
    mapped = {r.crm_owner_id for r in links if r.user_id is not None}
    owners = [o for o in dict.fromkeys([*waiting, *(r.crm_owner_id for r in links)]) if o not in mapped]
    return [(o, emails.get(o), waiting.get(o, 0)) for o in owners[:UNMATCHED_SHOWN]]


class IntegrationsController(Controller):
    path = "/admin/integrations"
    include_in_schema = False

    @get("/", name="admin_integrations")
    async def page(self, request: Request[Any, Any, Any], rt: Runtime) -> Template:
        v = await web.viewer(request, rt, page="Integrations")
        return await self._page(rt, request, v, {}, {"kind": "standard_webhooks"}, None, None)

    async def _page(
        self,
        rt: Runtime,
        request: Request[Any, Any, Any],
        v: web.Viewer,
        errors: dict[str, str],
        values: dict[str, Any],
        created: integrations.Shown | None,
        notice: str | None,
    ) -> Template:
        rows: list[Listed] = []
        for shown in await integrations.list_all(rt, v.principal, _base_url(rt, request)):
            s = await integrations.status(rt, v.principal, shown.row.id)
            rows.append(
                Listed(
                    shown,
                    s,
                    integrations.percentile(s.lag_ms, 0.5),
                    integrations.percentile(s.lag_ms, 0.99),
                    await _unmatched(rt, v, shown.row.id),
                )
            )
        reps: list[User] = []
        if any(r.unmatched for r in rows):
            _, reps = await accounts.list_users(
                rt, v.principal, team_id=None, role="rep", active=True, limit=500, offset=0
            )
        return web.page(
            "integrations.html",
            v,
            "Integrations",
            chats=await chat.list_all(rt, v.principal),
            providers=PROVIDERS,
            topics=TOPICS,
            tiers=chat_rules.BADGE_TIERS,
            rows=rows,
            kinds=KINDS,
            errors=errors,
            values=values,
            created=created,
            notice=notice,
            reps=reps,
        )

    @post("/", status_code=200)
    async def create(self, request: Request[Any, Any, Any], rt: Runtime) -> Template:
        """Connect a source; the answer is the page with its secrets shown this once."""
        v = await web.viewer(request, rt, page="Integrations")
        form = await request.form()
        values: dict[str, Any] = {k: str(form.get(k) or "").strip() for k in ("kind", "name", *FIELDS)}
        data: dict[str, Any] = {k: val for k, val in values.items() if val}
        data.setdefault("name", "")
        try:
            created = await integrations.create(
                rt, v.principal, web.convert(data, iw.IntegrationCreate), _base_url(rt, request)
            )
        except (web.FieldErrors, DomainError) as exc:
            errors = exc.errors if isinstance(exc, web.FieldErrors) else _service_errors(exc)
            # secrets typed into the form are not sent back to the browser
            shown = {k: val for k, val in values.items() if k not in integrations.SECRET_FIELDS}
            t = await self._page(rt, request, v, errors, shown, None, None)
            t.status_code = exc.status_code if isinstance(exc, DomainError) else 400
            return t
        return await self._page(
            rt, request, v, {}, {"kind": values["kind"] or "standard_webhooks"}, created, None
        )

    @post("/{integration_id:int}/owners", status_code=303)
    async def map_owner(
        self, integration_id: int, request: Request[Any, Any, Any], rt: Runtime
    ) -> Redirect | Template:
        v = await web.viewer(request, rt, page="Integrations")
        form = await request.form()
        owner = str(form.get("crm_owner_id") or "").strip()
        raw = str(form.get("user_id") or "").strip()
        if not 1 <= len(owner) <= 64:
            raise NotFound("owner_not_found", "no such CRM owner")
        try:
            if not raw.isdigit() or len(raw) > 18:
                raise web.FieldErrors({f"owner:{integration_id}:{owner}": "Choose a rep."})
            await integrations.map_owner(rt, v.principal, integration_id, owner, int(raw))
        except (web.FieldErrors, DomainError) as exc:
            if isinstance(exc, DomainError) and exc.code == "integration_not_found":
                raise
            key = f"owner:{integration_id}:{owner}"
            errors = (
                exc.errors if isinstance(exc, web.FieldErrors) else {key: web.field_errors(exc).popitem()[1]}
            )
            t = await self._page(rt, request, v, errors, {"kind": "standard_webhooks"}, None, None)
            t.status_code = exc.status_code if isinstance(exc, DomainError) else 400
            return t
        return web.redirect("/admin/integrations")


    @post("/chat", status_code=303)
    async def connect_chat(self, request: Request[Any, Any, Any], rt: Runtime) -> Redirect | Template:
        """Connect a Slack or Teams channel; the URL typed in is never sent back to the browser."""
        v = await web.viewer(request, rt, page="Integrations")
        form = await request.form()
        values: dict[str, Any] = {k: str(form.get(k) or "").strip() for k in CHAT_FIELDS}
        data: dict[str, Any] = {k: val for k, val in values.items() if val}
        data.update(name=values["name"], url=str(form.get("url") or "").strip(),
                    topics=[str(t) for t in form.getall("topics")] if "topics" in form else [],
                    badge_tiers=[str(t) for t in form.getall("badge_tiers")] if "badge_tiers" in form else [])
        try:
            await chat.create(rt, v.principal, web.convert(data, ChannelCreate))
        except (web.FieldErrors, DomainError) as exc:
            found = exc.errors if isinstance(exc, web.FieldErrors) else _service_errors(exc)
            errors = {f"chat:{k}": m for k, m in found.items()}
            t = await self._page(rt, request, v, errors, {"kind": "standard_webhooks", "chat": values}, None, None)
            t.status_code = exc.status_code if isinstance(exc, DomainError) else 400
            return t
        return web.redirect("/admin/integrations")

    @post("/chat/{channel_id:int}/test", status_code=200)
    async def test_chat(self, channel_id: int, request: Request[Any, Any, Any], rt: Runtime) -> Template:
        v = await web.viewer(request, rt, page="Integrations")
        await chat.send_test(rt, v.principal, channel_id)
        return await self._page(rt, request, v, {}, {"kind": "standard_webhooks"}, None,
                                "A test message is on its way.")

    @post("/chat/{channel_id:int}/delete", status_code=303)
    async def delete_chat(self, channel_id: int, request: Request[Any, Any, Any], rt: Runtime) -> Redirect:
        v = await web.viewer(request, rt, page="Integrations")
        await chat.delete(rt, v.principal, channel_id)
        return web.redirect("/admin/integrations")


def _service_errors(exc: DomainError) -> dict[str, str]:
    """The service names the fields it misses or refuses in `details.fields`: the first goes beside its field."""
    fields = (exc.details or {}).get("fields")
    if isinstance(fields, list) and fields and isinstance(fields[0], str):
        return {fields[0]: exc.message[:1].upper() + exc.message[1:] + "."}
    if exc.code == "invalid_signing_secret":
        return {"signing_secret": exc.message[:1].upper() + exc.message[1:] + "."}
    return web.field_errors(exc)
