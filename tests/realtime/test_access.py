"""Open websockets end when access ends: a deactivated user, a new role, an ended session, a
revoked display. Each game server (its own runtime, as a separate process) closes the socket
with 4003 and the reason within a second, and refuses new ones (issue 15, items 1 and 7)."""

from __future__ import annotations

import time

import pytest

from realtime.connection import CLOSE_AUTH, CLOSE_REVOKED
from tests.conftest import PASSWORD
from tests.support.api import assert_error, noon_org
from tests.support.realtime import pair_display

DISABLED = {"type": "error", "code": "account_disabled", "message": "this account is deactivated"}
ENDED = {"type": "error", "code": "session_revoked", "message": "this session has ended; sign in again"}
REVOKED = {"type": "error", "code": "display_revoked", "message": "this display token was revoked; pair the screen again"}


async def closed_within_a_second(client, started: float) -> tuple[int, str, list[dict]]:
    code, reason, frames = await client.closed(wait_s=3)
    assert time.monotonic() - started < 1.0, f"closed {time.monotonic() - started:.2f} s after the change"
    return code, reason, frames


async def test_a_deactivated_users_sockets_close_on_every_game_server_and_new_ones_are_refused(client, cluster, ws):
    admin = await noon_org(client)
    rep, colleague = await admin.user(), await admin.user()
    sockets = [await ws(server.url, rep.token) for server in cluster]
    for s in sockets:
        await s.send(op="subscribe", channel="lb:points:day:org")
        assert (await s.recv())["type"] == "snapshot"
    bystander = await ws(cluster[0].url, colleague.token)
    started = time.monotonic()
    await admin.ok("patch", f"/users/{rep.user_id}", {"active": False})
    for s in sockets:
        code, reason, frames = await closed_within_a_second(s, started)
        assert (code, reason, frames[-1]) == (CLOSE_REVOKED, "account_disabled", DISABLED)
    for server in cluster:
        fresh = await ws(server.url)
        await fresh.send(op="auth", token=rep.token)
        assert await fresh.closed() == (CLOSE_AUTH, "account_disabled", [DISABLED])
    await bystander.send(op="ping", id=1)
    assert await bystander.recv() == {"type": "pong", "id": 1}


async def test_a_user_whose_role_changed_is_asked_to_connect_again(client, cluster, ws):
    admin = await noon_org(client)
    manager = await admin.user("manager")
    socket = await ws(cluster[1].url, manager.token)
    started = time.monotonic()
    await admin.ok("patch", f"/users/{manager.user_id}", {"role": "rep"})
    code, reason, frames = await closed_within_a_second(socket, started)
    assert (code, reason) == (CLOSE_REVOKED, "role_changed")
    again = await ws(cluster[1].url, manager.token)  # the same token, now as a rep
    await again.send(op="ping")
    assert (await again.recv())["type"] == "pong"


async def test_logging_out_closes_that_sessions_sockets_only(client, cluster, ws):
    admin = await noon_org(client)
    rep = await admin.user()
    email = (await rep.ok("get", "/me"))["user"]["email"]
    other_login = (await client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})).json()
    phone = await ws(cluster[0].url, rep.token)
    laptop = await ws(cluster[1].url, other_login["access_token"])
    refresh = (await client.post("/api/v1/auth/refresh", json={"refresh_token": other_login["refresh_token"]})).json()
    started = time.monotonic()
    r = await client.post("/api/v1/auth/logout", headers={"authorization": f"Bearer {refresh['access_token']}"},
                          json={"refresh_token": refresh["refresh_token"]})
    assert r.status_code == 204, r.text
    code, reason, frames = await closed_within_a_second(laptop, started)
    assert (code, reason, frames[-1]) == (CLOSE_REVOKED, "session_revoked", ENDED)
    await phone.send(op="ping", id=2)
    assert await phone.recv() == {"type": "pong", "id": 2}
    assert_error(await client.get("/api/v1/me", headers={"authorization": f"Bearer {other_login['access_token']}"}),
                 401, "session_revoked")


@pytest.mark.parametrize("how", ["revoke", "pair again"])
async def test_a_revoked_or_re_paired_displays_sockets_close(client, cluster, ws, how):
    admin = await noon_org(client)
    display_id, token = await pair_display(admin)
    screens = [await ws(server.url, token) for server in cluster]
    started = time.monotonic()
    if how == "revoke":
        await admin.ok("post", f"/displays/{display_id}/revoke", status=200)
    else:
        code = (await admin.ok("post", f"/displays/{display_id}/code", status=200))["pairing_code"]
        assert (await client.post("/api/v1/displays/pair", json={"code": code})).status_code == 200
    for screen in screens:
        code_, reason, frames = await closed_within_a_second(screen, started)
        assert (code_, reason, frames[-1]) == (CLOSE_REVOKED, "display_revoked", REVOKED)


async def test_a_change_in_another_org_closes_nothing_here(client, cluster, ws):
    mine, theirs = await noon_org(client), await noon_org(client)
    rep = await mine.user()
    socket = await ws(cluster[0].url, rep.token)
    gone = await theirs.user()
    await theirs.ok("patch", f"/users/{gone.user_id}", {"active": False})
    assert await socket.drain(0.6) == []
    await socket.send(op="ping", id=3)
    assert await socket.recv() == {"type": "pong", "id": 3}
