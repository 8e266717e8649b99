"""Reconciliation: the worker polls each CRM for what changed since its cursor and finds what no
delivery brought, once; it waits out a 429's Retry-After, backs off on 5xx, and its cursor
survives a restart."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, text, update

from server.core.sql import pg
from server.features import make_runtime
from server.integrations import jobs, store
from server.integrations.models import Integration
from tests.conftest import make_settings
from tests.integrations.standins import HubSpotStandIn, SalesforceStandIn, hs_time
from tests.integrations.support import drain, events_of, hubspot_integration, salesforce_integration
from tests.support.api import balance

I = Integration.__table__  # noqa: E741
TOKEN = "pat-reconcile"
_portals = itertools.count(990_000)
_deals = itertools.count(70_000)


@pytest.fixture(scope="module")
def hubspot():
    standin = HubSpotStandIn(TOKEN).start()
    yield standin
    standin.stop()


@pytest.fixture(scope="module")
def salesforce():
    standin = SalesforceStandIn(TOKEN).start()
    yield standin
    standin.stop()


async def due_now(rt, integration_id: int) -> None:
    """Make the integration's next poll due (as if poll_every_s had passed)."""
    async with rt.engine.begin() as conn:
        await conn.execute(update(I).where(I.c.id == integration_id).values(
            poll_due_at=datetime.now(UTC) - timedelta(seconds=1), poll_lease_until=None))


async def row(rt, integration_id: int):
    async with rt.engine.connect() as conn:
        return (await conn.execute(select(I).where(I.c.id == integration_id))).one()


async def hubspot_setup(org, hubspot):
    portal = next(_portals)
    sender = await hubspot_integration(org, hubspot.url, TOKEN, portal, poll_every_s=600)
    rep = await org.user()
    owner = str(portal)
    hubspot.owners[owner] = (await rep.ok("get", "/me"))["user"]["email"]
    return sender, rep, owner


async def test_a_deal_no_delivery_brought_is_found_and_scored_once(rt, org, hubspot):
    sender, rep, owner = await hubspot_setup(org, hubspot)
    delivered, lost = str(next(_deals)), str(next(_deals))
    at = datetime.now(UTC) - timedelta(hours=1)
    hubspot.deal(delivered, modified=at, hubspot_owner_id=owner, dealstage="closedwon", amount="1000")
    await sender.deliver([sender.event(delivered, "deal.creation", occurred=at)])
    await drain(rt)
    hubspot.deal(lost, modified=at + timedelta(minutes=1), hubspot_owner_id=owner, dealstage="closedwon",
                 amount="2000")  # HubSpot gave up on its delivery
    await jobs.reconcile_job(rt)
    await drain(rt)
    assert await balance(rep) == (25 + 60) + (25 + 70)
    polled = [e for e in await events_of(rt, sender.integration_id) if e.event_type == "reconcile"]
    assert sorted(e.object_id for e in polled) == sorted([delivered, lost]) and {e.status for e in polled} == {"done"}
    # The next run finds the same versions again (the cursor overlaps): duplicates, nothing new.
    await due_now(rt, sender.integration_id)
    await jobs.reconcile_job(rt)
    await drain(rt)
    assert await balance(rep) == 25 + 60 + 25 + 70
    assert len(await events_of(rt, sender.integration_id)) == 3
    state = await row(rt, sender.integration_id)
    assert state.poll_failures == 0 and state.poll_last_error is None and state.poll_cursor is not None
    assert state.poll_due_at > datetime.now(UTC) + timedelta(seconds=500)


async def test_a_429_waits_its_retry_after_and_a_5xx_backs_off(rt, org, hubspot):
    sender, _, _ = await hubspot_setup(org, hubspot)
    before = await row(rt, sender.integration_id)
    hubspot.fail(429, retry_after=7)
    started = datetime.now(UTC)
    await jobs.reconcile_job(rt)
    after = await row(rt, sender.integration_id)
    assert (after.poll_last_error, after.poll_failures, after.poll_cursor) == ("rate_limited", 1, before.poll_cursor)
    assert started + timedelta(seconds=6) <= after.poll_due_at <= datetime.now(UTC) + timedelta(seconds=8)
    status = await org.ok("get", f"/integrations/{sender.integration_id}/status")
    assert status["poll_last_error"] == "rate_limited"
    for failures, wait in ((1, 60), (2, 120)):
        await due_now(rt, sender.integration_id)
        hubspot.fail(503, retry_after=30)
        started = datetime.now(UTC)
        await jobs.reconcile_job(rt)
        after = await row(rt, sender.integration_id)
        assert (after.poll_last_error, after.poll_failures) == ("source_error_503", failures + 1)
        assert started + timedelta(seconds=wait - 1) <= after.poll_due_at <= datetime.now(UTC) + \
            timedelta(seconds=wait + 1)
    await due_now(rt, sender.integration_id)
    await jobs.reconcile_job(rt)
    after = await row(rt, sender.integration_id)
    assert (after.poll_last_error, after.poll_failures) == (None, 0)


