"""OpenTelemetry tracing (OTEL_EXPORTER_OTLP_ENDPOINT): one activity is one trace, from the HTTP
request through the ledger transaction, the Redis script and the realtime publish; a client's
`traceparent` is continued. Spans go to an in-memory exporter here."""

from __future__ import annotations

import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from server.core.observability import tracing

TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
PARENT = "00f067aa0ba902b7"


@pytest.fixture
def spans():
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    tracing.use(provider)
    yield exporter
    tracing.use(None)


async def test_one_activity_is_one_trace_from_request_to_publish(client, org, spans):
    rep = await org.user()
    spans.clear()
    r = await client.post(
        "/api/v1/activities",
        json={"type": "call"},
        headers={**rep.headers, "traceparent": f"00-{TRACE}-{PARENT}-01"},
    )
    assert r.status_code == 201, r.text
    finished = spans.get_finished_spans()
    names = [s.name for s in finished]
    http = next(s for s in finished if s.name == "POST /api/v1/activities")
    assert http.context.trace_id == int(TRACE, 16) and http.parent.span_id == int(PARENT, 16)
    assert http.attributes["http.route"] == "/api/v1/activities"
    assert http.attributes["http.response.status_code"] == 201
    assert http.attributes["reprally.request_id"] == r.headers["x-request-id"]
    for name in ("ledger.transaction", "board.apply", "realtime.publish"):
        assert name in names, names
        inner = next(s for s in finished if s.name == name)
        assert inner.context.trace_id == int(TRACE, 16), name
        assert http.start_time <= inner.start_time and inner.end_time <= http.end_time, name
    by_id = {s.context.span_id: s for s in finished}
    tx = next(s for s in finished if s.name == "ledger.transaction")
    chain, s = [], tx
    while s.parent is not None and s.parent.span_id in by_id:
        s = by_id[s.parent.span_id]
        chain.append(s.name)
    assert chain[-1] == "POST /api/v1/activities"


async def test_a_request_without_traceparent_starts_a_trace_and_off_means_no_spans(client, org, spans):
    spans.clear()
    assert (await client.get("/healthz")).status_code == 200
    (span,) = spans.get_finished_spans()
    assert span.name == "GET /healthz" and span.parent is None
    tracing.use(None)
    spans.clear()
    assert (await client.get("/healthz")).status_code == 200
    assert spans.get_finished_spans() == ()


def test_setup_needs_an_endpoint():
    assert tracing.setup_from_env({}, "reprally-test") is False
    assert not tracing.enabled()
    assert (
        tracing.setup_from_env({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:9"}, "reprally-test") is True
    )
    assert tracing.enabled()
    tracing.use(None)
