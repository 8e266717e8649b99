"""Sign-in sessions: rotating refresh tokens with reuse detection, logout, the list of one's
sessions, ending one, and password changes that end the others (issue 15, items 3-4)."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import httpx
import pytest

from server.accounts import auth_state, sessions
from server.accounts.models import AuthSession
from server.core.auth import Tokens
from server.core.errors import Unauthorized
from server.features import make_runtime
from tests.conftest import PASSWORD, Api, new_org, unique
from tests.support.api import assert_error, claims, login

NEW_PASSWORD = "Velvet-harbour-lantern-88"


class Session:
    """One sign-in: its tokens as a client keeps them."""

    def __init__(self, client: httpx.AsyncClient, body: dict) -> None:
        self.client = client
        self.access, self.refresh = body["access_token"], body["refresh_token"]
        self.user_id = body["user"]["id"]
        self.id = claims(self.access)["sid"]

    @property
    def headers(self) -> dict:
        return {"authorization": f"Bearer {self.access}"}

    async def me(self) -> httpx.Response:
        return await self.client.get("/api/v1/me", headers=self.headers)

    async def renew(self) -> httpx.Response:
        r = await self.client.post("/api/v1/auth/refresh", json={"refresh_token": self.refresh})
        if r.status_code == 200:
            self.access, self.refresh = r.json()["access_token"], r.json()["refresh_token"]
        return r


async def sign_in(client: httpx.AsyncClient, email: str, password: str = PASSWORD, **extra) -> Session:
    r = await client.post("/api/v1/auth/login", json={"email": email, "password": password, **extra})
    assert r.status_code == 200, r.text
    return Session(client, r.json())


async def person(admin: Api, role: str = "rep") -> str:
    email = f"{unique('s')}@example.com"
    await admin.ok("post", "/users", {"email": email, "display_name": "Sam", "password": PASSWORD, "role": role},
                   status=201)
    return email


# -- item 3: rotation and reuse ----------------------------------------------------------------------
async def test_each_refresh_returns_a_new_refresh_token_and_the_old_one_is_spent(client, org):
    phone = await sign_in(client, await person(org))
    first_refresh, first_access = phone.refresh, phone.access
    assert (await phone.renew()).status_code == 200
    assert phone.refresh != first_refresh
    assert claims(phone.refresh)["sid"] == claims(first_refresh)["sid"] == phone.id
    assert (await phone.me()).status_code == 200
    # A second rotation works from the new token.
    assert (await phone.renew()).status_code == 200
    # The access token issued before the rotations still works until it expires.
    assert (await client.get("/api/v1/me", headers={"authorization": f"Bearer {first_access}"})).status_code == 200


async def test_a_spent_refresh_token_presented_again_ends_the_whole_session(client, org):
    email = await person(org)
    phone = await sign_in(client, email)
    laptop = await sign_in(client, email)
    stolen = phone.refresh
    assert (await phone.renew()).status_code == 200  # the real app rotates
    r = await client.post("/api/v1/auth/refresh", json={"refresh_token": stolen})  # the copy comes back
    assert_error(r, 401, "refresh_token_reused")
    # Every token of that session is dead: the app's current refresh token and its access token.
    assert_error(await phone.renew(), 401, "session_revoked")
    assert_error(await phone.me(), 401, "session_revoked")
    # Presenting the copy again does not revive anything and says the session ended.
    assert_error(await client.post("/api/v1/auth/refresh", json={"refresh_token": stolen}), 401, "session_revoked")
    # Another sign-in of the same user is untouched.
    assert (await laptop.me()).status_code == 200
    assert (await laptop.renew()).status_code == 200


async def test_two_refreshes_racing_with_one_token_count_as_a_reuse(client, org):
    phone = await sign_in(client, await person(org))
    body = {"refresh_token": phone.refresh}
    a, b = await asyncio.gather(client.post("/api/v1/auth/refresh", json=body),
                                client.post("/api/v1/auth/refresh", json=body))
    assert sorted([a.status_code, b.status_code]) == [200, 401]
    winner = a if a.status_code == 200 else b
    assert_error(b if winner is a else a, 401, "refresh_token_reused")
    r = await client.get("/api/v1/me", headers={"authorization": f"Bearer {winner.json()['access_token']}"})
    assert_error(r, 401, "session_revoked")


async def test_tokens_that_name_no_session_are_refused(client, org, rt):
    legacy_access = Tokens(rt.settings.jwt_secret, 900, 900)._sign(
        {"sub": str(org.user_id), "org": org.org_id, "role": "admin", "typ": "access", "exp": 2**31})
    r = await client.get("/api/v1/me", headers={"authorization": f"Bearer {legacy_access}"})
    assert_error(r, 401, "invalid_token")
    legacy_refresh = Tokens(rt.settings.jwt_secret, 900, 900)._sign(
        {"sub": str(org.user_id), "org": org.org_id, "role": "admin", "typ": "refresh", "exp": 2**31, "jti": "x"})
    assert_error(await client.post("/api/v1/auth/refresh", json={"refresh_token": legacy_refresh}), 401,
                 "invalid_token")


async def test_a_session_id_of_another_user_does_not_validate_a_token(client, org, rt):
    theirs = await sign_in(client, await person(org))
    mine = await sign_in(client, await person(org))
    forged = rt.tokens.issue(mine.user_id, org.org_id, theirs.id, "guess")[0]  # a real session, not mine
    assert_error(await client.get("/api/v1/me", headers={"authorization": f"Bearer {forged}"}), 401,
                 "session_revoked")


# -- item 3: logout ----------------------------------------------------------------------------------
async def test_logout_ends_the_session_its_refresh_and_access_tokens(client, org):
    email = await person(org)
    phone = await sign_in(client, email)
    laptop = await sign_in(client, email)
    r = await client.post("/api/v1/auth/logout", headers=phone.headers, json={"refresh_token": phone.refresh})
    assert r.status_code == 204, r.text
    assert r.content == b""
    assert_error(await phone.me(), 401, "session_revoked")
    assert_error(await phone.renew(), 401, "session_revoked")
    assert (await laptop.me()).status_code == 200
    # Logging out again is harmless (the client may retry).
    r = await client.post("/api/v1/auth/logout", headers=laptop.headers, json={"refresh_token": phone.refresh})
    assert r.status_code == 204


async def test_logout_with_someone_elses_refresh_token_ends_nothing(client, org):
    victim = await sign_in(client, await person(org))
    attacker = await sign_in(client, await person(org))
    other_org = await new_org(client)
    outsider = await sign_in(client, await person(other_org))
    for caller in (attacker, outsider):
        r = await client.post("/api/v1/auth/logout", headers=caller.headers, json={"refresh_token": victim.refresh})
        assert_error(r, 404, "session_not_found")
    assert (await victim.me()).status_code == 200
    assert (await victim.renew()).status_code == 200


async def test_logout_needs_a_users_access_token(client, org):
    phone = await sign_in(client, await person(org))
    body = {"refresh_token": phone.refresh}
    assert_error(await client.post("/api/v1/auth/logout", json=body), 401, "unauthenticated")
    key = (await org.ok("post", "/api-keys", {"name": "crm"}, status=201))["key"]
    r = await client.post("/api/v1/auth/logout", headers={"authorization": f"Bearer {key}"}, json=body)
    assert_error(r, 403, "user_required")
    r = await client.post("/api/v1/auth/logout", headers={"authorization": f"Bearer {phone.refresh}"}, json=body)
    assert_error(r, 401, "invalid_token")
    assert (await phone.me()).status_code == 200


# -- item 3: listing and ending sessions ---------------------------------------------------------------
async def test_my_sessions_list_device_created_and_last_used_and_mark_the_current_one(client, org):
    email = await person(org)
    phone = await sign_in(client, email, device="Ann's iPhone")
    browser_r = await client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD},
                                  headers={"user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0"})
    browser = Session(client, browser_r.json())
    listed = (await client.get("/api/v1/me/sessions", headers=phone.headers)).json()["items"]
    assert [(s["id"], s["device"], s["current"]) for s in listed] == [
        (browser.id, "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0", False), (phone.id, "Ann's iPhone", True)]
    for s in listed:
        assert set(s) == {"id", "device", "created_at", "last_used_at", "expires_at", "current"}
        assert datetime.fromisoformat(s["created_at"]) <= datetime.fromisoformat(s["last_used_at"])
    await asyncio.sleep(0.01)
    assert (await phone.renew()).status_code == 200  # a refresh is a use: the phone moves first
    listed = (await client.get("/api/v1/me/sessions", headers=browser.headers)).json()["items"]
    assert [(s["id"], s["current"]) for s in listed] == [(phone.id, False), (browser.id, True)]
    assert listed[0]["last_used_at"] > listed[0]["created_at"]


async def test_ending_one_of_my_sessions_signs_that_device_out_at_once(client, org):
    email = await person(org)
    phone, laptop = await sign_in(client, email), await sign_in(client, email)
    r = await client.delete(f"/api/v1/me/sessions/{laptop.id}", headers=phone.headers)
    assert r.status_code == 204, r.text
    assert_error(await laptop.me(), 401, "session_revoked")
    assert_error(await laptop.renew(), 401, "session_revoked")
    listed = (await client.get("/api/v1/me/sessions", headers=phone.headers)).json()["items"]
    assert [s["id"] for s in listed] == [phone.id]
    # Already ended: 404, like any session that is not a live one of mine.
    assert_error(await client.delete(f"/api/v1/me/sessions/{laptop.id}", headers=phone.headers), 404,
                 "session_not_found")


async def test_sessions_of_other_users_can_be_neither_listed_nor_ended(client, org):
    mine = await sign_in(client, await person(org))
    colleague = await sign_in(client, await person(org))
    outsider = await sign_in(client, await person(await new_org(client)))
    manager = await sign_in(client, await person(org, "manager"))
    for caller in (colleague, outsider, manager):
        listed = (await client.get("/api/v1/me/sessions", headers=caller.headers)).json()["items"]
        assert mine.id not in [s["id"] for s in listed]
        r = await client.delete(f"/api/v1/me/sessions/{mine.id}", headers=caller.headers)
        assert_error(r, 404, "session_not_found")
    assert_error(await org.delete(f"/me/sessions/{mine.id}"), 404, "session_not_found")  # nor the admin
    assert (await mine.me()).status_code == 200


async def test_sessions_are_for_users_not_api_keys_or_displays(client, org):
    key = (await org.ok("post", "/api-keys", {"name": "crm"}, status=201))["key"]
    r = await client.get("/api/v1/me/sessions", headers={"authorization": f"Bearer {key}"})
    assert_error(r, 403, "user_required")
    display = await org.ok("post", "/displays", {"name": "tv"}, status=201)
    token = (await client.post("/api/v1/displays/pair", json={"code": display["pairing_code"]})).json()["display_token"]
    r = await client.get("/api/v1/me/sessions", headers={"authorization": f"Bearer {token}"})
    assert_error(r, 403, "display_forbidden")  # not what a TV shows
    r = await client.delete("/api/v1/me/sessions/1", headers={"authorization": f"Bearer {token}"})
    assert_error(r, 403, "read_only")


# -- item 4: changing and resetting passwords -----------------------------------------------------------
async def test_changing_my_password_needs_the_current_one_and_ends_my_other_sessions(client, org):
    email = await person(org)
    phone, laptop, tablet = [await sign_in(client, email) for _ in range(3)]
    r = await client.post("/api/v1/me/password", headers=phone.headers,
                          json={"current_password": "not-my-password", "new_password": NEW_PASSWORD})
    assert_error(r, 403, "wrong_password")
    assert (await laptop.me()).status_code == 200  # a wrong attempt ends nothing
    r = await client.post("/api/v1/me/password", headers=phone.headers,
                          json={"current_password": PASSWORD, "new_password": NEW_PASSWORD})
    assert r.status_code == 204, r.text
    assert (await phone.me()).status_code == 200 and (await phone.renew()).status_code == 200
    for other in (laptop, tablet):
        assert_error(await other.me(), 401, "session_revoked")
        assert_error(await other.renew(), 401, "session_revoked")
    assert_error(await login(client, email, PASSWORD), 401, "invalid_credentials")
    assert (await login(client, email, NEW_PASSWORD)).status_code == 200


async def test_a_new_password_must_be_strong(client, org):
    email = await person(org)
    phone = await sign_in(client, email)
    for weak in ("password123", email, "short"):
        r = await client.post("/api/v1/me/password", headers=phone.headers,
                              json={"current_password": PASSWORD, "new_password": weak})
        assert_error(r, 400, "weak_password")
    assert (await login(client, email, PASSWORD)).status_code == 200


@pytest.mark.parametrize("role", ["rep", "manager", "admin"])
async def test_nobody_sets_their_own_password_through_patch(client, org, role):
    email = await person(org, role)
    me = await sign_in(client, email)
    r = await client.patch(f"/api/v1/users/{me.user_id}", headers=me.headers, json={"password": NEW_PASSWORD})
    assert_error(r, 403, "current_password_required")
    assert (await login(client, email, PASSWORD)).status_code == 200


@pytest.mark.parametrize("resetter_role", ["admin", "manager"])
async def test_a_password_reset_by_an_admin_or_manager_ends_all_of_that_users_sessions(client, org, resetter_role):
    resetter = org if resetter_role == "admin" else await org.user("manager")
    email = await person(org)
    phone, laptop = await sign_in(client, email), await sign_in(client, email)
    await resetter.ok("patch", f"/users/{phone.user_id}", {"password": NEW_PASSWORD})
    for s in (phone, laptop):
        assert_error(await s.me(), 401, "session_revoked")
        assert_error(await s.renew(), 401, "session_revoked")
    assert (await login(client, email, NEW_PASSWORD)).status_code == 200
    assert (await resetter.get("/me")).status_code == 200


async def test_who_cannot_reset_a_password(client, org):
    target_email = await person(org, "manager")
    target = await sign_in(client, target_email)
    manager = await org.user("manager")  # a manager manages reps only
    rep = await org.user("rep")
    outsider = await new_org(client)
    for caller, status, code in ((manager, 403, "forbidden"), (rep, 403, "forbidden"),
                                 (outsider, 404, "user_not_found")):
        assert_error(await caller.patch(f"/users/{target.user_id}", {"password": NEW_PASSWORD}), status, code)
    assert (await target.me()).status_code == 200
    assert (await login(client, target_email, PASSWORD)).status_code == 200


async def test_a_weak_reset_password_is_refused_and_ends_nothing(client, org):
    email = await person(org)
    phone = await sign_in(client, email)
    assert_error(await org.patch(f"/users/{phone.user_id}", {"password": "12345678910"}), 400, "weak_password")
    assert (await phone.me()).status_code == 200


async def test_ended_sessions_are_pruned_a_day_later_and_their_tokens_stay_refused(client, org, rt):
    email = await person(org)
    ended, live = await sign_in(client, email), await sign_in(client, email)
    r = await client.post("/api/v1/auth/logout", headers=ended.headers, json={"refresh_token": ended.refresh})
    assert r.status_code == 204
    async with rt.sessions() as s, s.begin():
        row = await s.get(AuthSession, ended.id)
        row.revoked_at = rt.now() - timedelta(days=1, minutes=1)
    assert await sessions.prune(rt) >= 1
    async with rt.sessions() as s:
        assert await s.get(AuthSession, ended.id) is None
        assert await s.get(AuthSession, live.id) is not None
    await rt.redis.delete(auth_state.session_key(org.org_id, ended.id))  # no copy left anywhere but SQL
    other_process = make_runtime(rt.settings)
    try:
        with pytest.raises(Unauthorized) as refused:
            await auth_state.principal_for(other_process, ended.access)
        assert refused.value.code == "session_revoked"
    finally:
        await other_process.close()
    assert_error(await ended.renew(), 401, "session_revoked")
    assert (await live.me()).status_code == 200
