"""Settings are converted and checked once, at start: a bad value stops the command with exit
code 2 and one line naming the variable, what it must be and what it got (never a traceback)."""

from __future__ import annotations

import msgspec
import pytest

from server.core.ops.config import RULES, mask_url
from server.core.settings import Settings, SettingsError, parse_env
from tests.ops.support import reprally


def test_every_setting_has_a_rule():
    assert set(RULES) == set(Settings.__struct_fields__)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"API_PORT": "abc"}, "API_PORT must be an integer, got 'abc'"),
        ({"API_PORT": "70000"}, "API_PORT must be between 0 and 65535, got '70000'"),
        ({"BOARD_SYNC_AFTER_S": "soon"}, "BOARD_SYNC_AFTER_S must be a number, got 'soon'"),
        (
            {"HABITS_ENABLED": "maybe"},
            "HABITS_ENABLED must be true or false (1/0, yes/no, on/off), got 'maybe'",
        ),
        ({"BATCH_LIMIT": "0"}, "BATCH_LIMIT must be at least 1, got '0'"),
        ({"REDIS_URL": "localhost:6379"}, "REDIS_URL must be a URL such as redis://host:6379/0"),
        ({"REDIS_URL": "http://cache:6379"}, "REDIS_URL must be a URL such as redis://host:6379/0"),
        ({"DATABASE_URL": "mysql://root:hunter2@db/x"}, "DATABASE_URL must be a URL such as postgresql://"),
        (
            {"LOG_LEVEL": "loud"},
            "LOG_LEVEL must be one of critical, error, warning, info, debug, trace, got 'loud'",
        ),
        ({"LIMIT_LOGIN_ACCOUNT": "ten"}, "LIMIT_LOGIN_ACCOUNT must be a rate such as '10/15 minutes'"),
        ({"TRUSTED_PROXIES": "10.0.0.0/8,proxy"}, "TRUSTED_PROXIES must be IP addresses or networks"),
        ({"CORS_ORIGINS": "app.example.com"}, "CORS_ORIGINS must be origins such as https://app.example.com"),
        ({"PUBLIC_URL": "api.example.com"}, "PUBLIC_URL must be empty or a https/http URL"),
        ({"PUBLIC_REALTIME_URL": "http://x"}, "PUBLIC_REALTIME_URL must be empty or a ws/wss URL"),
        (
            {"NOTIFY_BOARD_WINDOW": "year"},
            "NOTIFY_BOARD_WINDOW must be one of day, week, month, quarter, all",
        ),
        ({"WEBHOOK_MAX_BODY": "99999999"}, "WEBHOOK_MAX_BODY must be between 1 and 4194304"),
        ({"WORKER_STALE_S": "0"}, "WORKER_STALE_S must be at least 1, got '0'"),
    ],
)
def test_a_bad_value_is_named(env, message):
    with pytest.raises(SettingsError) as caught:
        parse_env(env)
    assert message in str(caught.value)
    assert "hunter2" not in str(caught.value)


def test_good_values_are_converted():
    s = parse_env(
        {
            "API_PORT": " 9000 ",
            "BOARD_SYNC_AFTER_S": "0.5",
            "HABITS_ENABLED": "off",
            "REQUIRE_WORKER": "yes",
            "REDIS_URL": "rediss://:pw@cache:6380/2",
            "DATABASE_URL": "postgres://u:p@db/x",
            "TRUSTED_PROXIES": "10.0.0.0/8, ::1",
            "LIMIT_LOGIN_ACCOUNT": "10/minute;100/day",
            "LOG_LEVEL": "WARNING",
        }
    )
    assert (s.api_port, s.board_sync_after_s, s.habits_enabled, s.require_worker) == (9000, 0.5, False, True)
    assert parse_env({"REDIS_URL": "unix:///tmp/redis.sock"}).redis_url == "unix:///tmp/redis.sock"
    assert msgspec.structs.asdict(parse_env({})) == msgspec.structs.asdict(Settings())


def test_every_error_at_once():
    with pytest.raises(SettingsError) as caught:
        parse_env({"API_PORT": "abc", "REALTIME_PORT": "-1"})
    assert str(caught.value).splitlines() == [
        "API_PORT must be an integer, got 'abc'",
        "REALTIME_PORT must be between 0 and 65535, got '-1'",
    ]


def test_passwords_are_masked():
    assert mask_url("postgresql://rr:s3cret@db:5432/rr") == "postgresql://rr:***@db:5432/rr"
    assert mask_url("redis://:s3cret@cache:6379/0") == "redis://:***@cache:6379/0"
    assert mask_url("sqlite+aiosqlite:///var/x.db") == "sqlite+aiosqlite:///var/x.db"


@pytest.mark.parametrize(
    ("command", "env", "line"),
    [
        (
            ["api"],
            {"API_PORT": "abc"},
            "reprally: configuration error: API_PORT must be an integer, got 'abc'",
        ),
        (
            ["worker"],
            {"REDIS_URL": "localhost:6379"},
            "reprally: configuration error: REDIS_URL must be a URL such as redis://host:6379/0, "
            "rediss://host:6380/0 or unix:///path/to/redis.sock, got 'localhost:6379'",
        ),
        (
            ["migrate"],
            {"DATABASE_URL": "mysql://root:hunter2@db/x"},
            "reprally: configuration error: DATABASE_URL must be a URL such as "
            "postgresql://user:password@host:5432/reprally or sqlite:///var/reprally.db, got 'mysql://root:***@db/x'",
        ),
        (
            ["realtime"],
            {"JWT_SECRET": "short"},
            "reprally: configuration error: JWT_SECRET must be at least 32 bytes (it has 5); "
            "generate one with: openssl rand -base64 48",
        ),
    ],
)
def test_the_command_stops_with_exit_code_2(tmp_path, command, env, line):
    done = reprally(tmp_path, *command, **env)
    assert (done.returncode, done.stderr, done.stdout) == (2, line + "\n", "")


def test_several_bad_values_one_line_each(tmp_path):
    done = reprally(tmp_path, "api", API_PORT="abc", LOG_LEVEL="loud")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "reprally: configuration error: API_PORT must be an integer, got 'abc'",
        "reprally: configuration error: LOG_LEVEL must be one of critical, error, warning, info, debug, trace, "
        "got 'loud'",
    ]
