"""Sign-up, login, tokens, /me, and teams and users with their roles, through the HTTP API."""

from __future__ import annotations

import pytest

from server.core.auth import Tokens
from tests.conftest import PASSWORD, Api, new_org, unique
from tests.support.api import ago, assert_error, claims, iso, login, noon_org


def org_body(**over) -> dict:
    body = {"name": unique("Acme "), "timezone": "Europe/Berlin",
            "admin": {"email": f"{unique('boss')}@example.com", "password": PASSWORD, "display_name": "Boss"}}
    body.update(over)
    return body


async def user_with_email(admin: Api, role: str = "rep", **fields) -> tuple[dict, str]:
    email = f"{unique('person')}@example.com"
    created = await admin.ok("post", "/users", {"email": email, "display_name": "Person", "password": PASSWORD,
                                                "role": role, **fields}, status=201)
    return created, email


# -- creating an org ---------------------------------------------------------------------------------
async def test_create_org_returns_the_org_its_admin_and_working_tokens(client):
    body = org_body(week_start="sunday")
    body["admin"]["email"] = body["admin"]["email"].upper().replace("@EXAMPLE.COM", "@Example.com")
    r = await client.post("/api/v1/orgs", json=body)
    assert r.status_code == 201, r.text
    data = r.json()
    assert set(data) == {"org", "user", "access_token", "refresh_token", "token_type"}
    assert data["token_type"] == "bearer"
    org, user = data["org"], data["user"]
    assert (org["name"], org["timezone"], org["week_start"]) == (body["name"], "Europe/Berlin", "sunday")
    assert org["slug"]
    assert (user["role"], user["org_id"], user["display_name"], user["active"]) == ("admin", org["id"], "Boss", True)
    assert user["email"] == body["admin"]["email"].lower()
    me = await client.get("/api/v1/me", headers={"authorization": f"Bearer {data['access_token']}"})
    assert me.status_code == 200, me.text
    assert (me.json()["user"]["id"], me.json()["org"]["id"]) == (user["id"], org["id"])
    r = await client.post("/api/v1/auth/refresh", json={"refresh_token": data["refresh_token"]})
    assert r.status_code == 200, r.text


async def test_week_start_defaults_to_monday(client):
    r = await client.post("/api/v1/orgs", json=org_body())
    assert r.json()["org"]["week_start"] == "monday"


@pytest.mark.parametrize("timezone", ["Mars/Olympus", "Europe/Nowhere", "UTC+2", "../etc/passwd", "America"])
async def test_create_org_with_an_unknown_time_zone_is_400_invalid_timezone(client, timezone):
    body = org_body(timezone=timezone)
    assert_error(await client.post("/api/v1/orgs", json=body), 400, "invalid_timezone")
    # Nothing was created: the same admin email can still sign up.
    body["timezone"] = "UTC"
    assert (await client.post("/api/v1/orgs", json=body)).status_code == 201


async def test_create_org_with_a_taken_admin_email_is_409_in_any_case(client):
    first = org_body()
    assert (await client.post("/api/v1/orgs", json=first)).status_code == 201
    again = org_body()
    again["admin"]["email"] = first["admin"]["email"]
    assert_error(await client.post("/api/v1/orgs", json=again), 409, "email_taken")
    again["admin"]["email"] = first["admin"]["email"].upper()
    assert_error(await client.post("/api/v1/orgs", json=again), 409, "email_taken")


@pytest.mark.parametrize("change", [
    {"week_start": "someday"},
    {"timezone": ""},
    {"name": ""},
    {"admin": {"email": "not-an-email", "password": PASSWORD, "display_name": "X"}},
    {"plan": "enterprise"},
])
async def test_create_org_with_invalid_fields_is_400_invalid_request(client, change):
    assert_error(await client.post("/api/v1/orgs", json=org_body(**change)), 400, "invalid_request")


# -- login and refresh -------------------------------------------------------------------------------
async def test_login_returns_tokens_and_the_user(client, org):
    _, email = await user_with_email(org)
    r = await login(client, email.upper(), PASSWORD)  # emails are case-insensitive
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["user"]["email"] == email
    assert (data["token_type"], data["expires_in"]) == ("bearer", 15 * 60)
    me = await client.get("/api/v1/me", headers={"authorization": f"Bearer {data['access_token']}"})
    assert me.json()["user"]["id"] == data["user"]["id"]


