"""OpenTelemetry tracing, as an option: set `OTEL_EXPORTER_OTLP_ENDPOINT` (e.g.
http://collector:4318) and every process exports spans over OTLP/HTTP; unset, nothing is traced
and a span costs one attribute check.

Spans of one activity, in one trace: the HTTP request (`POST /api/v1/activities`, server kind,
continuing a `traceparent` the client sent) → `ledger.transaction` → `board.apply` (the Redis
script) → `realtime.publish` (the live frames). Single posts share group-commit transactions
(`ledger.group_commit`): the shared transaction's spans belong to the request that leads the group.

Needs the `otel` extra (`pip install 'reprally[otel]'`: opentelemetry-sdk and the OTLP/HTTP
exporter); the standard OTEL_* variables (OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES,
OTEL_EXPORTER_OTLP_HEADERS, ...) apply.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

#: OpenTelemetry's modules, loaded when tracing is switched on: they are an optional extra, and
#: importing them costs a process a third of a second to a second at start (entry points,
#: protobuf), so a process that does not trace never loads them (`importlib` rather than an
#: import statement, for the same reason).
_OTEL_MODULES = {
    "propagate": "opentelemetry.propagate",
    "trace": "opentelemetry.trace",
    "exporter": "opentelemetry.exporter.otlp.proto.http.trace_exporter",
    "resources": "opentelemetry.sdk.resources",
    "sdk": "opentelemetry.sdk.trace",
    "export": "opentelemetry.sdk.trace.export",
}


def _module(key: str) -> Any:
    return importlib.import_module(_OTEL_MODULES[key])


log = logging.getLogger("reprally.tracing")

#: The tracer spans come from; None: tracing is off.
_tracer: Any = None


def enabled() -> bool:
    return _tracer is not None


@contextmanager
def _span(
    name: str, attributes: Mapping[str, Any] | None, context: Any = None, kind: Any = None
) -> Iterator[Any]:
    with _tracer.start_as_current_span(name, context=context, kind=kind, attributes=attributes) as s:
        yield s


class _Off:
    """The span of tracing switched off: does nothing, costs nothing."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


_OFF = _Off()


def span(name: str, **attributes: Any) -> Any:
    """`with span("ledger.transaction", items=3): ...`: a child of the current span (or nothing)."""
    if _tracer is None:
        return _OFF
    return _span(name, attributes or None)


def server_span(name: str, headers: list[tuple[bytes, bytes]]) -> Any:
    """The span of an incoming HTTP request, continuing the caller's `traceparent` if it sent one."""
    if _tracer is None:
        return _OFF
    carrier = {
        k.decode("latin-1"): v.decode("latin-1") for k, v in headers if k in (b"traceparent", b"tracestate")
    }
    context = _module("propagate").extract(carrier) if carrier else None
    return _span(name, None, context, _module("trace").SpanKind.SERVER)


def use(provider: Any) -> None:
    """Trace into `provider` (an SDK TracerProvider; tests pass one with an in-memory exporter);
    None switches tracing off."""
    global _tracer
    _tracer = None if provider is None else provider.get_tracer("reprally")


def setup_from_env(environ: Mapping[str, str], service: str) -> bool:
    """OTLP/HTTP export when OTEL_EXPORTER_OTLP_ENDPOINT (or ..._TRACES_ENDPOINT) is set; True if on."""
    if not (environ.get("OTEL_EXPORTER_OTLP_ENDPOINT") or environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")):
        return False
    try:
        exporter, resources, sdk, export = (_module(k) for k in ("exporter", "resources", "sdk", "export"))
    except ImportError:
        log.warning(
            "OTEL_EXPORTER_OTLP_ENDPOINT is set but OpenTelemetry is not installed "
            "(pip install 'reprally[otel]'): no tracing"
        )
        return False
    name = environ.get("OTEL_SERVICE_NAME") or service
    provider = sdk.TracerProvider(resource=resources.Resource.create({"service.name": name}))
    provider.add_span_processor(export.BatchSpanProcessor(exporter.OTLPSpanExporter()))
    use(provider)
    log.info(
        "tracing to %s as %s",
        environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") or environ.get("OTEL_EXPORTER_OTLP_ENDPOINT"),
        name,
    )
    return True
