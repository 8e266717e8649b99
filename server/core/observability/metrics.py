"""Every Prometheus metric of RepRally, defined once (docs/observability.md lists them).

Labels are bounded: route templates (never raw paths), HTTP methods and statuses, job names,
FCM error codes, CRM kinds and event statuses. No user, org or entity id is ever a label.

Several API processes (`reprally api --workers N`) share their metrics through
prometheus_client's multiprocess mode: `PROMETHEUS_MULTIPROC_DIR` names a directory every
process writes to, and `render()` sums them (the `reprally api` command sets it up when it
starts more than one worker). One process needs nothing.
"""

from __future__ import annotations

import os
import time

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client import multiprocess as _mp

from server.core.clock import wall_time

#: Latency buckets (seconds) for requests and deliveries: 1 ms .. 10 s.
LATENCY = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
#: (The jobs' label is `job_name`: `job` is Prometheus' own target label.)
#: Lag buckets (seconds) for work done later (board sync, CRM events): 10 ms .. 1 h.
LAG = (0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 15.0, 60.0, 300.0, 900.0, 3600.0)

# -- HTTP API -------------------------------------------------------------------------------------
HTTP_REQUESTS = Counter(
    "reprally_http_requests",
    "HTTP requests answered, by route template and status",
    ["method", "route", "status"],
)
HTTP_DURATION = Histogram(
    "reprally_http_request_duration_seconds",
    "Time from the request's arrival to the end of its response",
    ["method", "route", "status"],
    buckets=LATENCY,
)
HTTP_IN_FLIGHT = Gauge(
    "reprally_http_requests_in_flight", "Requests being handled", multiprocess_mode="livesum"
)

# -- the activity path ------------------------------------------------------------------------------
ACTIVITIES = Counter(
    "reprally_activities",
    "Activities submitted: accepted (new), duplicate (an external id seen before) or rejected (a 4xx item)",
    ["outcome"],
)
BOARD_APPLY_LAG = Histogram(
    "reprally_board_apply_lag_seconds",
    "From a ledger entry's commit to its application to the Redis boards",
    ["path"],
    buckets=LAG,
)
BOARD_PENDING = Gauge(
    "reprally_board_pending_rows",
    "board_pending rows: committed entries not yet on the boards",
    multiprocess_mode="max",
)

# -- push notifications -------------------------------------------------------------------------------
OUTBOX_DEPTH = Gauge(
    "reprally_push_outbox_pending", "Push outbox rows waiting to be sent", multiprocess_mode="max"
)
PUSH_RESULTS = Counter(
    "reprally_push_results", "Push sends per device, by result (ok or the FCM error code)", ["result"]
)

# -- chat (Slack, Teams) ------------------------------------------------------------------------------
CHAT_MESSAGES = Counter(
    "reprally_chat_messages",
    "Chat webhook posts by provider (slack, teams) and result: sent, retry, failed, broken, dropped",
    ["provider", "result"],
)

# -- the game server ------------------------------------------------------------------------------------
WS_CONNECTIONS = Gauge("reprally_ws_connections", "Open websocket connections", multiprocess_mode="livesum")
WS_OPENED = Counter("reprally_ws_connections_opened", "Websocket connections accepted")
WS_SUBSCRIPTIONS = Gauge(
    "reprally_ws_subscriptions", "Channel subscriptions of the open connections", multiprocess_mode="livesum"
)
WS_FRAMES = Counter("reprally_ws_frames_sent", "Frames written to websockets")
WS_SLOW_DROPS = Counter(
    "reprally_ws_slow_consumer_drops", "Connections closed because they could not keep up"
)
WS_DELIVERY = Histogram(
    "reprally_ws_delivery_seconds", "From a live event's publish to its frame's write", buckets=LATENCY
)

# -- worker jobs --------------------------------------------------------------------------------------
JOB_RUNS = Counter("reprally_job_runs", "Runs of a worker job", ["job_name"])
JOB_FAILURES = Counter("reprally_job_failures", "Runs of a worker job that raised", ["job_name"])
JOB_LAST_SUCCESS = Gauge(
    "reprally_job_last_success_timestamp_seconds",
    "Unix time of a job's last good run",
    ["job_name"],
    multiprocess_mode="max",
)
JOB_DURATION = Histogram(
    "reprally_job_duration_seconds", "How long a job's run took", ["job_name"], buckets=LAG
)

# -- CRM integrations -------------------------------------------------------------------------------------
CRM_EVENTS = Counter(
    "reprally_crm_events",
    "CRM events settled, by connector and outcome (done, stale, unmatched, ignored, error)",
    ["kind", "status"],
)
CRM_LAG = Histogram(
    "reprally_crm_event_lag_seconds", "From a CRM event's receipt to its application", ["kind"], buckets=LAG
)
CRM_SIGNATURE_FAILURES = Counter(
    "reprally_crm_signature_failures",
    "Webhook deliveries refused for their signature (bad, missing, stale timestamp)",
    ["kind"],
)
CRM_PENDING = Gauge(
    "reprally_crm_events_pending", "CRM events waiting to be applied", multiprocess_mode="max"
)


def observe_job(job: str, started: float, ok: bool) -> None:
    """One run of a worker job (`started`: its `time.perf_counter()`)."""
    JOB_RUNS.labels(job).inc()
    JOB_DURATION.labels(job).observe(time.perf_counter() - started)
    if ok:
        JOB_LAST_SUCCESS.labels(job).set(wall_time())
    else:
        JOB_FAILURES.labels(job).inc()


def multiprocess_dir() -> str | None:
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR") or None


def render() -> tuple[bytes, str]:
    """The exposition of this process (or of every process sharing its multiprocess directory)."""
    if multiprocess_dir():
        registry = CollectorRegistry()
        _mp.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


def prepare_multiprocess(path: str) -> None:
    """Before starting several API processes: an empty shared directory (stale files of a
    previous run would be summed in), named in the environment the processes inherit."""
    os.makedirs(path, exist_ok=True)
    for name in os.listdir(path):
        if name.endswith(".db"):
            os.unlink(os.path.join(path, name))
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = path