async def test_wrong_password_and_unknown_email_get_the_same_401(client, org):
    _, email = await user_with_email(org)
    wrong = assert_error(await login(client, email, "password124"), 401, "invalid_credentials")
    unknown = assert_error(await login(client, f"{unique('ghost')}@example.com", PASSWORD), 401,
                           "invalid_credentials")
    assert wrong == unknown


async def test_refresh_issues_a_new_working_pair(client, org):
    _, email = await user_with_email(org)
    tokens = (await login(client, email, PASSWORD)).json()
    r = await client.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert r.status_code == 200, r.text
    fresh = r.json()
    assert fresh["refresh_token"] != tokens["refresh_token"]
    assert fresh["user"]["id"] == tokens["user"]["id"]
    me = await client.get("/api/v1/me", headers={"authorization": f"Bearer {fresh['access_token']}"})
    assert me.status_code == 200


async def test_an_access_token_cannot_be_used_to_refresh(client, org):
    assert_error(await client.post("/api/v1/auth/refresh", json={"refresh_token": org.token}), 401, "invalid_token")
    assert_error(await client.post("/api/v1/auth/refresh", json={"refresh_token": "garbage"}), 401, "invalid_token")


async def test_a_refresh_token_is_not_an_access_token(client, org):
    _, email = await user_with_email(org)
    refresh = (await login(client, email, PASSWORD)).json()["refresh_token"]
    r = await client.get("/api/v1/me", headers={"authorization": f"Bearer {refresh}"})
    assert_error(r, 401, "invalid_token")


async def test_a_deactivated_user_can_neither_refresh_nor_log_in(client, org):
    created, email = await user_with_email(org)
    refresh = (await login(client, email, PASSWORD)).json()["refresh_token"]
    await org.ok("patch", f"/users/{created['id']}", {"active": False})
    assert_error(await client.post("/api/v1/auth/refresh", json={"refresh_token": refresh}), 401,
                 "account_disabled")
    assert_error(await login(client, email, PASSWORD), 401, "account_disabled")
    await org.ok("patch", f"/users/{created['id']}", {"active": True})
    assert (await client.post("/api/v1/auth/refresh", json={"refresh_token": refresh})).status_code == 200


async def test_expired_and_foreign_tokens_are_401(client, org, rt):
    sid = claims(org.token)["sid"]  # a real session of the admin: only the signature or expiry is wrong
    expired, _ = Tokens(rt.settings.jwt_secret, access_ttl_s=-120, refresh_ttl_s=-120).issue(
        org.user_id, org.org_id, sid, "jti")
    assert_error(await client.get("/api/v1/me", headers={"authorization": f"Bearer {expired}"}), 401,
                 "token_expired")
    forged, _ = Tokens("another-secret-" + "y" * 32, 900, 900).issue(org.user_id, org.org_id, sid, "jti")
    assert_error(await client.get("/api/v1/me", headers={"authorization": f"Bearer {forged}"}), 401,
                 "invalid_token")
    _, expired_refresh = Tokens(rt.settings.jwt_secret, access_ttl_s=900, refresh_ttl_s=-120).issue(
        org.user_id, org.org_id, sid, "jti")
    assert_error(await client.post("/api/v1/auth/refresh", json={"refresh_token": expired_refresh}), 401,
                 "token_expired")


@pytest.mark.parametrize(("headers", "code"), [
    ({}, "unauthenticated"),
    ({"authorization": ""}, "unauthenticated"),
    ({"authorization": "Bearer"}, "unauthenticated"),
    ({"authorization": "Bearer    "}, "unauthenticated"),
    ({"authorization": "Basic dXNlcjpwYXNz"}, "unauthenticated"),
    ({"authorization": "Bearer not-a-jwt"}, "invalid_token"),
    ({"authorization": "Bearer a.b.c"}, "invalid_token"),
    ({"authorization": "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0."}, "invalid_token"),
])
@pytest.mark.parametrize("path", ["/api/v1/me", "/api/v1/users", "/api/v1/leaderboards/points"])
async def test_missing_or_garbage_bearer_is_401_with_a_code(client, headers, code, path):
    assert_error(await client.get(path, headers=headers), 401, code)


