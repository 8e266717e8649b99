"""Self-reported work against CRM-verified work: an activity type's `self_report` mode decides
what a rep's own report is worth (in full, weighted, or pending until a CRM event of the same
type, rep and day confirms it), and the rep's ledger shows which it was."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from server.core.clock import ManualClock
from server.features import make_runtime
from tests.conftest import _app_of, _client_of, make_settings, new_org
from tests.integrations.support import drain, std_integration
from tests.support.api import assert_error, balance, score_of, type_key


async def own_entry(rep, activity_id: int) -> dict:
    entries = (await rep.ok("get", "/me/ledger", limit=200))["entries"]
    return next(e for e in entries if e["activity_id"] == activity_id and e["kind"] == "activity")


async def test_modes_are_validated_and_shown(org):
    key = await type_key(org, points=4, self_report="weighted", self_report_weight=0.5)
    shown = next(t for t in (await org.ok("get", "/activity-types"))["items"] if t["key"] == key)
    assert (shown["self_report"], shown["self_report_weight"]) == ("weighted", 0.5)
    r = await org.post("/activity-types", {"key": "wx1", "label": "W", "points": 1, "self_report": "weighted"})
    assert_error(r, 400, "invalid_self_report")
    r = await org.post("/activity-types", {"key": "wx2", "label": "W", "points": 1, "self_report_weight": 0.5})
    assert_error(r, 400, "invalid_self_report")
    r = await org.post("/activity-types", {"key": "wx3", "label": "W", "points": 1, "self_report": "weighted",
                                           "self_report_weight": 1.5})
    assert_error(r, 400, "invalid_request")
    changed = await org.ok("patch", f"/activity-types/{key}", {"self_report": "pending"})
    assert (changed["self_report"], changed["self_report_weight"], changed["version"]) == ("pending", None, 2)


async def test_a_weighted_self_report_earns_its_share_and_says_so(org):
    key = await type_key(org, points=5, self_report="weighted", self_report_weight=0.5)
    rep = await org.user()
    own = await rep.log(key, quantity=3)
    assert own["points_awarded"] == 8  # 15 x 0.5 = 7.5, half up
    logged_by_manager = await org.log(key, user_id=rep.user_id)
    assert logged_by_manager["points_awarded"] == 5  # a manager's word is not a self-report
    assert (await own_entry(rep, own["id"]))["self_report"] == {
        "mode": "weighted", "weight": 0.5, "status": "weighted", "confirmed_by_activity_id": None}
    assert (await own_entry(rep, logged_by_manager["id"]))["self_report"] is None
    assert await balance(rep) == 13


async def test_a_pending_self_report_counts_once_a_crm_event_confirms_it(rt, org):
    key = await type_key(org, points=6, self_report="pending")
    sender = await std_integration(org)
    rep = await org.user()
    email = (await rep.ok("get", "/me"))["user"]["email"]
    own = await rep.log(key)
    assert own["points_awarded"] == 0 and own["units_over_cap"] == 0
    assert (await own_entry(rep, own["id"]))["self_report"]["status"] == "pending"
    assert await score_of(org, rep.user_id, key) is None  # no units on the type's board either
    await sender.upsert("crm-call-1", key, owner={"email": email})
    await drain(rt)
    assert await balance(rep) == 6  # the CRM's activity carries the points, once
    report = (await own_entry(rep, own["id"]))["self_report"]
    assert report["status"] == "confirmed" and report["confirmed_by_activity_id"] is not None
    assert await score_of(org, rep.user_id, key) == 1
    # The CRM first, then the rep: the report is confirmed at once and adds nothing.
    await sender.upsert("crm-call-2", key, owner={"email": email})
    await drain(rt)
    second = await rep.log(key)
    assert second["points_awarded"] == 0
    assert (await own_entry(rep, second["id"]))["self_report"]["status"] == "confirmed"
    third = await rep.log(key)  # nothing left to confirm it today
    assert (await own_entry(rep, third["id"]))["self_report"]["status"] == "pending"
    assert await balance(rep) == 12


async def test_an_unconfirmed_pending_report_expires(database_url, redis_url):
    clock = ManualClock(datetime.now(UTC))
    runtime = make_runtime(make_settings(database_url, redis_url), clock=clock)
    try:
        async with _client_of(_app_of(runtime)) as c:
            admin = await new_org(c)
            key = await type_key(admin, points=6, self_report="pending")
            rep = await admin.user()
            own = await rep.log(key)
            clock.advance(timedelta(days=runtime.settings.backdate_days + 2))
            assert (await own_entry(rep, own["id"]))["self_report"]["status"] == "expired"
            assert await balance(rep) == 0
    finally:
        await runtime.close()
