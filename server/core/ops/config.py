"""Settings from the environment, converted and checked once at start, each error naming the
variable and the value it got ("API_PORT must be an integer, got 'abc'").

Conversion is `msgspec.convert(..., strict=False)` against the type each field of `Settings`
declares (msgspec is what `Settings` already is, so a field added there is converted with no
second declaration and no new dependency); the rules below add what a type cannot say (ranges,
URL schemes, rate syntax). `tests/ops/test_config_errors.py` holds every field to one rule.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

import msgspec
from limits import parse_many

from server.core.periods import WINDOWS

TRUE = ("1", "true", "yes", "on")
FALSE = ("0", "false", "no", "off", "")
_KIND = {int: "an integer", float: "a number", bool: "true or false", str: "text"}


def convert(name: str, kind: Any, raw: str) -> Any:
    """The value of environment variable `name` as `kind`; a ValueError names the variable."""
    if kind is bool:
        if raw.strip().lower() in TRUE:
            return True
        if raw.strip().lower() in FALSE:
            return False
        raise ValueError(f"{name} must be true or false (1/0, yes/no, on/off), got {raw!r}")
    try:
        return msgspec.convert(raw.strip() if kind in (int, float) else raw, kind, strict=False)
    except msgspec.ValidationError:
        raise ValueError(f"{name} must be {_KIND.get(kind, kind)}, got {raw!r}") from None


# -- the rules: each returns an error message (without the name) or None --

Rule = Callable[[Any], str | None]


def at_least(low: float) -> Rule:
    return lambda v: None if v >= low else f"must be at least {low:.12g}"


def between(low: float, high: float) -> Rule:
    return lambda v: None if low <= v <= high else f"must be between {low:.12g} and {high:.12g}"


def one_of(*choices: str) -> Rule:
    return lambda v: None if v.lower() in choices else f"must be one of {', '.join(choices)}"


def any_text(_v: Any) -> str | None:
    return None


def database_url(v: str) -> str | None:
    scheme = urlsplit(v).scheme
    if scheme.split("+")[0] not in ("postgresql", "postgres", "sqlite") or "://" not in v:
        return (
            "must be a URL such as postgresql://user:password@host:5432/reprally or sqlite:///var/reprally.db"
        )
    return None


def redis_url(v: str) -> str | None:
    u = urlsplit(v)
    if u.scheme not in ("redis", "rediss", "unix") or "://" not in v:
        return "must be a URL such as redis://host:6379/0, rediss://host:6380/0 or unix:///path/to/redis.sock"
    if u.scheme != "unix" and not u.hostname:
        return "names no host"
    return None


def url_of(*schemes: str) -> Rule:
    def check(v: str) -> str | None:
        if not v:
            return None
        u = urlsplit(v)
        if u.scheme not in schemes or not u.netloc:
            return f"must be empty or a {'/'.join(schemes)} URL such as {schemes[0]}://example.com"
        return None

    return check


def networks(v: str) -> str | None:
    for part in (p.strip() for p in v.split(",")):
        if part:
            try:
                ipaddress.ip_network(part, strict=False)
            except ValueError:
                return f"must be IP addresses or networks, comma-separated (e.g. 10.0.0.0/8,127.0.0.1); {part!r} is not"
    return None


def origins(v: str) -> str | None:
    for part in (p.strip() for p in v.split(",")):
        if (
            part
            and part != "*"
            and (urlsplit(part).scheme not in ("http", "https") or not urlsplit(part).netloc)
        ):
            return f"must be origins such as https://app.example.com, comma-separated; {part!r} is not"
    return None


def rates(v: str) -> str | None:
    if v.strip():
        try:
            parse_many(v)
        except ValueError:
            return "must be a rate such as '10/15 minutes' (several joined by ';'), or empty for no limit"
    return None


def windows(v: str) -> str | None:
    return None if v in WINDOWS else f"must be one of {', '.join(WINDOWS)}"


PORT = between(0, 65535)
COUNT = at_least(1)
NON_NEGATIVE = at_least(0)

#: Every setting's rule beyond its type (a field missing here fails tests/ops/test_config_errors.py).
RULES: dict[str, Rule] = {
    "database_url": database_url,
    "redis_url": redis_url,
    "jwt_secret": any_text,  # its length is checked by load_settings (check_secret)
    "jwt_previous_secret": any_text,
    "access_token_ttl_s": COUNT,
    "refresh_token_ttl_s": COUNT,
    "backdate_days": NON_NEGATIVE,
    "batch_limit": COUNT,
    "password_time_cost": COUNT,
    "board_sync_after_s": NON_NEGATIVE,
    "board_sync_interval_s": at_least(0.01),
    "board_repair_wait_s": NON_NEGATIVE,
    "redis_retry_after_s": NON_NEGATIVE,
    "api_host": any_text,
    "api_port": PORT,
    "realtime_host": any_text,
    "realtime_port": PORT,
    "public_realtime_url": url_of("ws", "wss"),
    "log_level": one_of("critical", "error", "warning", "info", "debug", "trace"),
    "redis_prefix": any_text,
    "db_pool_size": COUNT,
    "contest_ending_soon_s": NON_NEGATIVE,
    "contest_settle_s": NON_NEGATIVE,
    "contest_reconcile_s": at_least(1),
    "habits_enabled": any_text,
    "firebase_credentials": any_text,
    "fcm_project_id": any_text,
    "fcm_endpoint": url_of("http", "https"),
    "push_claim": COUNT,
    "push_lease_s": at_least(1),
    "push_cap_per_hour": NON_NEGATIVE,
    "notify_board_window": windows,
    "notify_top_n": NON_NEGATIVE,
    "notify_passed_top": NON_NEGATIVE,
    "notify_big_win_value": NON_NEGATIVE,
    "notify_team_max": NON_NEGATIVE,
    "limit_login_account": rates,
    "limit_login_address": rates,
    "limit_signup_address": rates,
    "limit_pairing_address": rates,
    "ws_per_user": NON_NEGATIVE,
    "ws_per_address": NON_NEGATIVE,
    "trusted_proxies": networks,
    "cors_origins": origins,
    "api_keep_alive_s": at_least(1),
    "api_max_concurrency": COUNT,
    "api_max_header_bytes": at_least(1024),
    "integrations_secret": any_text,
    "public_url": url_of("https", "http"),
    "webhook_max_body": between(1, 4 * 1024 * 1024),
    "webhook_rate_per_min": NON_NEGATIVE,
    "integrations_lease_s": at_least(1),
    "chat_allow_loopback": any_text,
    "chat_timeout_s": at_least(0.1),
    "chat_max_attempts": COUNT,
    "chat_max_age_s": at_least(60),
    "worker_heartbeat_s": at_least(0.1),
    "worker_stale_s": at_least(1),
    "job_lease_s": at_least(1),
    "require_worker": any_text,
    "log_format": one_of("console", "json"),
    "access_log": any_text,
    "metrics_enabled": any_text,
    "metrics_token": any_text,
    "metrics_host": any_text,
    "realtime_metrics_port": PORT,
    "worker_metrics_port": PORT,
}


def mask_url(url: str) -> str:
    """`url` with its password (if any) shown as ***: for logs and error messages."""
    u = urlsplit(url)
    if not u.password:
        return url
    netloc = u.netloc.replace(f":{u.password}@", ":***@", 1)
    return u._replace(netloc=netloc).geturl()


def shown(name: str, raw: str) -> str:
    """How an error message quotes a value: URLs without their password, secrets not at all."""
    if "secret" in name:
        return "(hidden)"
    return repr(mask_url(raw)) if "://" in raw else repr(raw)


def from_env(fields: Mapping[str, Any], env: Mapping[str, str]) -> tuple[dict[str, Any], list[str]]:
    """The values `env` names for `fields` (name -> type), converted and checked, and the errors."""
    values: dict[str, Any] = {}
    errors: list[str] = []
    for name, kind in fields.items():
        var = name.upper()
        raw = env.get(var)
        if raw is None:
            continue
        try:
            value = convert(var, kind, raw)
        except ValueError as exc:
            errors.append(str(exc).replace(repr(raw), shown(name, raw)))
            continue
        problem = RULES.get(name, any_text)(value)
        if problem:
            errors.append(f"{var} {problem}, got {shown(name, raw)}")
            continue
        values[name] = value
    return values, errors