async def test_posting_without_a_token_is_401(client):
    assert_error(await client.post("/api/v1/activities", json={"type": "call"}), 401, "unauthenticated")


# -- /me -----------------------------------------------------------------------------------------------
async def test_me_shows_balance_and_competition_ranks_today_and_this_week(client):
    admin = await noon_org(client)
    leader, me, tied, idle = [await admin.user() for _ in range(4)]
    await leader.log("meeting_booked")                       # 10
    await me.log("call", quantity=3)                         # 6
    await tied.log("call", quantity=3)                       # 6
    body = await me.ok("get", "/me")
    assert body["user"]["id"] == me.user_id
    assert body["org"]["id"] == admin.org_id
    assert body["points_balance"] == 6
    assert body["rank_today"] == {"rank": 2, "score": 6}
    assert body["rank_this_week"] == {"rank": 2, "score": 6}
    assert (await tied.ok("get", "/me"))["rank_today"] == {"rank": 2, "score": 6}
    assert (await leader.ok("get", "/me"))["rank_today"] == {"rank": 1, "score": 10}
    idle_me = await idle.ok("get", "/me")
    assert idle_me["points_balance"] == 0
    # Not on the board yet: everyone without points shares the place after the last one.
    assert idle_me["rank_today"] == {"rank": 4, "score": 0}
    assert idle_me["rank_this_week"] == {"rank": 4, "score": 0}


async def test_me_balance_counts_past_days_but_rank_today_does_not(client):
    admin = await noon_org(client)
    rep = await admin.user()
    await rep.log("call", quantity=2)                                          # today: 4
    await rep.log("email", quantity=5, occurred_at=iso(ago(days=3)))          # 3 days ago: 5
    body = await rep.ok("get", "/me")
    assert body["points_balance"] == 9
    assert body["rank_today"] == {"rank": 1, "score": 4}


async def test_me_needs_a_user(client, org):
    key = (await org.ok("post", "/api-keys", {"name": "crm"}, status=201))["key"]
    r = await client.get("/api/v1/me", headers={"authorization": f"Bearer {key}"})
    assert_error(r, 403, "user_required")


# -- teams ---------------------------------------------------------------------------------------------
async def test_admin_creates_lists_gets_and_renames_teams(org):
    east = await org.ok("post", "/teams", {"name": "East", "region": "EMEA"}, status=201)
    west = await org.ok("post", "/teams", {"name": "West"}, status=201)
    assert (east["name"], east["region"], west["region"]) == ("East", "EMEA", None)
    listed = await org.ok("get", "/teams")
    assert [t["id"] for t in listed["items"]] == [east["id"], west["id"]]
    assert await org.ok("get", f"/teams/{east['id']}") == east
    renamed = await org.ok("patch", f"/teams/{east['id']}", {"name": "East Coast", "region": "AMER"})
    assert (renamed["id"], renamed["name"], renamed["region"]) == (east["id"], "East Coast", "AMER")
    assert (await org.ok("get", f"/teams/{east['id']}"))["name"] == "East Coast"


async def test_team_names_are_unique_per_org_ignoring_case(client, org):
    await org.ok("post", "/teams", {"name": "Closers"}, status=201)
    assert_error(await org.post("/teams", {"name": "closers"}), 409, "team_exists")
    other = await org.ok("post", "/teams", {"name": "Openers"}, status=201)
    assert_error(await org.patch(f"/teams/{other['id']}", {"name": "CLOSERS"}), 409, "team_exists")
    # Another org may use the same name.
    assert (await (await new_org(client)).post("/teams", {"name": "Closers"})).status_code == 201


async def test_only_admins_create_or_change_teams(org):
    team = await org.ok("post", "/teams", {"name": "Alpha"}, status=201)
    manager = await org.user("manager")
    rep = await org.user("rep")
    for api in (manager, rep):
        assert_error(await api.post("/teams", {"name": "Beta"}), 403, "forbidden")
        assert_error(await api.patch(f"/teams/{team['id']}", {"name": "Gamma"}), 403, "forbidden")
        assert [t["id"] for t in (await api.ok("get", "/teams"))["items"]] == [team["id"]]


