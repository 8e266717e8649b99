"""HubSpot: deliveries signed as HubSpot signs them (its own SDK builds the v3 signature), deals
read from a loopback stand-in of the CRM v3 API, and a deal's life after the fact: re-priced
after it was won, lost again, deleted, handed to another rep, in any order."""

from __future__ import annotations

import asyncio
import itertools
from datetime import UTC, datetime, timedelta

import pytest
from hubspot.utils.signature import Signature

from server.features import make_runtime
from server.integrations.connectors.hubspot import signature_v3
from tests.conftest import _app_of, _client_of, make_settings, new_org
from tests.integrations.standins import HubSpotStandIn
from tests.integrations.support import (
    activities_of,
    changes_of,
    drain,
    events_of,
    hubspot_integration,
)
from tests.support.api import assert_error, balance

TOKEN = "pat-na1-test-token"
_portals = itertools.count(880_000)
_deals = itertools.count(5_000)


@pytest.fixture(scope="module")
def hubspot():
    standin = HubSpotStandIn(TOKEN).start()
    yield standin
    standin.stop()


def deal_id() -> str:
    return str(next(_deals))


async def setup(org, hubspot, **fields):
    """An integration of a fresh portal, and a rep who is owner `owner_id` in HubSpot."""
    portal = next(_portals)
    sender = await hubspot_integration(org, hubspot.url, TOKEN, portal, **fields)
    rep = await org.user()
    email = (await rep.ok("get", "/me"))["user"]["email"]
    owner_id = str(portal)  # unique per test
    hubspot.owners[owner_id] = email
    return sender, rep, owner_id


def ext(sender, deal: str, role: str, gen: int = 1) -> str:
    core = f"hubspot:{sender.portal_id}:deal:{deal}:{role}"
    return core if gen == 1 else f"{core}#{gen}"


# -- signatures -----------------------------------------------------------------------------------------
def test_our_v3_signature_is_hubspots_own():
    uri = "https://crm.example.com/api/v1/hooks/abc?x=%3A1"
    body = b'[{"eventId":1,"name":"J\xc3\xa4rvi"}]'
    ours = signature_v3("secret", "POST", uri, body, "1700000000000")
    theirs = Signature.get_signature("secret", body.decode(), "v3", http_uri="https://crm.example.com/api/v1/hooks/abc?x=:1",
                                     http_method="POST", timestamp="1700000000000")
    assert ours == theirs


async def test_a_valid_delivery_is_kept_and_its_deal_scored_for_the_owner(rt, org, hubspot):
    sender, rep, owner = await setup(org, hubspot)
    deal = deal_id()
    hubspot.deal(deal, hubspot_owner_id=owner, dealstage="appointmentscheduled", amount="1000")
    r = await sender.deliver([sender.event(deal, "deal.creation")])
    assert r.status_code == 200 and r.json()["accepted"] == 1
    await drain(rt)
    assert await balance(rep) == 25  # opportunity_created
    assert await activities_of(rt, org.org_id, ext(sender, deal, "")) == [
        (ext(sender, deal, "created"), rep.user_id, 1, None, False)]
    owners = await org.ok("get", f"/integrations/{sender.integration_id}/owners")  # HubSpot's whole owner list, kept
    assert {"crm_owner_id": owner, "email": hubspot.owners[owner].lower(), "user_id": None, "requeued": 0} in owners
    assert len(owners) == len(hubspot.owners) and len(hubspot.calls("/crm/v3/owners")) >= 1


async def test_bad_and_stale_signatures_are_refused(rt, org, hubspot):
    sender, _, _ = await setup(org, hubspot)
    events = [sender.event(deal_id(), "deal.creation")]
    r = await sender.deliver(events, secret="not-the-client-secret")
    assert assert_error(r, 401, "invalid_signature")["details"] == {"reason": "bad_signature"}
    old = round((datetime.now(UTC) - timedelta(minutes=6)).timestamp() * 1000)
    r = await sender.deliver(events, ts_ms=old)
    assert assert_error(r, 401, "invalid_signature")["details"] == {"reason": "stale_timestamp"}
    r = await sender.client.post(sender.path, json=events)
    assert_error(r, 401, "invalid_signature")
    assert await events_of(rt, sender.integration_id) == []
    assert (await org.ok("get", f"/integrations/{sender.integration_id}/status"))["signature_failures"] == 3


