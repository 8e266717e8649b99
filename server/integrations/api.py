"""The integrations admin API (admins only) and the webhook endpoints the sources call.

The webhook endpoints are not authenticated by a token: the integration's signature (or, for
Salesforce, its secret path and organization id) is the credential. They are rate-limited per
client address (`throttle.py`) and size-limited: the `WEBHOOK_MAX_BODY` setting (1 MiB by
default), never above `WEBHOOK_MAX_BODY` here (4 MiB).
"""

from __future__ import annotations

from typing import Any, Literal

import msgspec
from litestar import Controller, Request, Response, delete, get, patch, post, put
from litestar.di import Provide
from litestar.params import Parameter

from server.core.auth import Principal
from server.core.contract.openapi import errors
from server.core.errors import DomainError
from server.core.runtime import Runtime
from server.core.web import provide_principal, require_admin
from server.core.wire import changes
from server.integrations import intake, service
from server.integrations import schemas as w
from server.integrations.connectors.base import Delivery
from server.integrations.rules import Rules

#: The hard cap of a webhook body (a Salesforce message of 100 notifications fits many times).
WEBHOOK_MAX_BODY = 4 * 1024 * 1024
EventStatus = Literal["pending", "done", "stale", "unmatched", "ignored", "error"]


def _base_url(rt: Runtime, request: Request[Any, Any, Any]) -> str:
    return intake.public_uri(rt.settings.public_url, request.url.scheme, request.headers, "")


def integration_out(shown: service.Shown) -> w.IntegrationOut:
    r = shown.row
    config = r.config
    return w.IntegrationOut(
        r.id, r.kind, r.name, r.active, shown.webhook_url, config.get("portal_id"), config.get("organization_id"),
        config.get("api_base"), config.get("instance_url"), config.get("poll_every_s"),
        msgspec.convert(r.rules, Rules), shown.secrets, r.created_at, r.updated_at, shown.once.get("signing_secret"))


def event_out(r: Any) -> w.IntegrationEventOut:
    return w.IntegrationEventOut(r.id, r.status, r.event_type, r.object_type, r.object_id, r.owner_ref, r.received_at,
                      r.source_at, r.error_code, r.error_message)


class IntegrationController(Controller):
    path = "/api/v1/integrations"
    dependencies = {"principal": Provide(provide_principal)}
    tags = ["integrations"]

    @post("/", operation_id="createIntegration",
          status_code=201, summary="Connect a CRM or a signing source (admins); secrets made here are shown once")
    async def create(self, data: w.IntegrationCreate, principal: Principal, rt: Runtime,
                     request: Request[Any, Any, Any]) -> w.IntegrationOut:
        require_admin(principal)
        return integration_out(await service.create(rt, principal, data, _base_url(rt, request)))

    @get("/", operation_id="listIntegrations",
         summary="The org's integrations (admins); secrets are never shown")
    async def list_integrations(self, principal: Principal, rt: Runtime,
                                request: Request[Any, Any, Any]) -> w.IntegrationList:
        require_admin(principal)
        return w.IntegrationList([integration_out(s) for s in
                                  await service.list_all(rt, principal, _base_url(rt, request))])

    @get("/{integration_id:int}", operation_id="getIntegration")
    async def get_integration(self, integration_id: int, principal: Principal, rt: Runtime,
                              request: Request[Any, Any, Any]) -> w.IntegrationOut:
        require_admin(principal)
        return integration_out(await service.get(rt, principal, integration_id, _base_url(rt, request)))

    @patch("/{integration_id:int}", operation_id="updateIntegration",
           summary="Change an integration: name, active, rules, secrets, or rotate one")
    async def update(self, integration_id: int, data: w.IntegrationUpdate, principal: Principal, rt: Runtime,
                     request: Request[Any, Any, Any]) -> w.IntegrationOut:
        require_admin(principal)
        return integration_out(await service.update(rt, principal, integration_id, changes(data),
                                                    _base_url(rt, request)))

    @delete("/{integration_id:int}", operation_id="deleteIntegration", status_code=204,
            summary="Disconnect: the integration and its inbox go; the points it gave stay")
    async def remove(self, integration_id: int, principal: Principal, rt: Runtime) -> None:
        require_admin(principal)
        await service.delete(rt, principal, integration_id)

    @put("/{integration_id:int}/owners/{crm_owner_id:str}", operation_id="mapCrmOwner",
         summary="Map a CRM owner to a rep (null: by email again); their unmatched events are scored")
    async def map_owner(self, integration_id: int, crm_owner_id: str, data: w.OwnerMapping, principal: Principal,
                        rt: Runtime) -> w.OwnerOut:
        require_admin(principal)
        if not 1 <= len(crm_owner_id) <= 64:
            raise DomainError("invalid_owner_id", "a CRM owner id has 1 to 64 characters")
        link, requeued = await service.map_owner(rt, principal, integration_id, crm_owner_id, data.user_id)
        return w.OwnerOut(link.crm_owner_id, link.email, link.user_id, requeued)

    @get("/{integration_id:int}/owners", operation_id="listCrmOwners",
         summary="The CRM owners seen, their emails and mappings")
    async def list_owners(self, integration_id: int, principal: Principal, rt: Runtime) -> list[w.OwnerOut]:
        require_admin(principal)
        return [w.OwnerOut(r.crm_owner_id, r.email, r.user_id) for r in
                await service.owners(rt, principal, integration_id)]

    @get("/{integration_id:int}/unmatched", operation_id="listUnmatchedEvents",
         summary="Events whose owner matches no rep yet, newest first")
    async def unmatched(self, integration_id: int, principal: Principal, rt: Runtime,
                        before_id: int | None = Parameter(default=None, ge=1),
                        limit: int = Parameter(default=50, ge=1, le=200)) -> w.EventPage:
        return await self._events(integration_id, principal, rt, "unmatched", before_id, limit)

    @get("/{integration_id:int}/events", operation_id="listIntegrationEvents",
         summary="The inbox, newest first (filter by status)")
    async def events(self, integration_id: int, principal: Principal, rt: Runtime,
                     status: EventStatus | None = None,
                     before_id: int | None = Parameter(default=None, ge=1),
                     limit: int = Parameter(default=50, ge=1, le=200)) -> w.EventPage:
        return await self._events(integration_id, principal, rt, status, before_id, limit)

    async def _events(self, integration_id: int, principal: Principal, rt: Runtime, status: str | None,
                      before_id: int | None, limit: int) -> w.EventPage:
        require_admin(principal)
        rows = await service.events(rt, principal, integration_id, status, before_id, limit)
        return w.EventPage([event_out(r) for r in rows], rows[-1].id if len(rows) == limit else None)

    @get("/{integration_id:int}/status", operation_id="getIntegrationStatus",
         summary="Events accepted, duplicates, rejected by reason, lag to points")
    async def status(self, integration_id: int, principal: Principal, rt: Runtime) -> w.StatusOut:
        require_admin(principal)
        s = await service.status(rt, principal, integration_id)
        c = s.counts
        return w.StatusOut(
            integration_id, accepted=sum(c.values()) - c.get("error", 0), duplicates=s.duplicates,
            pending=c.get("pending", 0), applied=c.get("done", 0), stale=c.get("stale", 0),
            ignored=c.get("ignored", 0), unmatched=c.get("unmatched", 0), rejected=s.rejected,
            signature_failures=s.signature_failures, last_event_at=s.last_event_at,
            lag=w.Lag(service.percentile(s.lag_ms, 0.5), service.percentile(s.lag_ms, 0.99), len(s.lag_ms)),
            poll_last_at=s.poll_last_at, poll_last_error=s.poll_last_error)


