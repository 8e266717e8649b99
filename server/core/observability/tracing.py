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

import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

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
    from opentelemetry import propagate
    from opentelemetry.trace import SpanKind

    carrier = {
        k.decode("latin-1"): v.decode("latin-1") for k, v in headers if k in (b"traceparent", b"tracestate")
    }
    return _span(name, None, propagate.extract(carrier) if carrier else None, SpanKind.SERVER)


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
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor
    except ImportError:
        log.warning(
            "OTEL_EXPORTER_OTLP_ENDPOINT is set but OpenTelemetry is not installed "
            "(pip install 'reprally[otel]'): no tracing"
        )
        return False
    name = environ.get("OTEL_SERVICE_NAME") or service
    provider = TracerProvider(resource=Resource.create({"service.name": name}))
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    use(provider)
    log.info(
        "tracing to %s as %s",
        environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") or environ.get("OTEL_EXPORTER_OTLP_ENDPOINT"),
        name,
    )
    return True