async def test_behind_a_proxy_the_signed_uri_is_the_public_one(rt, org, hubspot, database_url, redis_url):
    sender, _, _ = await setup(org, hubspot)
    public = f"https://crm.example.com{sender.path}"
    events = [sender.event(deal_id(), "deal.creation")]
    # HubSpot called https://crm.example.com/...; the proxy forwarded it to us over plain HTTP.
    r = await sender.deliver(events, uri=public)
    assert_error(r, 401, "invalid_signature")
    r = await sender.deliver(events, uri=public, headers={"x-forwarded-proto": "https",
                                                          "x-forwarded-host": "crm.example.com"})
    assert r.status_code == 200 and r.json()["accepted"] == 1
    runtime = make_runtime(make_settings(database_url, redis_url, public_url="https://crm.example.com"))
    try:
        async with _client_of(_app_of(runtime)) as c:
            sender.client = c
            r = await sender.deliver([sender.event(deal_id(), "deal.creation")], uri=public)
            assert r.status_code == 200 and r.json()["accepted"] == 1
    finally:
        await runtime.close()


async def test_a_replayed_delivery_is_200_and_counts_once(rt, org, hubspot):
    sender, rep, owner = await setup(org, hubspot)
    deal = deal_id()
    hubspot.deal(deal, hubspot_owner_id=owner, dealstage="closedwon", amount="2000")
    events = [sender.event(deal, "deal.creation"), sender.event(deal, propertyName="dealstage",
                                                                  propertyValue="closedwon")]
    first = await sender.deliver(events)
    again = await sender.deliver(events)
    assert first.json()["accepted"] == 2 and again.json() == {"accepted": 0, "duplicates": 2, "rejected": 0,
                                                              "errors": []}
    await drain(rt)
    # HubSpot retries the same events with a new attempt number: same keys.
    await sender.deliver([{**e, "attemptNumber": 1} for e in events])
    await drain(rt)
    assert await balance(rep) == 25 + 50 + 20  # created; won: 50 + 2000 x 0.01
    status = await org.ok("get", f"/integrations/{sender.integration_id}/status")
    assert (status["accepted"], status["duplicates"]) == (2, 4)


async def test_a_batch_with_one_bad_event_keeps_it_and_scores_the_others(rt, org, hubspot):
    sender, rep, owner = await setup(org, hubspot)
    deals = [deal_id() for _ in range(3)]
    for d in deals:
        hubspot.deal(d, hubspot_owner_id=owner, dealstage="appointmentscheduled")
    bad = {"eventId": 9, "portalId": sender.portal_id, "subscriptionType": "deal.creation"}  # no objectId
    events = [sender.event(deals[0], "deal.creation"), bad, sender.event(deals[1], "deal.creation"),
              sender.event(deals[2], "deal.creation")]
    r = await sender.deliver(events)
    assert r.status_code == 200
    body = r.json()
    assert (body["accepted"], body["rejected"]) == (3, 1) and body["errors"][0]["index"] == 1
    await drain(rt)
    assert await balance(rep) == 3 * 25
    statuses = sorted(e.status for e in await events_of(rt, sender.integration_id))
    assert statuses == ["done", "done", "done", "error"]
    # An event of another portal (the app is installed elsewhere too) is refused and not kept.
    foreign = {**sender.event(deal_id(), "deal.creation"), "portalId": 1}
    r = await sender.deliver([foreign])
    assert r.status_code == 200 and r.json()["errors"][0]["code"] == "wrong_portal"
    assert len(await events_of(rt, sender.integration_id)) == 4


