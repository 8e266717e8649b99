"""Abuse limits on the unauthenticated endpoints (docs/security.md "Abuse limits"): failed logins
per account and per client address, org sign-ups and pairing-code guesses per address; 429 with
`Retry-After`; counted in Redis so they hold across API processes; the client address taken from
X-Forwarded-For only when a trusted proxy sent it.

The suite's own runtime has limits too high to meet (tests/conftest.py `SUITE_LIMITS`); these
tests run apps with small ones. Every test uses client addresses of its own, random per run, so
the windows of an earlier run (kept in Redis up to an hour) cannot touch it.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets

import httpx
import pytest

from server.app import create_app
from server.core.edge.abuse import parse_limits
from server.core.edge.addresses import bucket, client_address, trusted_networks
from server.features import make_runtime
from tests.conftest import free_port, make_settings, unique
from tests.support.api import assert_error

PASSWORD = "Quartz-lantern-91-harbour"
LIMITS = dict(limit_login_account="3/minute", limit_login_address="4/minute", limit_signup_address="2/hour",
              limit_pairing_address="3/minute", trusted_proxies="127.0.0.1")


def address() -> str:
    """A client address no other test or run uses (a random /64 of the IPv6 documentation range)."""
    return f"2001:db8:{secrets.randbelow(65536):x}:{secrets.randbelow(65536):x}::1"


@contextlib.asynccontextmanager
async def api(database_url, redis_url, **over):
    """An API process of its own (its own runtime and Redis connections)."""
    rt = make_runtime(make_settings(database_url, redis_url, **{**LIMITS, **over}))
    app = create_app(rt=rt, background=False)
    app.state.rt = rt
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        yield client
    await rt.close()


@pytest.fixture(scope="module")
async def client(database_url, redis_url):
    async with api(database_url, redis_url) as c:
        yield c


async def sign_up(client: httpx.AsyncClient, ip: str) -> tuple[httpx.Response, str]:
    email = f"{unique('abuse')}@example.com"
    body = {"name": unique("Abuse "), "timezone": "UTC",
            "admin": {"email": email, "password": PASSWORD, "display_name": "Admin"}}
    return await client.post("/api/v1/orgs", json=body, headers={"x-forwarded-for": ip}), email


async def new_admin(client: httpx.AsyncClient) -> tuple[str, str]:
    """(email, access token) of the admin of a new org, signed up from an address of its own."""
    r, email = await sign_up(client, address())
    assert r.status_code == 201, r.text
    return email, r.json()["access_token"]


async def login(client: httpx.AsyncClient, email: str, password: str, ip: str) -> httpx.Response:
    return await client.post("/api/v1/auth/login", json={"email": email, "password": password},
                             headers={"x-forwarded-for": ip})


def assert_limited(r: httpx.Response, limit: str, window_s: int) -> int:
    error = assert_error(r, 429, "rate_limited")
    assert error["details"]["limit"] == limit
    retry = int(r.headers["retry-after"])
    assert 1 <= retry <= window_s and error["details"]["retry_after_s"] == retry
    return retry


# -- logins per account -----------------------------------------------------------------------
async def test_an_account_locks_after_its_failures_and_refuses_the_right_password_too(client):
    email, _ = await new_admin(client)
    for _ in range(3):
        assert_error(await login(client, email, "wrong-password-0", address()), 401, "invalid_credentials")
    # the fourth attempt, from yet another address and with the right password, is refused
    assert_limited(await login(client, email, PASSWORD, address()), "limit_login_account", 60)
    assert_limited(await login(client, email.upper(), PASSWORD, address()), "limit_login_account", 60)
    # another account is not locked
    other, _ = await new_admin(client)
    assert (await login(client, other, PASSWORD, address())).status_code == 200


async def test_an_unknown_email_gets_the_same_answers_as_a_known_one(client):
    """The lock cannot tell an attacker which emails have accounts."""
    email = f"{unique('nobody')}@example.com"
    for _ in range(3):
        assert_error(await login(client, email, PASSWORD, address()), 401, "invalid_credentials")
    assert_limited(await login(client, email, PASSWORD, address()), "limit_login_account", 60)


async def test_a_successful_login_clears_the_failures_before_it(client):
    email, _ = await new_admin(client)
    for _ in range(3):
        for _ in range(2):
            assert (await login(client, email, "wrong-password-1", address())).status_code == 401
        assert (await login(client, email, PASSWORD, address())).status_code == 200


async def test_the_lock_ends_when_retry_after_says(database_url, redis_url):
    async with api(database_url, redis_url, limit_login_account="2/2 seconds") as c:
        email, _ = await new_admin(c)
        for _ in range(2):
            assert (await login(c, email, "wrong-password-2", address())).status_code == 401
        retry = assert_limited(await login(c, email, PASSWORD, address()), "limit_login_account", 2)
        await asyncio.sleep(retry + 0.1)
        assert (await login(c, email, PASSWORD, address())).status_code == 200


async def test_concurrent_guesses_cannot_overrun_the_account_limit(client):
    email, _ = await new_admin(client)
    answers = await asyncio.gather(*(login(client, email, f"guess-{i}", address()) for i in range(12)))
    assert sorted(r.status_code for r in answers) == [401] * 3 + [429] * 9


# -- logins per address -----------------------------------------------------------------------
async def test_failed_logins_from_one_address_lock_that_address_only(client):
    ip = address()
    victim, _ = await new_admin(client)
    for _ in range(4):  # spraying: one guess on each of four accounts
        assert (await login(client, f"{unique('spray')}@example.com", PASSWORD, ip)).status_code == 401
    assert_limited(await login(client, victim, PASSWORD, ip), "limit_login_address", 60)
    assert (await login(client, victim, PASSWORD, address())).status_code == 200


async def test_successful_logins_from_one_address_are_not_counted(client):
    """An office: every rep logs in from the one address of its router."""
    ip = address()
    email, _ = await new_admin(client)
    for _ in range(8):
        assert (await login(client, email, PASSWORD, ip)).status_code == 200


# -- sign-ups and pairing ----------------------------------------------------------------------
async def test_org_sign_ups_per_address(client):
    ip = address()
    for _ in range(2):
        assert (await sign_up(client, ip))[0].status_code == 201
    assert_limited((await sign_up(client, ip))[0], "limit_signup_address", 3600)
    assert (await sign_up(client, address()))[0].status_code == 201


async def test_pairing_code_guesses_per_address(client):
    _, token = await new_admin(client)
    display = await client.post("/api/v1/displays", json={"name": "Lobby"}, headers={"authorization": f"Bearer {token}"})
    assert display.status_code == 201, display.text
    code, ip = display.json()["pairing_code"], address()
    for guess in ("ZZZZ01", "ZZZZ02", "ZZZZ03"):
        r = await client.post("/api/v1/displays/pair/", json={"code": guess}, headers={"x-forwarded-for": ip})
        assert_error(r, 404, "invalid_pairing_code")
    r = await client.post("/api/v1/displays/pair/", json={"code": code}, headers={"x-forwarded-for": ip})
    assert_limited(r, "limit_pairing_address", 60)
    r = await client.post("/api/v1/displays/pair/", json={"code": code}, headers={"x-forwarded-for": address()})
    assert r.status_code == 200, r.text


# -- across processes, addresses, Redis --------------------------------------------------------
async def test_the_limits_hold_across_api_processes(client, database_url, redis_url):
    """Two API processes (runtimes with their own Redis connections) share each window."""
    email, _ = await new_admin(client)
    async with api(database_url, redis_url) as second:
        for c in (client, second, client):
            assert (await login(c, email, "wrong-password-3", address())).status_code == 401
        assert_limited(await login(second, email, PASSWORD, address()), "limit_login_account", 60)


async def test_x_forwarded_for_is_ignored_unless_a_trusted_proxy_sent_it(database_url, redis_url):
    """Without TRUSTED_PROXIES every request comes from its socket peer (here 127.0.0.1, with a
    fresh sign-up window per run: the limit has a value no other test uses)."""
    async with api(database_url, redis_url, trusted_proxies="", limit_signup_address=f"2/{3000 + secrets.randbelow(500)} seconds") as c:
        for _ in range(2):
            assert (await sign_up(c, address()))[0].status_code == 201
        assert_limited((await sign_up(c, address()))[0], "limit_signup_address", 3600)


async def test_redis_down_leaves_logins_working(database_url):
    """The limits are skipped while Redis cannot be reached: a Redis outage is not a login outage."""
    dead = f"redis://127.0.0.1:{free_port()}/0"
    async with api(database_url, dead) as c:
        email = f"{unique('noredis')}@example.com"
        body = {"name": unique("NoRedis "), "timezone": "UTC",
                "admin": {"email": email, "password": PASSWORD, "display_name": "Admin"}}
        assert (await c.post("/api/v1/orgs", json=body)).status_code == 201
        for _ in range(5):
            assert (await login(c, email, "wrong-password-4", address())).status_code == 401
        assert (await login(c, email, PASSWORD, address())).status_code == 200


def test_a_malformed_limit_names_its_setting():
    with pytest.raises(ValueError, match="LIMIT_LOGIN_ACCOUNT"):
        parse_limits(make_settings("sqlite://", "redis://", limit_login_account="ten a minute"))
    assert parse_limits(make_settings("sqlite://", "redis://", limit_pairing_address=""))["limit_pairing_address"] == []


# -- the client address -------------------------------------------------------------------------
PROXIES = trusted_networks("10.0.0.0/8, 127.0.0.1, fd00::/8")


@pytest.mark.parametrize(("peer", "forwarded", "expected"), [
    ("198.51.100.7", None, "198.51.100.7"),                               # no proxy
    ("198.51.100.7", "1.2.3.4", "198.51.100.7"),                          # untrusted peer: header ignored
    ("10.0.0.2", "203.0.113.9", "203.0.113.9"),                           # through one proxy
    ("10.0.0.2", "1.2.3.4, 203.0.113.9", "203.0.113.9"),                  # a client-written hop is not believed
    ("10.0.0.2", "203.0.113.9, 10.0.0.5", "203.0.113.9"),                 # through two proxies
    ("10.0.0.2", "10.0.0.7, 10.0.0.5", "10.0.0.7"),                       # only proxies: the farthest one
    ("10.0.0.2", "junk, 10.0.0.5", "10.0.0.5"),                           # garbage past the proxies
    ("10.0.0.2", "", "10.0.0.2"),
    ("127.0.0.1", "::ffff:203.0.113.9", "203.0.113.9"),                   # IPv4-mapped IPv6
    ("fd00::1", "2001:db8::1", "2001:db8::1"),
    (None, "203.0.113.9", "unknown"),
])
def test_client_address(peer, forwarded, expected):
    assert client_address(peer, forwarded, PROXIES) == expected


def test_ipv6_clients_are_counted_per_64():
    assert bucket("2001:db8:1:2:aaaa::1") == bucket("2001:db8:1:2:bbbb::2") == "2001:db8:1:2::/64"
    assert bucket("2001:db8:1:3::1") != bucket("2001:db8:1:2::1")
    assert bucket("203.0.113.9") == "203.0.113.9"
