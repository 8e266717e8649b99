"""The request middleware of the API: a request id, one access line and the request metrics per
request, and the `GET /metrics` route.

It wraps Litestar's ASGI handler (`observe`), outside routing, so unknown paths (404) and
refused methods (405) are counted too (route `unmatched`). After the response it reads what the
router and the authentication left in the scope: the route template (`/api/v1/contests/{id}`,
never the raw path) and the caller (org, user, role; never an email or a token).
"""

from __future__ import annotations

import hmac
import logging
import os
import re
import time
from typing import Any

from litestar import Request, Response, get
from litestar.types import ASGIApp, Message, Receive, Send

from server.core.clock import wall_time
from server.core.observability import metrics, tracing
from server.core.observability.logs import REQUEST_ID

ACCESS_LOGGER = "reprally.access"
log = logging.getLogger(ACCESS_LOGGER)

#: An `X-Request-ID` the API adopts (else it makes one): 1-128 characters of this set.
REQUEST_ID_RE = re.compile(r"[A-Za-z0-9._:@/+=-]{1,128}")
_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})
#: Where `server.core.web.caller_first` keeps the caller (`Principal`) in the request state.
_PRINCIPAL = "reprally_principal"


def request_id(scope: Any) -> str:
    for name, value in scope["headers"]:
        if name == b"x-request-id":
            try:
                text: str = value.decode("ascii")
            except UnicodeDecodeError:
                break
            if REQUEST_ID_RE.fullmatch(text):
                return text
            break
    return os.urandom(16).hex()


#: (method, route, status) -> its counter and histogram children: `labels()` takes a lock and
#: builds a key each time. Bounded as the labels are (route templates, methods, statuses).
_CHILDREN: dict[tuple[str, str, int], tuple[Any, Any]] = {}


def _children(method: str, route: str, status: int) -> tuple[Any, Any]:
    found = _CHILDREN.get((method, route, status))
    if found is None:
        code = str(status)
        found = _CHILDREN[(method, route, status)] = (
            metrics.HTTP_REQUESTS.labels(method, route, code),
            metrics.HTTP_DURATION.labels(method, route, code),
        )
    return found


#: Every attribute of an access line's record but its time, arguments and fields (same process,
#: same event loop thread).
_TEMPLATE = dict(logging.LogRecord(ACCESS_LOGGER, logging.INFO, __file__, 0, "%s %s %d", (), None).__dict__)
_STARTED = wall_time() - (_TEMPLATE["relativeCreated"] / 1000)


class Observed:
    """ASGI middleware: request id in and out, access log line, request metrics."""

    def __init__(self, app: ASGIApp, *, with_metrics: bool = True, access_log: bool = True) -> None:
        self.app, self.with_metrics, self.access_log = app, with_metrics, access_log

    async def __call__(self, scope: Any, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = request_id(scope)
        rid_header = (b"x-request-id", rid.encode())
        status = 500
        started = time.perf_counter()
        reset = REQUEST_ID.set(rid)

        async def send_(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", ()), rid_header]
            await send(message)

        if self.with_metrics:
            metrics.HTTP_IN_FLIGHT.inc()
        try:
            if tracing.enabled():
                await self._traced(scope, receive, send_, rid, lambda: status)
            else:
                await self.app(scope, receive, send_)
        finally:
            elapsed = time.perf_counter() - started
            method = scope["method"] if scope["method"] in _METHODS else "OTHER"
            route = scope.get("path_template") or "unmatched"
            if self.with_metrics:
                metrics.HTTP_IN_FLIGHT.dec()
                count, duration = _children(method, route, status)
                count.inc()
                duration.observe(elapsed)
            if self.access_log:
                self._log(scope, rid, method, route, status, elapsed)
            REQUEST_ID.reset(reset)

    async def _traced(self, scope: Any, receive: Receive, send: Send, rid: str, status: Any) -> None:
        method = scope["method"] if scope["method"] in _METHODS else "OTHER"
        with tracing.server_span(f"{method}", scope["headers"]) as sp:
            try:
                await self.app(scope, receive, send)
            finally:
                route = scope.get("path_template") or "unmatched"
                sp.update_name(f"{method} {route}")
                sp.set_attributes(
                    {
                        "http.request.method": method,
                        "http.route": route,
                        "http.response.status_code": status(),
                        "reprally.request_id": rid,
                    }
                )

    @staticmethod
    def _log(scope: Any, rid: str, method: str, route: str, status: int, elapsed: float) -> None:
        if not log.isEnabledFor(logging.INFO):
            return
        caller = scope.get("state", {}).get(_PRINCIPAL)
        client = scope.get("client")
        # A record made from a template: `log.info` would look for its caller's frame and fill
        # in the process and thread every time (most of the line's cost).
        record = logging.LogRecord.__new__(logging.LogRecord)
        now = wall_time()
        record.__dict__.update(_TEMPLATE)
        record.created, record.msecs = now, (now - int(now)) * 1000
        record.relativeCreated = (now - _STARTED) * 1000
        record.args = (method, route, status)
        record.fields = {
            "event": "request",
            "request_id": rid,
            "method": method,
            "route": route,
            "status": status,
            "duration_ms": round(elapsed * 1000, 2),
            "org_id": getattr(caller, "org_id", None),
            "user_id": getattr(caller, "user_id", None),
            "role": getattr(caller, "role", None),
            "api_key_id": getattr(caller, "api_key_id", None),
            "display_id": getattr(caller, "display_id", None),
            "client": client[0] if client else None,
        }
        log.handle(record)


def observe(app: Any, *, with_metrics: bool, access_log: bool) -> None:
    """Wrap a Litestar app's ASGI handler (inside its `before_send` hooks, outside its routing)."""
    app.asgi_handler = Observed(app.asgi_handler, with_metrics=with_metrics, access_log=access_log)


def metrics_route(token: str) -> Any:
    """`GET /metrics` (Prometheus text format). With `token` (METRICS_TOKEN) only a scraper
    sending `Authorization: Bearer <token>` reads it; without, anyone who reaches the API process
    does, so the proxy (deploy/nginx.conf) refuses /metrics from outside."""

    @get("/metrics", include_in_schema=False, name="metrics", sync_to_thread=False)
    def metrics_handler(request: Request[Any, Any, Any]) -> Response[bytes]:
        if token and not _token_ok(request.headers.get("authorization", ""), token):
            return Response(
                b"metrics need 'Authorization: Bearer <METRICS_TOKEN>'\n",
                status_code=401,
                media_type="text/plain",
                headers={"www-authenticate": "Bearer"},
            )
        body, content_type = metrics.render()
        return Response(body, media_type=content_type)

    return metrics_handler


def _token_ok(header: str, token: str) -> bool:
    scheme, _, given = header.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())