async def test_the_cursor_survives_a_restart(rt, org, hubspot, database_url, redis_url):
    sender, rep, owner = await hubspot_setup(org, hubspot)
    await jobs.reconcile_job(rt)
    cursor = (await row(rt, sender.integration_id)).poll_cursor
    assert cursor is not None
    await due_now(rt, sender.integration_id)
    restarted = make_runtime(make_settings(database_url, redis_url))
    try:
        hubspot.requests.clear()
        await jobs.reconcile_job(restarted)
    finally:
        await restarted.close()
    searched = [r.body["filterGroups"][0]["filters"][0]["value"] for r in hubspot.calls("/search")]
    assert str(round(cursor.timestamp() * 1000)) in searched


async def test_salesforce_finds_an_opportunity_and_a_deletion_no_message_brought(rt, org, salesforce):
    organization_id = f"00D{next(_portals):012d}EAA"
    sender = await salesforce_integration(org, organization_id, instance_url=salesforce.url, access_token=TOKEN)
    rep = await org.user()
    owner = f"005{next(_deals):012d}AAA"
    salesforce.users[owner] = (await rep.ok("get", "/me"))["user"]["email"]
    opp = f"006{next(_deals):012d}AAA"
    at = datetime.now(UTC) - timedelta(minutes=30)
    salesforce.put("Opportunity", opp, modified=at, StageName="Closed Won", Amount=3000.0, OwnerId=owner,
                   CloseDate=at.date().isoformat())
    await jobs.reconcile_job(rt)
    await drain(rt)
    assert await balance(rep) == 25 + 80
    salesforce.put("Opportunity", opp, IsDeleted=True)  # deleted now
    await due_now(rt, sender.integration_id)
    await jobs.reconcile_job(rt)
    await drain(rt)
    assert await balance(rep) == 0


def test_the_standin_pages_hubspot_search():
    standin = HubSpotStandIn("t")
    for i in range(3):
        standin.deal(str(i), modified=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(seconds=i))
    status, page = standin.answer("POST", "/crm/v3/objects/deals/search", {}, {
        "filterGroups": [{"filters": [{"value": "0"}]}], "limit": 2, "properties": ["hs_lastmodifieddate"]})
    assert status == 200 and [r["id"] for r in page["results"]] == ["0", "1"] and page["paging"]["next"]["after"] == "2"
    assert page["results"][0]["properties"]["hs_lastmodifieddate"] == hs_time(datetime(2026, 1, 1, tzinfo=UTC))


async def test_reading_object_states_probes_each_key_whatever_the_namespace_holds(rt):
    """The worker reads (and locks) a chunk's object states by key: one index probe each, not a
    scan of the namespace per key (the join it replaced cost 1 s a call at 5,000 objects)."""
    if rt.engine.dialect.name != "postgresql":
        pytest.skip("plans are PostgreSQL's")
    namespace = f"webhook:plan-{next(_portals)}"
    fill = text("INSERT INTO crm_objects (org_id, namespace, object_type, object_id, modified_at, deleted, roles, "
                "version, updated_at) SELECT 1, :ns, 'activity', 'obj-' || g, now(), false, '{}', 1, now() "
                "FROM generate_series(1, :n) AS g")
    async with rt.engine.begin() as conn:
        # Statistics taken before this namespace had objects (a new integration; autovacuum not yet run) ...
        await conn.execute(fill, {"ns": namespace + "-other", "n": 3000})
        await conn.execute(text("ANALYZE crm_objects"))
        # ... then a busy day of deliveries.
        await conn.execute(fill, {"ns": namespace, "n": 5000})
    async with rt.engine.begin() as conn:
        keys = [("activity", f"obj-{n}") for n in (7, 70, 700)] + [("activity", "absent")]
        found = await store.states(conn, 1, namespace, keys, lock=True)
        assert sorted(found) == sorted(keys[:3])
        (row,) = await pg.run(conn, "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + store._STATES_SQL.format(lock=""),
                              (1, namespace, [k[0] for k in keys], [k[1] for k in keys]))
    plan = (json.loads(row[0]) if isinstance(row[0], str) else row[0])[0]["Plan"]
    assert plan["Shared Hit Blocks"] + plan["Shared Read Blocks"] <= 24