# -- users and roles ---------------------------------------------------------------------------------
async def test_user_region_defaults_to_the_team_region(org):
    team = await org.ok("post", "/teams", {"name": "Nordics", "region": "EMEA"}, status=201)
    defaulted, _ = await user_with_email(org, team_id=team["id"])
    assert (defaulted["team_id"], defaulted["region"]) == (team["id"], "EMEA")
    explicit, _ = await user_with_email(org, team_id=team["id"], region="APAC")
    assert explicit["region"] == "APAC"
    teamless, _ = await user_with_email(org)
    assert (teamless["team_id"], teamless["region"]) == (None, None)


async def test_admin_creates_reps_managers_and_admins(org):
    for role in ("rep", "manager", "admin"):
        created, email = await user_with_email(org, role=role, job_role="AE", shift="day", timezone="Asia/Tokyo")
        assert (created["role"], created["org_id"], created["email"]) == (role, org.org_id, email)
        assert (created["job_role"], created["shift"], created["timezone"]) == ("AE", "day", "Asia/Tokyo")
        assert await org.ok("get", f"/users/{created['id']}") == created


async def test_manager_creates_reps_only(org):
    manager = await org.user("manager")
    rep, _ = await user_with_email(manager, role="rep")
    assert rep["role"] == "rep"
    for role in ("manager", "admin"):
        r = await manager.post("/users", {"email": f"{unique('m')}@example.com", "display_name": "X",
                                          "password": PASSWORD, "role": role})
        assert_error(r, 403, "forbidden")


async def test_rep_cannot_create_users(org):
    rep = await org.user("rep")
    r = await rep.post("/users", {"email": f"{unique('r')}@example.com", "display_name": "X",
                                  "password": PASSWORD, "role": "rep"})
    assert_error(r, 403, "forbidden")


async def test_creating_a_user_with_a_taken_email_is_409(client, org):
    _, email = await user_with_email(org)
    body = {"email": email.upper(), "display_name": "Copy", "password": PASSWORD}
    assert_error(await org.post("/users", body), 409, "email_taken")
    assert_error(await (await new_org(client)).post("/users", body), 409, "email_taken")


async def test_creating_a_user_with_a_bad_time_zone_is_400(org):
    r = await org.post("/users", {"email": f"{unique('tz')}@example.com", "display_name": "X",
                                  "password": PASSWORD, "timezone": "Moon/Base"})
    assert_error(r, 400, "invalid_timezone")


async def test_rep_changes_own_name_and_time_zone(client, org):
    created, email = await user_with_email(org)
    tokens = (await login(client, email, PASSWORD)).json()
    rep = Api(client, tokens["access_token"], org.org_id, created["id"])
    updated = await rep.ok("patch", f"/users/{rep.user_id}", {"display_name": "Renamed", "timezone": "Asia/Tokyo"})
    assert (updated["display_name"], updated["timezone"]) == ("Renamed", "Asia/Tokyo")
    assert_error(await rep.patch(f"/users/{rep.user_id}", {"timezone": "Nowhere/Land"}), 400, "invalid_timezone")


@pytest.mark.parametrize("change", [{"role": "admin"}, {"role": "manager"}, {"active": False}, {"region": "X"},
                                    {"job_role": "VP"}, {"shift": "night"}])
async def test_rep_cannot_change_anything_else_about_themselves(org, change):
    team = await org.ok("post", "/teams", {"name": unique("T")}, status=201)
    rep = await org.user("rep")
    assert_error(await rep.patch(f"/users/{rep.user_id}", change), 403, "forbidden")
    assert_error(await rep.patch(f"/users/{rep.user_id}", {"team_id": team["id"]}), 403, "forbidden")
    assert (await org.ok("get", f"/users/{rep.user_id}"))["role"] == "rep"


async def test_rep_cannot_change_another_user(org):
    rep = await org.user("rep")
    other = await org.user("rep")
    assert_error(await rep.patch(f"/users/{other.user_id}", {"display_name": "Hacked"}), 403, "forbidden")
    assert_error(await rep.patch(f"/users/{org.user_id}", {"display_name": "Hacked"}), 403, "forbidden")
    assert (await org.ok("get", f"/users/{other.user_id}"))["display_name"] != "Hacked"