# -- a deal's life ---------------------------------------------------------------------------------------
async def test_amount_changed_after_won_is_repriced_with_a_reversal_and_a_new_entry(rt, org, hubspot):
    sender, rep, owner = await setup(org, hubspot)
    deal = deal_id()
    t0 = datetime.now(UTC) - timedelta(hours=2)
    hubspot.deal(deal, modified=t0, hubspot_owner_id=owner, dealstage="closedwon", amount="10000",
                 closedate=t0.isoformat())
    await sender.deliver([sender.event(deal, "deal.creation", occurred=t0)])
    await drain(rt)
    assert await balance(rep) == 25 + 50 + 100
    hubspot.deal(deal, modified=t0 + timedelta(minutes=5), amount="12500")
    await sender.deliver([sender.event(deal, propertyName="amount", propertyValue="12500",
                                       occurred=t0 + timedelta(minutes=5))])
    await drain(rt)
    assert await balance(rep) == 25 + 50 + 125
    assert await activities_of(rt, org.org_id, ext(sender, deal, "won")) == [
        (ext(sender, deal, "won"), rep.user_id, 1, 10000.0, True),
        (ext(sender, deal, "won", 2), rep.user_id, 1, 12500.0, False)]
    mine = (await rep.ok("get", "/me/ledger"))["entries"]
    assert [(e["kind"], e["points"], e["change"]["cause"]) for e in mine[:2]] == [
        ("activity", 175, "amount_changed"), ("reversal", -150, "amount_changed")]
    assert mine[0]["change"]["before"]["value"] == 10000.0 and mine[0]["change"]["after"]["value"] == 12500.0
    assert mine[0]["change"]["source"] == "hubspot" and mine[0]["change"]["object_id"] == deal
    board = await rep.board("deal_won", window="all")
    assert next(e["score"] for e in board["entries"] if e["user_id"] == rep.user_id) == 12500


async def test_a_deal_that_leaves_the_won_stage_or_is_deleted_is_reversed(rt, org, hubspot):
    sender, rep, owner = await setup(org, hubspot)
    deal = deal_id()
    t0 = datetime.now(UTC) - timedelta(hours=1)
    hubspot.deal(deal, modified=t0, hubspot_owner_id=owner, dealstage="closedwon", amount="1000")
    await sender.deliver([sender.event(deal, "deal.creation", occurred=t0)])
    await drain(rt)
    assert await balance(rep) == 25 + 60
    hubspot.deal(deal, modified=t0 + timedelta(minutes=1), dealstage="contractsent")
    await sender.deliver([sender.event(deal, propertyName="dealstage", propertyValue="contractsent",
                                       occurred=t0 + timedelta(minutes=1))])
    await drain(rt)
    assert await balance(rep) == 25
    hubspot.deal(deal, modified=t0 + timedelta(minutes=2), dealstage="closedwon")
    await sender.deliver([sender.event(deal, propertyName="dealstage", propertyValue="closedwon",
                                       occurred=t0 + timedelta(minutes=2))])
    await drain(rt)
    assert await balance(rep) == 25 + 60  # won again: the next generation
    hubspot.remove("deals", deal)
    await sender.deliver([sender.event(deal, "deal.deletion", occurred=t0 + timedelta(minutes=3))])
    await drain(rt)
    assert await balance(rep) == 0
    causes = [(c.role, c.cause) for c in await changes_of(rt, sender.integration_id)]
    assert causes == [("won", "stage_left"), ("won", "scored_again"), ("created", "deleted"), ("won", "deleted")]


async def test_an_owner_change_moves_the_points(rt, org, hubspot):
    sender, rep, owner = await setup(org, hubspot)
    other = await org.user()
    other_owner = owner + "7"
    hubspot.owners[other_owner] = (await other.ok("get", "/me"))["user"]["email"]
    deal = deal_id()
    t0 = datetime.now(UTC) - timedelta(hours=1)
    hubspot.deal(deal, modified=t0, hubspot_owner_id=owner, dealstage="closedwon", amount="3000")
    await sender.deliver([sender.event(deal, "deal.creation", occurred=t0)])
    await drain(rt)
    hubspot.deal(deal, modified=t0 + timedelta(minutes=1), hubspot_owner_id=other_owner)
    await sender.deliver([sender.event(deal, propertyName="hubspot_owner_id", propertyValue=other_owner,
                                       occurred=t0 + timedelta(minutes=1))])
    await drain(rt)
    assert (await balance(rep), await balance(other)) == (0, 25 + 80)
    assert {c.cause for c in await changes_of(rt, sender.integration_id)} == {"owner_changed"}