class HookController(Controller):
    """`POST /api/v1/hooks/<hook id>` (Salesforce: `.../<hook id>/<secret path>`), unauthenticated."""

    path = "/api/v1/hooks"
    tags = ["webhooks"]

    @post("/{hook_id:str}", operation_id="deliverWebhook",
          status_code=200, request_max_body_size=WEBHOOK_MAX_BODY, responses=errors(401, 403, 413),
          summary="A webhook delivery (signed); a duplicate is a 200 that changes nothing")
    async def deliver(self, hook_id: str, request: Request[Any, Any, Any], rt: Runtime) -> Response[w.DeliveryAck]:
        return await _deliver(rt, request, hook_id, None)  # the ack, already encoded

    @post("/{hook_id:str}/{path_secret:str}", operation_id="deliverWebhookBySecretPath",
          status_code=200, request_max_body_size=WEBHOOK_MAX_BODY,
          media_type="text/xml", responses=errors(401, 403, 413),
          summary="A Salesforce Outbound Message (secret path), answered with its SOAP <Ack>true</Ack>")
    async def deliver_secret_path(self, hook_id: str, path_secret: str, request: Request[Any, Any, Any],
                                  rt: Runtime) -> Response[str]:
        return await _deliver(rt, request, hook_id, path_secret)  # the SOAP ack


async def _deliver(rt: Runtime, request: Request[Any, Any, Any], hook_id: str,
                   path_secret: str | None) -> Response[Any]:
    cap = min(rt.settings.webhook_max_body, WEBHOOK_MAX_BODY)
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > cap:
        raise intake.TooLarge(cap)
    body = await request.body()
    if len(body) > cap:
        raise intake.TooLarge(cap)
    raw_path = request.scope.get("raw_path") or request.url.path.encode()
    query = request.scope.get("query_string") or b""
    uri = intake.public_uri(rt.settings.public_url, request.url.scheme, request.headers,
                            raw_path.decode("latin-1") + (f"?{query.decode('latin-1')}" if query else ""))
    delivery = Delivery(request.method, uri, {k.lower(): v for k, v in request.headers.items()}, body)
    client = request.client.host if request.client is not None else "unknown"
    answer = await intake.receive(rt, hook_id, path_secret, delivery, client)
    return Response(answer.body, status_code=answer.status, media_type=answer.media_type)
