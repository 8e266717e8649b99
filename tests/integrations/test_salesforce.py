"""Salesforce Outbound Messages: the secret path and the organization id as credentials, SOAP
parsed with defusedxml, <Ack>true</Ack> only once the notifications are persisted, and
opportunities, events and tasks scored, with owners' emails from a loopback REST stand-in."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from tests.integrations.standins import SalesforceStandIn, outbound_message, sf_time
from tests.integrations.support import activities_of, drain, events_of, salesforce_integration
from tests.support.api import assert_error, balance

TOKEN = "00Dxx0000001gPL!AQ4AQFakeSessionToken"
_orgs = itertools.count(1)
_ids = itertools.count(1)


@pytest.fixture(scope="module")
def salesforce():
    standin = SalesforceStandIn(TOKEN).start()
    yield standin
    standin.stop()


def new_org_id() -> str:
    return f"00D{next(_orgs):012d}EAA"  # 18 characters


def sf_id(prefix: str = "006") -> str:
    return f"{prefix}{next(_ids):012d}AAA"


async def setup(org, salesforce, *, rest: bool = True):
    organization_id = new_org_id()
    fields = {"instance_url": salesforce.url, "access_token": TOKEN} if rest else {}
    sender = await salesforce_integration(org, organization_id, **fields)
    rep = await org.user()
    owner = sf_id("005")
    salesforce.users[owner] = (await rep.ok("get", "/me"))["user"]["email"]
    return sender, rep, owner


def opportunity(opp_id: str, owner: str, stage: str, at: datetime, **more) -> dict:
    return {"Id": opp_id, "StageName": stage, "OwnerId": owner, "CreatedDate": sf_time(at - timedelta(days=1)),
            "SystemModstamp": sf_time(at), **more}


async def test_the_secret_path_is_shown_once_and_checked(rt, org, salesforce):
    sender, _, owner = await setup(org, salesforce)
    shown = await org.ok("get", f"/integrations/{sender.integration_id}")
    secret = sender.path.rsplit("/", 1)[1]
    assert secret not in shown["webhook_url"] and "webhook_path" in shown["secrets"] and TOKEN not in str(shown)
    at = datetime.now(UTC)
    message = [(sender.notification_id(), "Opportunity", opportunity(sf_id(), owner, "Prospecting", at))]
    no_secret = httpx.URL(shown["webhook_url"]).path
    for path in (no_secret, no_secret + "/not-the-secret"):
        r = await sender.send(message, path=path)
        assert_error(r, 404, "unknown_webhook")
        assert not sender.acked(r)
    assert await events_of(rt, sender.integration_id) == []
    r = await sender.send(message)
    assert sender.acked(r) and r.headers["content-type"].startswith("text/xml")
    rotated = await org.ok("patch", f"/integrations/{sender.integration_id}", {"rotate": "webhook_path"})
    assert_error(await sender.send(message), 404, "unknown_webhook")
    assert sender.acked(await sender.send(message, path=httpx.URL(rotated["webhook_url"]).path))


async def test_another_organization_is_refused_and_not_acked(rt, org, salesforce):
    sender, _, owner = await setup(org, salesforce)
    at = datetime.now(UTC)
    message = [(sender.notification_id(), "Opportunity", opportunity(sf_id(), owner, "Prospecting", at))]
    r = await sender.send(message, organization_id=new_org_id())
    assert_error(r, 403, "wrong_organization")
    assert await events_of(rt, sender.integration_id) == []
    # The 15-character form of our own id is ours.
    assert sender.acked(await sender.send(message, organization_id=sender.organization_id[:15]))


async def test_the_ack_comes_after_every_notification_is_persisted_and_a_resend_adds_nothing(rt, org, salesforce):
    sender, rep, owner = await setup(org, salesforce)
    at = datetime.now(UTC) - timedelta(minutes=30)
    message = [(sender.notification_id(), "Opportunity", opportunity(sf_id(), owner, "Prospecting", at))
               for _ in range(100)]
    r = await sender.send(message)
    assert sender.acked(r)
    assert len(await events_of(rt, sender.integration_id)) == 100  # persisted when the ack left
    assert sender.acked(await sender.send(message))  # Salesforce resends: acked again, nothing new
    assert len(await events_of(rt, sender.integration_id)) == 100
    await drain(rt)
    assert await balance(rep) == 100 * 25 - 90 * 25  # opportunity_created is capped at 10 a day
    r = await sender.send(message + [message[0]])
    assert_error(r, 400, "too_many_events")


async def test_hostile_or_broken_xml_is_refused_without_an_ack(rt, org, salesforce):
    sender, _, _ = await setup(org, salesforce)
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
            b'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>&lol2;'
            b'</soapenv:Body></soapenv:Envelope>')
    external = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>')
    for body in (bomb, external, b"<not-closed", b"{}"):
        r = await sender.client.post(sender.path, content=body, headers={"content-type": "text/xml"})
        assert_error(r, 400, "invalid_message")
    assert await events_of(rt, sender.integration_id) == []


async def test_an_opportunity_is_created_won_repriced_and_its_owner_found_through_rest(rt, org, salesforce):
    sender, rep, owner = await setup(org, salesforce)
    opp = sf_id()
    t0 = datetime.now(UTC) - timedelta(hours=3)
    await sender.send([(sender.notification_id(), "Opportunity", opportunity(opp, owner, "Prospecting", t0))])
    await sender.send([(sender.notification_id(), "Opportunity", opportunity(
        opp, owner, "Closed Won", t0 + timedelta(minutes=10), Amount="4000.0",
        CloseDate=(t0 + timedelta(minutes=10)).date().isoformat()))])
    await drain(rt)
    assert await balance(rep) == 25 + 50 + 40
    assert [r.path for r in salesforce.calls("/query")][-1].endswith("/query")
    # An older notification arriving late (Salesforce retries out of order) changes nothing.
    await sender.send([(sender.notification_id(), "Opportunity", opportunity(
        opp, owner, "Closed Won", t0 + timedelta(minutes=5), Amount="100.0"))])
    await sender.send([(sender.notification_id(), "Opportunity", opportunity(
        opp, owner, "Closed Won", t0 + timedelta(minutes=20), Amount="6000.0",
        CloseDate=(t0 + timedelta(minutes=10)).date().isoformat()))])
    await drain(rt)
    assert await balance(rep) == 25 + 50 + 60
    base = f"salesforce:{sender.organization_id}:deal:{opp}:won"
    assert [(x[0], x[3], x[4]) for x in await activities_of(rt, org.org_id, base)] == [
        (base, 4000.0, True), (base + "#2", 6000.0, False)]
    # the first two came in one run: the newer of them was applied, the older is stale
    assert [e.status for e in await events_of(rt, sender.integration_id)] == ["stale", "done", "stale", "done"]


async def test_tasks_and_events_become_calls_emails_and_meetings(rt, org, salesforce):
    sender, rep, owner = await setup(org, salesforce)
    at = datetime.now(UTC) - timedelta(minutes=5)
    stamp = {"OwnerId": owner, "CreatedDate": sf_time(at), "SystemModstamp": sf_time(at)}
    await sender.send([
        (sender.notification_id(), "Task", {"Id": sf_id("00T"), "TaskSubtype": "Call", **stamp}),
        (sender.notification_id(), "Task", {"Id": sf_id("00T"), "TaskSubtype": "Email", **stamp}),
        (sender.notification_id(), "Task", {"Id": sf_id("00T"), "TaskSubtype": "Task", **stamp}),
        (sender.notification_id(), "Event", {"Id": sf_id("00U"), **stamp}),
    ])
    await drain(rt)
    assert await balance(rep) == 2 + 1 + 10
    assert sorted(e.status for e in await events_of(rt, sender.integration_id)) == ["done", "done", "done", "ignored"]


async def test_without_rest_an_owner_is_mapped_by_hand_then_scored(rt, org, salesforce):
    sender, rep, owner = await setup(org, salesforce, rest=False)
    at = datetime.now(UTC) - timedelta(minutes=5)
    await sender.send([(sender.notification_id(), "Opportunity", opportunity(sf_id(), owner, "Prospecting", at))])
    await drain(rt)
    assert [e.status for e in await events_of(rt, sender.integration_id)] == ["unmatched"]
    r = await org.client.put(f"/api/v1/integrations/{sender.integration_id}/owners/{owner}", headers=org.headers,
                             json={"user_id": rep.user_id})
    assert r.json()["requeued"] == 1
    await drain(rt)
    assert await balance(rep) == 25


async def test_a_notification_without_its_modstamp_is_kept_as_an_error(rt, org, salesforce):
    sender, _, owner = await setup(org, salesforce)
    r = await sender.send([(sender.notification_id(), "Opportunity", {"Id": sf_id(), "OwnerId": owner}),
                           (sender.notification_id(), "Opportunity",
                            opportunity(sf_id(), owner, "Prospecting", datetime.now(UTC)))])
    assert sender.acked(r)
    assert sorted(e.status for e in await events_of(rt, sender.integration_id)) == ["error", "pending"]


def test_the_sender_builds_what_salesforce_sends():
    body = outbound_message("00D000000000001EAA", [("04l1", "Opportunity", {"Id": "006x", "Amount": None})])
    assert b'<sf:Amount xsi:nil="true"/>' in body and b"<Id>04l1</Id>" in body