async def test_an_old_version_read_late_changes_nothing(rt, org, hubspot):
    """Last writer wins on hs_lastmodifieddate: a read that returns an older version than the one
    applied (a replica behind, a reconciliation page from before) is stale."""
    sender, rep, owner = await setup(org, hubspot)
    deal = deal_id()
    t0 = datetime.now(UTC) - timedelta(hours=1)
    hubspot.deal(deal, modified=t0 + timedelta(minutes=10), hubspot_owner_id=owner, dealstage="closedwon",
                 amount="5000")
    await sender.deliver([sender.event(deal, "deal.creation", occurred=t0)])
    await drain(rt)
    hubspot.deal(deal, modified=t0 + timedelta(minutes=5), amount="100")  # an older version served late
    await sender.deliver([sender.event(deal, propertyName="amount", propertyValue="100",
                                       occurred=t0 + timedelta(minutes=5))])
    await drain(rt)
    assert await balance(rep) == 25 + 100
    assert [e.status for e in await events_of(rt, sender.integration_id)] == ["done", "stale"]


async def test_a_429_from_hubspot_holds_the_events_until_retry_after(rt, org, hubspot):
    sender, rep, owner = await setup(org, hubspot)
    deal = deal_id()
    hubspot.deal(deal, hubspot_owner_id=owner, dealstage="appointmentscheduled")
    await sender.deliver([sender.event(deal, "deal.creation")])
    hubspot.fail(429, retry_after=1)
    await drain(rt)
    (event,) = await events_of(rt, sender.integration_id)
    assert event.status == "pending" and event.attempts == 0
    assert await balance(rep) == 0
    await asyncio.sleep(1.1)
    await drain(rt)
    assert await balance(rep) == 25
    hubspot.fail(503, times=1)
    other = deal_id()
    hubspot.deal(other, hubspot_owner_id=owner, dealstage="appointmentscheduled")
    await sender.deliver([sender.event(other, "deal.creation")])
    await drain(rt)
    assert [e.status for e in await events_of(rt, sender.integration_id)] == ["done", "pending"]


async def test_an_owner_unknown_to_reps_is_scored_once_mapped(rt, org, hubspot):
    sender, rep, _ = await setup(org, hubspot)
    stranger = "4040404"
    hubspot.owners[stranger] = "someone-else@elsewhere.example"
    deal = deal_id()
    hubspot.deal(deal, hubspot_owner_id=stranger, dealstage="closedwon", amount="700")
    await sender.deliver([sender.event(deal, "deal.creation")])
    await drain(rt)
    unmatched = await org.ok("get", f"/integrations/{sender.integration_id}/unmatched")
    assert [(e["object_id"], e["owner"]) for e in unmatched["events"]] == [(deal, stranger)]
    r = await org.client.put(f"/api/v1/integrations/{sender.integration_id}/owners/{stranger}",
                             headers=org.headers, json={"user_id": rep.user_id})
    assert r.json()["requeued"] == 1
    await drain(rt)
    assert await balance(rep) == 25 + 57


async def test_other_orgs_cannot_reach_an_integration(client, org, hubspot):
    sender, _, _ = await setup(org, hubspot)
    other = await new_org(client)
    assert_error(await other.get(f"/integrations/{sender.integration_id}/status"), 404, "integration_not_found")
    assert (await other.ok("get", "/integrations"))["integrations"] == []
    assert_error(await (await org.user("manager")).get(f"/integrations/{sender.integration_id}/status"), 403,
                 "forbidden")
    shown = await org.ok("get", f"/integrations/{sender.integration_id}")
    assert shown["secrets"] == ["access_token", "client_secret"] and sender.client_secret not in str(shown)
    assert TOKEN not in str(shown) and shown["portal_id"] == sender.portal_id