async def test_manager_manages_reps_but_not_managers_or_admins(org):
    team = await org.ok("post", "/teams", {"name": unique("T"), "region": "EMEA"}, status=201)
    manager = await org.user("manager")
    peer = await org.user("manager")
    rep = await org.user("rep")
    moved = await manager.ok("patch", f"/users/{rep.user_id}", {"team_id": team["id"], "display_name": "Rep One"})
    assert (moved["team_id"], moved["display_name"]) == (team["id"], "Rep One")
    assert_error(await manager.patch(f"/users/{rep.user_id}", {"role": "manager"}), 403, "forbidden")
    assert_error(await manager.patch(f"/users/{peer.user_id}", {"display_name": "X"}), 403, "forbidden")
    assert_error(await manager.patch(f"/users/{org.user_id}", {"display_name": "X"}), 403, "forbidden")
    assert_error(await manager.patch(f"/users/{manager.user_id}", {"role": "admin"}), 403, "cannot_change_own_access")
    # Deactivating a rep is allowed.
    assert (await manager.ok("patch", f"/users/{rep.user_id}", {"active": False}))["active"] is False


async def test_admin_promotes_and_cannot_deactivate_self(org):
    rep = await org.user("rep")
    assert (await org.ok("patch", f"/users/{rep.user_id}", {"role": "manager"}))["role"] == "manager"
    assert_error(await org.patch(f"/users/{org.user_id}", {"active": False}), 403, "cannot_change_own_access")


async def test_list_users_with_filters(org):
    team = await org.ok("post", "/teams", {"name": unique("T")}, status=201)
    in_team = [await org.user("rep", team_id=team["id"]) for _ in range(2)]
    manager = await org.user("manager")
    everyone = await org.ok("get", "/users")
    assert everyone["total"] == 4
    assert [u["id"] for u in everyone["items"]] == [org.user_id, in_team[0].user_id, in_team[1].user_id,
                                                     manager.user_id]
    by_team = await org.ok("get", "/users", team_id=team["id"])
    assert (by_team["total"], [u["id"] for u in by_team["items"]]) == (2, [u.user_id for u in in_team])
    managers = await org.ok("get", "/users", role="manager")
    assert [u["id"] for u in managers["items"]] == [manager.user_id]
    page = await org.ok("get", "/users", limit=2, offset=1)
    assert (page["total"], [u["id"] for u in page["items"]]) == (4, [in_team[0].user_id, in_team[1].user_id])
    await org.ok("patch", f"/users/{manager.user_id}", {"active": False})
    inactive = await org.ok("get", "/users", active="false")
    assert [u["id"] for u in inactive["items"]] == [manager.user_id]
    # Reps may read the list too.
    assert (await in_team[0].ok("get", "/users"))["total"] == 4


async def test_ids_of_another_org_answer_404(client, org):
    other = await new_org(client)
    their_team = await other.ok("post", "/teams", {"name": "Theirs"}, status=201)
    their_rep = await other.user("rep")
    assert_error(await org.get(f"/teams/{their_team['id']}"), 404, "team_not_found")
    assert_error(await org.patch(f"/teams/{their_team['id']}", {"name": "Mine"}), 404, "team_not_found")
    assert_error(await org.get(f"/users/{their_rep.user_id}"), 404, "user_not_found")
    assert_error(await org.patch(f"/users/{their_rep.user_id}", {"display_name": "Mine"}), 404, "user_not_found")
    r = await org.post("/users", {"email": f"{unique('x')}@example.com", "display_name": "X", "password": PASSWORD,
                                  "team_id": their_team["id"]})
    assert_error(r, 404, "team_not_found")
    my_rep = await org.user("rep")
    assert_error(await org.patch(f"/users/{my_rep.user_id}", {"team_id": their_team["id"]}), 404, "team_not_found")
    # Nothing changed on their side.
    assert (await other.ok("get", f"/teams/{their_team['id']}"))["name"] == "Theirs"
    assert (await other.ok("get", f"/users/{their_rep.user_id}"))["display_name"] != "Mine"
    assert_error(await org.get("/teams/999999999"), 404, "team_not_found")
    assert_error(await org.get("/users/999999999"), 404, "user_not_found")
