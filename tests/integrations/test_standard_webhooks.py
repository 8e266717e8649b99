"""Standard Webhooks end to end: signed deliveries into the inbox, the worker turning them into
activities exactly once, in any order, with owners matched by email or by an admin's mapping."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from server.features import make_runtime, registry
from server.integrations import inbox, intake, jobs, store
from server.integrations.connectors.base import Parsed
from server.integrations.models import Integration
from tests.conftest import PASSWORD, _app_of, _client_of, make_settings, new_org
from tests.integrations.support import (
    activities_of,
    changes_of,
    drain,
    events_of,
    iso,
    live_points,
    now_s,
    std_integration,
)
from tests.support.api import assert_error, balance, type_key


async def rep_with_email(org):
    rep = await org.user()
    me = await rep.ok("get", "/me")
    return rep, me["user"]["email"]


# -- the admin API ------------------------------------------------------------------------------
async def test_the_signing_secret_is_made_once_and_never_read_back(rt, org):
    created = await org.ok("post", "/integrations", {"kind": "standard_webhooks", "name": "Dialer"}, status=201)
    secret = created["signing_secret"]
    assert secret.startswith("whsec_") and len(secret) > 40
    assert created["webhook_url"].endswith(f"/api/v1/hooks/{created['webhook_url'].rsplit('/', 1)[1]}")
    assert created["secrets"] == ["signing_secret"]
    one = await org.ok("get", f"/integrations/{created['id']}")
    listed = await org.ok("get", "/integrations")
    for shown in (one, *listed["integrations"]):
        assert "signing_secret" not in shown and secret not in json.dumps(shown)
    assert one["webhook_url"] == created["webhook_url"] and one["rules"] == {"map": [], "won_stages": [], "types": {}}
    async with rt.engine.connect() as conn:
        stored = (await conn.execute(select(Integration.__table__).where(Integration.id == created["id"]))).one()
    assert secret not in stored.secrets_enc and secret.removeprefix("whsec_") not in json.dumps(dict(stored._mapping),
                                                                                                 default=str)


async def test_a_rotated_secret_is_shown_once_and_the_old_one_stops_verifying(org):
    sender = await std_integration(org)
    rep, email = await rep_with_email(org)
    old = sender.secret
    rotated = await org.ok("patch", f"/integrations/{sender.integration_id}", {"rotate": "signing_secret"})
    assert rotated["signing_secret"] != old and rotated["signing_secret"].startswith("whsec_")
    assert "signing_secret" not in await org.ok("get", f"/integrations/{sender.integration_id}")
    r = await sender.upsert("call-rot", owner={"email": email})
    assert_error(r, 401, "invalid_signature")
    sender.secret = rotated["signing_secret"]
    assert (await sender.upsert("call-rot", owner={"email": email})).status_code == 200


async def test_fields_of_another_kind_and_bad_secrets_are_refused(org):
    r = await org.post("/integrations", {"kind": "standard_webhooks", "name": "x", "client_secret": "s" * 20})
    assert_error(r, 400, "field_not_for_kind")
    r = await org.post("/integrations", {"kind": "standard_webhooks", "name": "x", "signing_secret": "whsec_short"})
    assert_error(r, 400, "invalid_signing_secret")
    r = await org.post("/integrations", {"kind": "hubspot", "name": "x"})
    assert_error(r, 400, "missing_field")
    r = await org.post("/integrations", {"kind": "smoke_signals", "name": "x"})
    assert_error(r, 400, "invalid_request")


async def test_only_admins_of_the_org_manage_integrations(client, org):
    sender = await std_integration(org)
    path = f"/integrations/{sender.integration_id}"
    other = await new_org(client)
    for method, url, body in (("get", path, None), ("patch", path, {"name": "y"}), ("delete", path, None),
                              ("get", path + "/status", None), ("get", path + "/unmatched", None),
                              ("put", path + "/owners/42", {"user_id": None})):
        r = await (other.get(url) if method == "get" else other.delete(url) if method == "delete"
                   else other.patch(url, body) if method == "patch"
                   else other.client.put(f"/api/v1{url}", headers=other.headers, json=body))
        assert_error(r, 404, "integration_not_found")
    manager = await org.user("manager")
    rep = await org.user()
    for who in (manager, rep):
        assert_error(await who.get("/integrations"), 403, "forbidden")
        assert_error(await who.get(path), 403, "forbidden")
        assert_error(await who.post("/integrations", {"kind": "standard_webhooks", "name": "z"}), 403, "forbidden")
    key = (await org.ok("post", "/api-keys", {"name": "k"}, status=201))["key"]
    r = await client.get("/api/v1/integrations", headers={"x-api-key": key})
    assert_error(r, 403, "forbidden")
    display = await org.ok("post", "/displays", {"name": "TV"}, status=201)
    paired = await client.post("/api/v1/displays/pair", json={"code": display["pairing_code"]})
    screen = {"authorization": f"Bearer {paired.json()['display_token']}"}
    assert_error(await client.get("/api/v1/integrations", headers=screen), 403, "display_forbidden")
    assert_error(await client.get(f"/api/v1{path}/status", headers=screen), 403, "display_forbidden")
    assert (await org.ok("get", path))["id"] == sender.integration_id


# -- deliveries -----------------------------------------------------------------------------------
async def test_a_signed_delivery_is_acknowledged_then_scored_once_for_the_rep_with_the_owners_email(rt, org):
    sender = await std_integration(org)
    rep, email = await rep_with_email(org)
    r = await sender.upsert("call-1", "call", owner={"email": email.upper()}, quantity=3)
    assert r.status_code == 200 and r.json() == {"accepted": 1, "duplicates": 0, "rejected": 0, "errors": []}
    assert await balance(rep) == 0  # acknowledged before it is applied
    await drain(rt)
    assert await balance(rep) == 6  # call: 2 points x 3
    ext = f"webhook:{sender.integration_id}:call-1"
    assert await activities_of(rt, org.org_id, ext) == [(ext, rep.user_id, 3, None, False)]
    (event,) = await events_of(rt, sender.integration_id)
    assert (event.status, event.owner_ref, event.error_code) == ("done", email, None)
    ledger = (await rep.ok("get", "/me/ledger"))["entries"]
    assert (ledger[0]["source"], ledger[0]["external_id"]) == ("webhook", ext)


async def test_bad_stale_and_unsigned_deliveries_are_refused_and_nothing_is_kept(rt, org):
    sender = await std_integration(org)
    rep, email = await rep_with_email(org)
    body = json.dumps({"type": "activity.upsert", "data": {"external_id": "c", "activity_type": "call",
                                                           "owner": {"email": email}}}).encode()
    forged = await sender.send_raw(body, secret="whsec_" + "A" * 43)
    assert assert_error(forged, 401, "invalid_signature")["details"] == {"reason": "bad_signature"}
    stale = await sender.send_raw(body, ts=now_s() - 6 * 60)
    assert assert_error(stale, 401, "invalid_signature")["details"] == {"reason": "stale_timestamp"}
    future = await sender.send_raw(body, ts=now_s() + 6 * 60)
    assert_error(future, 401, "invalid_signature")
    headers = sender.headers(body)
    tampered = await sender.client.post(sender.path, content=body.replace(b'"c"', b'"d"'), headers=headers)
    assert_error(tampered, 401, "invalid_signature")
    unsigned = await sender.client.post(sender.path, content=body, headers={"content-type": "application/json"})
    assert assert_error(unsigned, 401, "invalid_signature")["details"] == {"reason": "missing_headers"}
    unknown = await sender.client.post("/api/v1/hooks/nosuchhook", content=body, headers=headers)
    assert_error(unknown, 404, "unknown_webhook")
    assert await events_of(rt, sender.integration_id) == []
    status = await org.ok("get", f"/integrations/{sender.integration_id}/status")
    assert status["signature_failures"] == 5 and status["accepted"] == 0


async def test_a_replay_is_200_and_changes_nothing(rt, org):
    sender = await std_integration(org)
    rep, email = await rep_with_email(org)
    first = await sender.upsert("m-1", "meeting_booked", owner={"email": email}, msg_id="msg_fixed_1")
    again = await sender.upsert("m-1", "meeting_booked", owner={"email": email}, msg_id="msg_fixed_1")
    assert first.json()["accepted"] == 1
    assert again.status_code == 200 and again.json() == {"accepted": 0, "duplicates": 1, "rejected": 0, "errors": []}
    await drain(rt)
    # The same activity under a new delivery id (a sender's resend): the external id holds.
    await sender.upsert("m-1", "meeting_booked", owner={"email": email})
    await drain(rt)
    assert await balance(rep) == 10
    assert len(await activities_of(rt, org.org_id, f"webhook:{sender.integration_id}:m-1")) == 1
    assert [e.status for e in await events_of(rt, sender.integration_id)] == ["done", "done"]
    status = await org.ok("get", f"/integrations/{sender.integration_id}/status")
    assert (status["accepted"], status["duplicates"], status["applied"]) == (2, 1, 2)


async def test_an_event_that_cannot_be_read_is_kept_with_its_error_and_answered_200(rt, org):
    sender = await std_integration(org)
    r = await sender.send({"type": "activity.upsert", "data": {"external_id": "x", "quantity": 0}})
    assert r.status_code == 200
    body = r.json()
    assert (body["accepted"], body["rejected"]) == (0, 1) and body["errors"][0]["code"] == "invalid_event"
    r = await sender.send_raw(b"not json at all")
    assert r.status_code == 200 and r.json()["errors"][0]["code"] == "invalid_event"
    kept = (await org.get(f"/integrations/{sender.integration_id}/events", status="error")).json()
    assert [e["error_code"] for e in kept["events"]] == ["invalid_event", "invalid_event"]
    status = await org.ok("get", f"/integrations/{sender.integration_id}/status")
    assert status["rejected"] == {"invalid_event": 2}


async def test_an_unknown_activity_type_is_kept_as_an_error_after_the_worker_tried(rt, org):
    sender = await std_integration(org)
    rep, email = await rep_with_email(org)
    await sender.upsert("u-1", "no_such_type", owner={"email": email})
    await sender.upsert("u-2", "call", owner={"email": email})
    await drain(rt)
    statuses = {e.object_id: (e.status, e.error_code) for e in await events_of(rt, sender.integration_id)}
    assert statuses == {"u-1": ("error", "unknown_activity_type"), "u-2": ("done", None)}
    assert await balance(rep) == 2


async def test_type_mapping_rules_translate_the_senders_names(rt, org):
    sender = await std_integration(org, rules={"types": {"dial": "call"}})
    rep, email = await rep_with_email(org)
    await sender.upsert("d-1", "dial", owner={"email": email})
    await drain(rt)
    assert await balance(rep) == 2
    r = await org.patch(f"/integrations/{sender.integration_id}", {"rules": {"map": [
        {"object": "deal", "on": "won", "activity_type": "deal_won"}]}})
    assert_error(r, 400, "invalid_rules")


# -- order, updates, deletes -------------------------------------------------------------------------
async def test_out_of_order_versions_the_newest_modified_time_wins(rt, org):
    sender = await std_integration(org)
    rep, email = await rep_with_email(org)
    t0 = datetime.now(UTC) - timedelta(minutes=30)
    await sender.upsert("o-1", "call", owner={"email": email}, quantity=3, occurred_at=iso(t0),
                        modified_at=iso(t0 + timedelta(minutes=2)))
    await drain(rt)
    await sender.upsert("o-1", "call", owner={"email": email}, quantity=1, occurred_at=iso(t0),
                        modified_at=iso(t0 + timedelta(minutes=1)))
    await drain(rt)
    assert await balance(rep) == 6
    assert [e.status for e in await events_of(rt, sender.integration_id)] == ["done", "stale"]
    # Both versions in one run of the worker: still the newest.
    await sender.upsert("o-2", "call", owner={"email": email}, quantity=4, occurred_at=iso(t0),
                        modified_at=iso(t0 + timedelta(minutes=5)))
    await sender.upsert("o-2", "call", owner={"email": email}, quantity=2, occurred_at=iso(t0),
                        modified_at=iso(t0 + timedelta(minutes=4)))
    await drain(rt)
    assert await balance(rep) == 6 + 8
    ext = f"webhook:{sender.integration_id}:o-2"
    assert await activities_of(rt, org.org_id, ext) == [(ext, rep.user_id, 4, None, False)]


async def test_a_changed_activity_is_reversed_and_recorded_again_with_its_cause(rt, org):
    sender = await std_integration(org)
    rep, email = await rep_with_email(org)
    other, other_email = await rep_with_email(org)
    t0 = datetime.now(UTC) - timedelta(hours=1)
    common = {"occurred_at": iso(t0)}
    await sender.upsert("ch-1", "call", owner={"email": email}, quantity=2, modified_at=iso(t0), **common)
    await drain(rt)
    await sender.upsert("ch-1", "call", owner={"email": email}, quantity=5,
                        modified_at=iso(t0 + timedelta(minutes=1)), **common)
    await drain(rt)
    await sender.upsert("ch-1", "call", owner={"email": other_email}, quantity=5,
                        modified_at=iso(t0 + timedelta(minutes=2)), **common)
    await drain(rt)
    assert (await live_points(rt, org.org_id, rep.user_id), await live_points(rt, org.org_id, other.user_id)) == (0, 10)
    base = f"webhook:{sender.integration_id}:ch-1"
    assert await activities_of(rt, org.org_id, base) == [
        (base, rep.user_id, 2, None, True), (base + "#2", rep.user_id, 5, None, True),
        (base + "#3", other.user_id, 5, None, False)]
    causes = [(c.cause, c.reversal_entry_id is not None, c.activity_id is not None)
              for c in await changes_of(rt, sender.integration_id)]
    assert causes == [("quantity_changed", True, True), ("owner_changed", True, True)]
    mine = (await rep.ok("get", "/me/ledger"))["entries"]
    assert [(e["kind"], e["points"], (e["change"] or {}).get("cause")) for e in mine] == [
        ("reversal", -10, "owner_changed"), ("activity", 10, "quantity_changed"), ("reversal", -4, "quantity_changed"),
        ("activity", 4, None)]
    assert mine[0]["change"]["before"]["user_id"] == rep.user_id and mine[0]["change"]["after"]["user_id"] == \
        other.user_id and mine[0]["change"]["source"] == "webhook"
    await sender.delete("ch-1", modified_at=iso(t0 + timedelta(minutes=3)))
    await drain(rt)
    assert await live_points(rt, org.org_id, other.user_id) == 0
    assert (await changes_of(rt, sender.integration_id))[-1].cause == "deleted"
    # A delete older than the last version changes nothing.
    await sender.upsert("ch-2", "call", owner={"email": email}, modified_at=iso(t0 + timedelta(minutes=5)), **common)
    await sender.delete("ch-2", modified_at=iso(t0 + timedelta(minutes=4)))
    await drain(rt)
    assert await live_points(rt, org.org_id, rep.user_id) == 2


# -- owners ---------------------------------------------------------------------------------------------
async def test_unmatched_events_are_listed_then_scored_once_an_admin_maps_the_owner(rt, org):
    sender = await std_integration(org)
    rep = await org.user()
    await sender.upsert("um-1", "call", owner={"crm_owner_id": "owner-77"}, quantity=2)
    await sender.upsert("um-2", "email", owner={"crm_owner_id": "owner-77"})
    await drain(rt)
    listed = await org.ok("get", f"/integrations/{sender.integration_id}/unmatched")
    assert sorted((e["object_id"], e["owner"]) for e in listed["events"]) == [("um-1", "owner-77"),
                                                                              ("um-2", "owner-77")]
    assert await balance(rep) == 0
    r = await org.client.put(f"/api/v1/integrations/{sender.integration_id}/owners/owner-77", headers=org.headers,
                             json={"user_id": rep.user_id})
    assert r.status_code == 200 and r.json() == {"crm_owner_id": "owner-77", "email": None, "user_id": rep.user_id,
                                                 "requeued": 2}
    await drain(rt)
    assert await balance(rep) == 2 * 2 + 1
    assert (await org.ok("get", f"/integrations/{sender.integration_id}/unmatched"))["events"] == []
    r = await org.client.put(f"/api/v1/integrations/{sender.integration_id}/owners/owner-78", headers=org.headers,
                             json={"user_id": 999_999_999})
    assert_error(r, 404, "user_not_found")


async def test_an_unmatched_email_is_scored_once_a_rep_with_it_exists(rt, org):
    sender = await std_integration(org)
    email = f"late-{now_s()}-{sender.integration_id}@example.com"
    await sender.upsert("late-1", "meeting_booked", owner={"email": email})
    await drain(rt)
    assert [e.status for e in await events_of(rt, sender.integration_id)] == ["unmatched"]
    created = await org.ok("post", "/users", {"email": email, "display_name": "Late", "password": PASSWORD,
                                              "role": "rep"}, status=201)
    assert await jobs.unmatched_job(rt) >= 1
    await drain(rt)
    assert await live_points(rt, org.org_id, created["id"]) == 10
    assert [e.status for e in await events_of(rt, sender.integration_id)] == ["done"]


# -- limits ---------------------------------------------------------------------------------------------
async def test_webhook_bodies_are_size_limited(rt, org):
    sender = await std_integration(org)
    body = b'{"type": "activity.upsert", "data": {"external_id": "' + b"x" * (rt.settings.webhook_max_body + 1) + b'"}}'
    r = await sender.send_raw(body)
    assert_error(r, 413, "payload_too_large")
    assert await events_of(rt, sender.integration_id) == []


async def test_webhook_endpoints_are_rate_limited_per_client(database_url, redis_url):
    runtime = make_runtime(make_settings(database_url, redis_url, webhook_rate_per_min=5))
    try:
        async with _client_of(_app_of(runtime)) as c:
            admin = await new_org(c)
            sender = await std_integration(admin)
            codes = [(await sender.send({"type": "activity.delete", "data": {"external_id": f"r{i}"}})).status_code
                     for i in range(7)]
            assert codes == [200] * 5 + [429, 429]
            r = await sender.send({"type": "activity.delete", "data": {"external_id": "r9"}})
            error = assert_error(r, 429, "rate_limited")
            assert 1 <= int(r.headers["retry-after"]) <= 61 and error["details"]["retry_after_s"] >= 1
    finally:
        await runtime.close()


# -- exactly once ---------------------------------------------------------------------------------------
async def test_a_worker_that_dies_after_claiming_loses_and_doubles_nothing(rt, database_url, redis_url, org):
    sender = await std_integration(org)
    rep, email = await rep_with_email(org)
    for i in range(30):
        await sender.upsert(f"w-{i}", "call", owner={"email": email})
    quick = make_runtime(make_settings(database_url, redis_url, integrations_lease_s=0.05))
    try:
        now = quick.now()
        async with quick.engine.begin() as conn:  # a worker claims everything, then dies
            assert len(await store.claim(conn, now, now + timedelta(seconds=0.05), 10_000)) >= 30
        await asyncio.sleep(0.1)
        await inbox.drain(quick, limit=10)  # the next worker takes over once the lease ran out
        await drain(quick)
        await drain(quick)
    finally:
        await quick.close()
    assert await balance(rep) == 30 * 2
    assert {e.status for e in await events_of(rt, sender.integration_id)} == {"done"}


async def test_a_chunk_that_fails_inside_its_transaction_rolls_back_and_is_applied_once_later(
        rt, database_url, redis_url, org, installed):
    sender = await std_integration(org)
    rep, email = await rep_with_email(org)
    for i in range(12):
        await sender.upsert(f"f-{i}", "call", owner={"email": email})
    crashes = {"n": 0}

    async def crash(rt_, conn, batch):
        if any(a.user_id == rep.user_id for a in batch.activities):
            crashes["n"] += 1
            raise RuntimeError("power cut after the activities were written")

    hook = installed(registry().activity_hooks, crash)
    quick = make_runtime(make_settings(database_url, redis_url, integrations_lease_s=0.05))
    try:
        await inbox.drain(quick)
        assert crashes["n"] >= 1 and await balance(rep) == 0
        assert {e.status for e in await events_of(rt, sender.integration_id)} == {"pending"}
        registry().activity_hooks.remove(hook)
        await asyncio.sleep(0.1)
        await drain(quick)
    finally:
        registry().activity_hooks.append(hook)  # the fixture removes it
        await quick.close()
    assert await balance(rep) == 12 * 2
    assert len(await activities_of(rt, org.org_id, f"webhook:{sender.integration_id}:f-")) == 12


async def test_two_workers_on_one_object_apply_it_once(rt, database_url, redis_url, org, installed):
    """Two workers plan the same deal from the same state; the first commits while the second
    waits on its rows; the second then finds the object moved on and plans again."""
    sender = await std_integration(org)
    rep, email = await rep_with_email(org)
    t0 = datetime.now(UTC) - timedelta(minutes=10)

    async def upsert(quantity: int) -> None:
        await sender.upsert("race-1", "call", owner={"email": email}, quantity=quantity, occurred_at=iso(t0),
                            modified_at=iso(t0 + timedelta(seconds=quantity)))

    await upsert(1)
    await drain(rt)
    held = asyncio.Event()

    async def hold_the_first(rt_, conn, batch):
        if any(a.user_id == rep.user_id for a in batch.activities) and not held.is_set():
            held.set()
            await asyncio.sleep(0.5)  # inside the first worker's transaction: the second plans meanwhile

    installed(registry().activity_hooks, hold_the_first)
    await upsert(3)
    await upsert(4)
    a = make_runtime(make_settings(database_url, redis_url))
    b = make_runtime(make_settings(database_url, redis_url))
    try:
        async def second() -> None:
            await held.wait()
            await inbox.drain(b, limit=1)

        await asyncio.gather(inbox.drain(a, limit=1), second())
        await drain(a)
    finally:
        await a.close()
        await b.close()
    base = f"webhook:{sender.integration_id}:race-1"
    live = [x for x in await activities_of(rt, org.org_id, base) if not x[4]]
    assert [(x[1], x[2]) for x in live] == [(rep.user_id, 4)]
    assert await balance(rep) == 8
    assert [(e.payload["data"]["quantity"], e.status) for e in await events_of(rt, sender.integration_id)] == [
        (1, "done"), (3, "done"), (4, "done")]


async def test_the_status_figures(rt, org):
    sender = await std_integration(org)
    rep, email = await rep_with_email(org)
    signed = datetime.now(UTC) - timedelta(seconds=3)
    for i in range(4):
        await sender.upsert(f"s-{i}", "call", owner={"email": email}, modified_at=iso(signed))
    await sender.upsert("s-x", "call", owner={"email": "nobody-here@example.com"})
    await sender.upsert("s-dup", "call", owner={"email": email}, msg_id="msg_dup", modified_at=iso(signed))
    await sender.upsert("s-dup", "call", owner={"email": email}, msg_id="msg_dup", modified_at=iso(signed))
    await sender.send({"type": "activity.upsert", "data": {"external_id": "bad"}})
    await sender.send_raw(b"{}", secret="whsec_" + "B" * 43)
    await drain(rt)
    s = await org.ok("get", f"/integrations/{sender.integration_id}/status")
    assert (s["accepted"], s["duplicates"], s["pending"], s["applied"], s["unmatched"]) == (6, 1, 0, 5, 1)
    assert (s["rejected"], s["signature_failures"]) == ({"invalid_event": 1}, 1)
    assert s["lag"]["samples"] == 5 and 3000 <= s["lag"]["p50_ms"] <= s["lag"]["p99_ms"] < 60_000
    assert s["last_event_at"] is not None and s["poll_last_at"] is None


async def test_chunks_applied_side_by_side_keep_each_objects_newest_version(rt, org):
    """Four lanes of small chunks over interleaved versions of 40 activities (as the worker's job
    runs them, smaller): each activity ends at its newest version, scored once."""
    sender = await std_integration(org)
    rep, email = await rep_with_email(org)
    uncapped = await type_key(org, points=2)
    t0 = datetime.now(UTC) - timedelta(hours=1)
    parsed = []
    for version in (2, 3, 1):  # arrival order is not version order
        for k in range(40):
            data = {"external_id": f"lane-{k}", "activity_type": uncapped, "owner": {"email": email},
                    "quantity": version, "occurred_at": iso(t0), "modified_at": iso(t0 + timedelta(seconds=version))}
            parsed.append(Parsed(f"msg-lane-{k}-{version}", "activity.upsert", "activity", f"lane-{k}", None,
                                 {"type": "activity.upsert", "data": data, "timestamp": None,
                                  "signed_at": iso(t0)}))
    await intake.persist(rt, org.org_id, sender.integration_id, parsed)

    async def lane() -> None:
        while await inbox.drain(rt, limit=7):
            pass

    await asyncio.gather(*(lane() for _ in range(4)))
    # a lane that found every pending event claimed stops, while another lane may still hand back
    # an event whose object another chunk held (the worker's job runs again; so does this test)
    await lane()
    await drain(rt)
    live = [a for a in await activities_of(rt, org.org_id, f"webhook:{sender.integration_id}:lane-") if not a[4]]
    assert sorted(a[2] for a in live) == [3] * 40
    assert await balance(rep) == 40 * 3 * 2
    statuses = Counter(e.status for e in await events_of(rt, sender.integration_id))
    assert statuses["pending"] == 0 and statuses["done"] >= 40
