"""Org API keys for CRM and server-to-server ingestion."""

from __future__ import annotations

import httpx

from tests.conftest import Api, new_org
from tests.support.api import assert_error, balance


def as_key(client: httpx.AsyncClient, key: str, header: str = "authorization") -> dict:
    return {header: f"Bearer {key}" if header == "authorization" else key}


async def post_with_key(client, key: str, body: dict, header: str = "authorization") -> httpx.Response:
    return await client.post("/api/v1/activities", headers=as_key(client, key, header), json=body)


async def create_key(admin: Api, name: str = "crm") -> dict:
    return await admin.ok("post", "/api-keys", {"name": name}, status=201)


async def test_admin_creates_a_key_that_is_shown_once(org):
    created = await create_key(org, "Salesforce")
    assert set(created) == {"id", "name", "prefix", "created_at", "key"}
    assert created["name"] == "Salesforce"
    assert created["key"].startswith("rrk_")
    assert created["key"].startswith(f"rrk_{created['prefix']}_")
    assert len(created["key"]) > 40
    r = await org.get("/api-keys")
    assert r.status_code == 200
    assert created["key"] not in r.text
    secret = created["key"][len(f"rrk_{created['prefix']}_"):]  # the secret itself may contain "_"
    assert secret not in r.text
    (listed,) = r.json()["items"]
    assert set(listed) == {"id", "name", "prefix", "created_at", "revoked_at"}
    assert (listed["id"], listed["prefix"], listed["revoked_at"]) == (created["id"], created["prefix"], None)
    assert (await create_key(org))["key"] != created["key"]


async def test_a_key_posts_activities_for_a_named_user(client, org):
    rep = await org.user()
    key = (await create_key(org))["key"]
    r = await post_with_key(client, key, {"type": "call", "quantity": 2, "user_id": rep.user_id,
                                          "external_id": "sf-1"})
    assert r.status_code == 201, r.text
    out = r.json()
    assert (out["user_id"], out["source"], out["points_awarded"]) == (rep.user_id, "integration", 4)
    # The CRM may record what reps cannot self-report.
    r = await post_with_key(client, key, {"type": "deal_won", "value": 2000, "user_id": rep.user_id})
    assert (r.status_code, r.json()["points_awarded"]) == (201, 70)
    # The X-API-Key header works as well, and retries are idempotent.
    r = await post_with_key(client, key, {"type": "call", "quantity": 2, "user_id": rep.user_id,
                                          "external_id": "sf-1"}, header="x-api-key")
    assert (r.status_code, r.json()["id"], r.json()["duplicate"]) == (200, out["id"], True)
    assert await balance(rep) == 74


async def test_a_key_batch_is_sourced_integration(client, org):
    rep = await org.user()
    key = (await create_key(org))["key"]
    r = await client.post("/api/v1/activities/batch", headers=as_key(client, key), json={"activities": [
        {"type": "email", "user_id": rep.user_id}, {"type": "email"}]})
    results = r.json()["results"]
    assert [x["status"] for x in results] == [201, 400]
    assert results[0]["activity"]["source"] == "integration"
    assert results[1]["error"]["code"] == "user_id_required"


async def test_a_key_must_name_the_user(client, org):
    key = (await create_key(org))["key"]
    assert_error(await post_with_key(client, key, {"type": "call"}), 400, "user_id_required")


async def test_a_revoked_key_is_refused_at_once(client, org):
    rep = await org.user()
    created = await create_key(org)
    key = created["key"]
    assert (await post_with_key(client, key, {"type": "call", "user_id": rep.user_id})).status_code == 201
    r = await org.delete(f"/api-keys/{created['id']}")
    assert r.status_code == 200, r.text
    revoked = r.json()
    assert revoked["id"] == created["id"] and revoked["revoked_at"] is not None
    assert_error(await post_with_key(client, key, {"type": "call", "user_id": rep.user_id}), 401, "invalid_api_key")
    assert_error(await post_with_key(client, key, {"type": "call", "user_id": rep.user_id}, header="x-api-key"),
                 401, "invalid_api_key")
    (listed,) = (await org.ok("get", "/api-keys"))["items"]
    assert listed["revoked_at"] == revoked["revoked_at"]
    # Revoking again is harmless and keeps the first revocation time.
    again = await org.delete(f"/api-keys/{created['id']}")
    assert (again.status_code, again.json()["revoked_at"]) == (200, revoked["revoked_at"])
    assert await balance(rep) == 2


async def test_tampered_or_malformed_keys_are_401(client, org):
    rep = await org.user()
    key = (await create_key(org))["key"]
    tampered = key[:-3] + ("aaa" if not key.endswith("aaa") else "bbb")
    for bad in (tampered, "rrk_", "rrk_short_secret", "rrk_000000000000_nothing", key + "x"):
        assert_error(await post_with_key(client, bad, {"type": "call", "user_id": rep.user_id}), 401,
                     "invalid_api_key")
    assert await balance(rep) == 0


async def test_a_key_of_one_org_cannot_name_a_user_of_another(client, org):
    other = await new_org(client)
    stranger = await other.user()
    key = (await create_key(org))["key"]
    assert_error(await post_with_key(client, key, {"type": "call", "user_id": stranger.user_id}), 404,
                 "user_not_found")
    assert await balance(stranger) == 0
    # Nor can the other org revoke or see it.
    created_id = (await org.ok("get", "/api-keys"))["items"][0]["id"]
    assert_error(await other.delete(f"/api-keys/{created_id}"), 404, "api_key_not_found")
    assert (await other.ok("get", "/api-keys"))["items"] == []


async def test_only_admins_manage_keys(org):
    created = await create_key(org)
    for role in ("manager", "rep"):
        api = await org.user(role)
        assert_error(await api.post("/api-keys", {"name": "mine"}), 403, "forbidden")
        assert_error(await api.get("/api-keys"), 403, "forbidden")
        assert_error(await api.delete(f"/api-keys/{created['id']}"), 403, "forbidden")
    assert (await org.ok("get", "/api-keys"))["items"][0]["revoked_at"] is None


async def test_a_key_cannot_act_as_a_user_or_admin(client, org):
    key = (await create_key(org))["key"]
    headers = as_key(client, key)
    assert_error(await client.get("/api/v1/me", headers=headers), 403, "user_required")
    assert_error(await client.get("/api/v1/me/ledger", headers=headers), 403, "user_required")
    assert_error(await client.get("/api/v1/users", headers=headers), 403, "user_required")
    assert_error(await client.post("/api/v1/api-keys", headers=headers, json={"name": "child"}), 403, "forbidden")
    assert_error(await client.post("/api/v1/activity-types", headers=headers,
                                   json={"key": "sneaky", "label": "S", "points": 1000}), 403, "forbidden")
    # Reading the boards is fine.
    assert (await client.get("/api/v1/leaderboards/points", headers=headers)).status_code == 200
