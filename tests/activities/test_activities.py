"""Logging activities: pricing, idempotency, permissions, dates, caps (also under concurrency),
batches and reversals, checked through the HTTP API against the ledger and the boards."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.engine import make_url

from server.core import events
from server.features import registry
from server.ledger import ingest as ingestion
from tests.conftest import new_org
from tests.support.api import (
    ago,
    assert_error,
    balance,
    iso,
    local_day,
    noon_org,
    org_zone,
    score_of,
    type_key,
)


async def ledger_rows(api) -> list[dict]:
    return (await api.ok("get", "/me/ledger", limit=200))["entries"]


# -- pricing ------------------------------------------------------------------------------------------
async def test_points_are_points_times_quantity(org):
    rep = await org.user()
    out = await rep.log("meeting_booked", quantity=3)
    assert (out["points_awarded"], out["quantity"], out["units_over_cap"], out["user_id"]) == (30, 3, 0, rep.user_id)
    assert (out["type"], out["source"], out["duplicate"], out["boards_updated"]) == ("meeting_booked", "app", False,
                                                                                     True)
    assert await balance(rep) == 30


async def test_value_points_are_added_for_valued_types(org):
    rep = await org.user()
    key = await type_key(org, points=10, value_points=0.25)
    out = await rep.log(key, quantity=2, value=1002)
    assert out["points_awarded"] == 20 + 251   # 10 x 2 + 1002 x 0.25 = 250.5, rounded half up
    assert out["value"] == 1002
    # Without a value only the per-unit points count.
    assert (await rep.log(key, quantity=1))["points_awarded"] == 10


async def test_default_quantity_is_one_and_occurred_at_defaults_to_now(org):
    before = datetime.now(UTC)
    out = await org.log("call")
    occurred = datetime.fromisoformat(out["occurred_at"].replace("Z", "+00:00"))
    assert out["quantity"] == 1 and out["points_awarded"] == 2
    assert before - timedelta(seconds=1) <= occurred <= datetime.now(UTC) + timedelta(seconds=1)


@pytest.mark.parametrize(("fields", "code"), [
    ({"quantity": 0}, "invalid_quantity"),
    ({"quantity": -3}, "invalid_quantity"),
    ({"quantity": 10_001}, "invalid_quantity"),
    ({"value": -1}, "invalid_value"),
    ({"external_id": ""}, "invalid_external_id"),
    ({"external_id": "x" * 201}, "invalid_external_id"),
])
async def test_out_of_bounds_amounts_are_rejected(org, fields, code):
    assert_error(await org.post("/activities", {"type": "call", **fields}), 400, code)
    assert await balance(org) == 0


# -- idempotency ----------------------------------------------------------------------------------------
async def test_a_repeated_external_id_answers_200_with_the_original_and_awards_nothing(client):
    admin = await noon_org(client)
    rep = await admin.user()
    first = await rep.post("/activities", {"type": "call", "quantity": 3, "external_id": "crm-call-1"})
    assert first.status_code == 201, first.text
    original = first.json()
    assert (original["external_id"], original["points_awarded"], original["duplicate"]) == ("crm-call-1", 6, False)
    for body in ({"type": "call", "quantity": 3, "external_id": "crm-call-1"},
                 {"type": "email", "quantity": 9, "external_id": "crm-call-1"}):  # a retry is matched by id only
        again = await rep.post("/activities", body)
        assert again.status_code == 200, again.text
        dup = again.json()
        assert dup["duplicate"] is True
        assert (dup["id"], dup["ledger_entry_id"], dup["type"], dup["quantity"], dup["points_awarded"]) == \
               (original["id"], original["ledger_entry_id"], "call", 3, 6)
        assert dup["boards_updated"] is False
    assert await balance(rep) == 6
    assert len(await ledger_rows(rep)) == 1
    assert await score_of(admin, rep.user_id, window="day") == 6
    assert await score_of(admin, rep.user_id, "call", window="day") == 3


async def test_concurrent_posts_with_one_external_id_record_it_once(org):
    rep = await org.user()
    rs = await asyncio.gather(*[rep.post("/activities", {"type": "email", "external_id": "race-1"})
                                for _ in range(6)])
    assert sorted(r.status_code for r in rs) == [200] * 5 + [201]
    assert len({r.json()["id"] for r in rs}) == 1
    assert await balance(rep) == 1


async def test_external_ids_are_per_org(client, org):
    other = await new_org(client)
    a = await org.post("/activities", {"type": "call", "external_id": "shared-42"})
    b = await other.post("/activities", {"type": "call", "external_id": "shared-42"})
    assert (a.status_code, b.status_code) == (201, 201)
    assert a.json()["id"] != b.json()["id"]
    assert (a.json()["user_id"], b.json()["user_id"]) == (org.user_id, other.user_id)


# -- who logs for whom ---------------------------------------------------------------------------------
async def test_a_rep_cannot_log_for_another_user(org):
    rep = await org.user()
    other = await org.user()
    assert_error(await rep.post("/activities", {"type": "call", "user_id": other.user_id}), 403, "forbidden")
    assert await balance(other) == 0
    # Naming oneself is fine.
    assert (await rep.log("call", user_id=rep.user_id))["user_id"] == rep.user_id


async def test_a_rep_cannot_self_report_a_deal_but_a_manager_can_log_it_for_them(org):
    rep = await org.user()
    manager = await org.user("manager")
    assert_error(await rep.post("/activities", {"type": "deal_won", "value": 5000}), 403, "not_self_reportable")
    out = await manager.log("deal_won", value=12_345, user_id=rep.user_id)
    assert (out["user_id"], out["points_awarded"], out["source"]) == (rep.user_id, 50 + 123, "app")
    assert await balance(rep) == 173
    assert await balance(manager) == 0
    ledger = await ledger_rows(rep)
    assert [(e["activity_type"], e["points"], e["value"]) for e in ledger] == [("deal_won", 173, 12_345)]


async def test_naming_a_user_of_another_org_or_a_deactivated_user_is_404(client, org):
    stranger = await (await new_org(client)).user()
    error = assert_error(await org.post("/activities", {"type": "call", "user_id": stranger.user_id}), 404,
                         "user_not_found")
    assert error["details"] == {"user_id": stranger.user_id}
    assert await balance(stranger) == 0
    gone = await org.user()
    await org.ok("patch", f"/users/{gone.user_id}", {"active": False})
    assert_error(await org.post("/activities", {"type": "call", "user_id": gone.user_id}), 404, "user_not_found")
    assert_error(await org.post("/activities", {"type": "call", "user_id": 2**62}), 404, "user_not_found")


# -- when ------------------------------------------------------------------------------------------------
async def test_future_activities_are_rejected_beyond_a_minute_of_skew(org):
    now = datetime.now(UTC)
    assert_error(await org.post("/activities", {"type": "call", "occurred_at": iso(now + timedelta(minutes=5))}),
                 400, "future_activity")
    assert (await org.post("/activities", {"type": "call", "occurred_at": iso(now + timedelta(seconds=30))})
            ).status_code == 201


async def test_activities_older_than_seven_days_are_too_old(org):
    error = assert_error(await org.post("/activities", {"type": "call", "occurred_at": iso(ago(days=7, hours=1))}),
                         400, "too_old")
    assert error["details"] == {"backdate_days": 7}
    assert (await org.post("/activities", {"type": "call", "occurred_at": iso(ago(days=6, hours=23))})
            ).status_code == 201


async def test_occurred_at_needs_an_offset(org):
    naive = ago(hours=1).replace(tzinfo=None).isoformat()
    assert_error(await org.post("/activities", {"type": "call", "occurred_at": naive}), 400, "invalid_occurred_at")


async def test_a_past_dated_activity_lands_on_that_days_board_not_todays(client):
    admin = await noon_org(client)
    zone = await org_zone(admin)
    rep = await admin.user()
    then = ago(days=2)
    out = await rep.log("call", quantity=2, occurred_at=iso(then))
    assert out["occurred_at"] == iso(then)
    that_day = local_day(then, zone)
    assert await score_of(admin, rep.user_id, window="day", period=that_day) == 4
    assert await score_of(admin, rep.user_id, "call", window="day", period=that_day) == 2
    assert await score_of(admin, rep.user_id, window="day") is None
    assert (await admin.board(window="day"))["period"]["id"] == local_day(datetime.now(UTC), zone)


async def test_an_offset_timestamp_lands_on_the_orgs_local_day(client):
    # Org in New York; 2 days ago at 03:30 UTC is still the evening before in New York.
    admin = await new_org(client, timezone="America/New_York")
    base = ago(days=2).replace(hour=3, minute=30, second=0, microsecond=0)
    as_tokyo = base.astimezone(timezone(timedelta(hours=9))).isoformat()  # same instant, written at +09:00
    assert as_tokyo.endswith("+09:00")
    await admin.log("email", occurred_at=as_tokyo)
    ny_day = local_day(base, "America/New_York")
    assert ny_day == (base - timedelta(days=1)).date().isoformat()
    assert await score_of(admin, admin.user_id, window="day", period=ny_day) == 1
    assert await score_of(admin, admin.user_id, window="day", period=base.date().isoformat()) is None


async def test_week_boards_follow_the_org_week_start(client):
    admin = await noon_org(client, week_start="sunday")
    await admin.log("call")
    board = await admin.board(window="week")
    first = datetime.fromisoformat(board["period"]["id"][1:]).date()
    assert first.weekday() == 6  # Sunday
    start = datetime.fromisoformat(board["period"]["start"].replace("Z", "+00:00"))
    end = datetime.fromisoformat(board["period"]["end"].replace("Z", "+00:00"))
    assert end - start == timedelta(days=7)
    local_start = start.astimezone(ZoneInfo(await org_zone(admin)))
    assert (local_start.hour, local_start.minute) == (0, 0)
    assert [e["score"] for e in board["entries"]] == [2]
    assert_error(await admin.get("/leaderboards/points", window="week", period=f"w{first + timedelta(days=1)}"),
                 400, "invalid_period")
    last_week = await admin.board(window="week", period=f"w{first - timedelta(days=7)}")
    assert (last_week["period"]["end"], last_week["entries"]) == (board["period"]["start"], [])


# -- daily caps ------------------------------------------------------------------------------------------
async def test_daily_cap_pays_the_remaining_units_then_nothing(client):
    admin = await noon_org(client)
    rep = await admin.user()
    key = await type_key(admin, points=3, daily_cap=10)
    at = iso(ago(minutes=1))
    first = await rep.log(key, quantity=6, occurred_at=at)
    second = await rep.log(key, quantity=6, occurred_at=at)
    third = await rep.log(key, quantity=1, occurred_at=at)
    assert [(x["points_awarded"], x["units_over_cap"]) for x in (first, second, third)] == [(18, 0), (12, 2), (0, 1)]
    assert await balance(rep) == 30
    day = local_day(ago(minutes=1), await org_zone(admin))
    assert await score_of(admin, rep.user_id, window="day", period=day) == 30
    # Units beyond the cap are recorded on the activity and count nowhere else, the type's board included.
    assert await score_of(admin, rep.user_id, key, window="day", period=day) == 10
    # The cap is per rep and per local day.
    other = await admin.user()
    assert (await other.log(key, quantity=10, occurred_at=at))["points_awarded"] == 30
    yesterday = await rep.log(key, quantity=10, occurred_at=iso(ago(days=1)))
    assert (yesterday["points_awarded"], yesterday["units_over_cap"]) == (30, 0)


#: The activity path prices from the counters as read and locks them last; after races it locks them first.
CAP_PATHS = pytest.mark.parametrize("optimistic_attempts", [ingestion.OPTIMISTIC_ATTEMPTS, 0],
                                    ids=["counters-last", "counters-first"])


@CAP_PATHS
async def test_daily_cap_is_exact_under_concurrent_posts(client, monkeypatch, optimistic_attempts):
    monkeypatch.setattr(ingestion, "OPTIMISTIC_ATTEMPTS", optimistic_attempts)
    admin = await noon_org(client)
    rep = await admin.user()
    key = await type_key(admin, points=3, daily_cap=20)
    at = iso(ago(minutes=1))
    rs = await asyncio.gather(*[rep.post("/activities", {"type": key, "occurred_at": at}) for _ in range(50)])
    assert [r.status_code for r in rs] == [201] * 50, [r.text for r in rs if r.status_code != 201][:3]
    outs = [r.json() for r in rs]
    assert sorted(o["points_awarded"] for o in outs) == [0] * 30 + [3] * 20
    assert sum(o["units_over_cap"] for o in outs) == 30
    assert await balance(rep) == 60
    assert sum(e["points"] for e in await ledger_rows(rep)) == 60
    day = local_day(ago(minutes=1), await org_zone(admin))
    assert await score_of(admin, rep.user_id, window="day", period=day) == 60
    assert await score_of(admin, rep.user_id, key, window="day", period=day) == 20  # the capped 30 count nowhere


@CAP_PATHS
async def test_daily_cap_is_exact_under_concurrent_batches(client, monkeypatch, optimistic_attempts):
    monkeypatch.setattr(ingestion, "OPTIMISTIC_ATTEMPTS", optimistic_attempts)
    admin = await noon_org(client)
    rep = await admin.user()
    key = await type_key(admin, points=2, daily_cap=20)
    at = iso(ago(minutes=1))
    batch = {"activities": [{"type": key, "quantity": 1, "occurred_at": at}] * 5}
    rs = await asyncio.gather(*[rep.post("/activities/batch", batch) for _ in range(10)])
    assert [r.status_code for r in rs] == [200] * 10
    awarded = [item["activity"]["points_awarded"] for r in rs for item in r.json()["results"]]
    assert sorted(awarded) == [0] * 30 + [2] * 20
    assert await balance(rep) == 40


async def test_a_post_does_not_wait_behind_another_posts_hooks_and_a_cap_crossed_meanwhile_reprices_it(
        client, installed, settings):
    """The counters are locked last, after the feature hooks: another post of the rep commits while
    this one's hooks run (it does not queue behind them). It took the cap's last units meanwhile,
    so this one runs again at the new count: exact caps, one ledger entry per activity."""
    if make_url(settings.database_url).get_backend_name() != "postgresql":
        pytest.skip("SQLite serialises whole write transactions: nothing else commits meanwhile")
    admin = await noon_org(client)
    rep = await admin.user()
    key = await type_key(admin, points=3, daily_cap=5)
    at = iso(ago(minutes=1))
    runs: list[list[int]] = []
    inner: dict = {}

    async def other_post_meanwhile(rt, conn, batch: events.ActivityBatch):
        if any(a.type_key == key and a.quantity == 2 for a in batch.activities):
            runs.append([a.points for a in batch.activities])
            if len(runs) == 1:
                inner["out"] = await rep.log(key, quantity=4, occurred_at=at)

    # First: the features' own hooks lock the rep's rows of this transaction (the rollups' day row),
    # which the other post would wait for; the counters are what must not be locked yet.
    installed(registry().activity_hooks, other_post_meanwhile, first=True)
    out = await asyncio.wait_for(rep.log(key, quantity=2, occurred_at=at), 20)
    assert (inner["out"]["points_awarded"], inner["out"]["units_over_cap"]) == (12, 0)
    assert (out["points_awarded"], out["units_over_cap"]) == (3, 1)
    assert runs == [[6], [3]]  # priced from the counter as read, then again after the other post took 4 units
    assert await balance(rep) == 15
    assert sorted(e["points"] for e in await ledger_rows(rep)) == [3, 12]
    day = local_day(ago(minutes=1), await org_zone(admin))
    assert await score_of(admin, rep.user_id, window="day", period=day) == 15
    assert await score_of(admin, rep.user_id, key, window="day", period=day) == 5  # the cap


# -- batches ---------------------------------------------------------------------------------------------
async def test_batch_results_come_per_item_in_order_and_bad_items_do_not_sink_the_rest(org):
    rep = await org.user()
    other = await org.user()
    existing = await rep.log("call", external_id="already-there")
    future = iso(datetime.now(UTC) + timedelta(hours=2))
    items = [
        {"type": "call", "quantity": 2},                                  # 0: 201
        {"type": "telepathy"},                                            # 1: unknown type
        {"type": "call", "quantity": "two"},                              # 2: wrong field type
        7,                                                                 # 3: not an object
        {"type": "call", "occurred_at": future},                          # 4: future
        {"type": "email", "external_id": "batch-1"},                      # 5: 201
        {"type": "call", "external_id": "batch-1"},                       # 6: repeats item 5
        {"type": "call", "external_id": "already-there"},                 # 7: repeats a stored row
        {"type": "deal_won", "value": 100},                               # 8: not self-reportable
        {"type": "call", "user_id": other.user_id},                       # 9: someone else
        {"type": "call", "surprise": True},                               # 10: unknown field
        None,                                                              # 11: null
        {"type": "meeting_held", "occurred_at": iso(ago(days=1))},         # 12: 201, past-dated
    ]
    r = await rep.post("/activities/batch", {"activities": items})
    assert r.status_code == 200, r.text
    body = r.json()
    results = body["results"]
    assert [x["index"] for x in results] == list(range(len(items)))
    assert [x["status"] for x in results] == [201, 400, 400, 400, 400, 201, 200, 200, 403, 403, 400, 400, 201]
    codes = {i: x["error"]["code"] for i, x in enumerate(results) if "error" in x}
    assert codes == {1: "unknown_activity_type", 2: "invalid_request", 3: "invalid_request", 4: "future_activity",
                     8: "not_self_reportable", 9: "forbidden", 10: "invalid_request", 11: "invalid_request"}
    for x in results:
        assert ("activity" in x) != ("error" in x), x
        if "error" in x:
            assert isinstance(x["error"]["message"], str) and x["error"]["message"]
    assert (body["accepted"], body["duplicates"], body["rejected"]) == (3, 2, 8)
    act = {i: x["activity"] for i, x in enumerate(results) if "activity" in x}
    assert (act[0]["points_awarded"], act[0]["source"], act[0]["duplicate"]) == (4, "batch", False)
    assert (act[6]["id"], act[6]["duplicate"], act[6]["type"]) == (act[5]["id"], True, "email")
    assert (act[7]["id"], act[7]["duplicate"], act[7]["points_awarded"]) == (existing["id"], True, 2)
    assert act[12]["points_awarded"] == 15
    assert await balance(rep) == 2 + 4 + 1 + 15
    assert await balance(other) == 0


async def test_a_batch_item_repeating_an_invalid_items_external_id_is_judged_on_its_own(org):
    r = await org.post("/activities/batch", {"activities": [
        {"type": "telepathy", "external_id": "ext-9"},
        {"type": "call", "external_id": "ext-9"},
        {"type": "call", "external_id": "ext-9"},
    ]})
    assert [x["status"] for x in r.json()["results"]] == [400, 201, 200]
    assert await balance(org) == 2


async def test_batch_size_limits(org):
    for activities in ([], [{"type": "email"}] * 501):
        error = assert_error(await org.post("/activities/batch", {"activities": activities}), 400,
                             "invalid_batch_size")
        assert error["details"] == {"limit": 500}
    assert await balance(org) == 0


async def test_a_full_batch_of_500_is_accepted(org):
    key = await type_key(org, points=1)
    r = await org.post("/activities/batch", {"activities": [{"type": key, "external_id": f"bulk-{i}"}
                                                            for i in range(500)]})
    assert r.status_code == 200, r.text
    body = r.json()
    assert (body["accepted"], body["duplicates"], body["rejected"]) == (500, 0, 0)
    assert len({x["activity"]["id"] for x in body["results"]}) == 500
    assert await balance(org) == 500
    again = (await org.post("/activities/batch", {"activities": [{"type": key, "external_id": f"bulk-{i}"}
                                                                 for i in range(500)]})).json()
    assert (again["accepted"], again["duplicates"]) == (0, 500)
    assert await balance(org) == 500


@pytest.mark.parametrize("body", [{}, {"activities": "call"}, {"activities": [], "extra": 1}, [{"type": "call"}]])
async def test_malformed_batch_bodies_are_400(org, body):
    assert_error(await org.post("/activities/batch", body), 400, "invalid_request")


# -- reversals -------------------------------------------------------------------------------------------
async def test_a_manager_reverses_an_activity_once(client):
    admin = await noon_org(client)
    rep = await admin.user()
    manager = await admin.user("manager")
    keep = await rep.log("call", quantity=2)
    undo = await rep.log("meeting_booked")
    assert await balance(rep) == 14
    r = await manager.post(f"/activities/{undo['id']}/reverse")
    assert r.status_code == 201, r.text
    body = r.json()
    assert (body["activity_id"], body["user_id"], body["points_reversed"], body["boards_updated"]) == \
           (undo["id"], rep.user_id, 10, True)
    assert body["reversal_entry_id"] > undo["ledger_entry_id"]
    assert await balance(rep) == 4
    assert await score_of(admin, rep.user_id, window="day") == 4
    assert await score_of(admin, rep.user_id, "meeting_booked", window="day") in (None, 0)
    assert_error(await manager.post(f"/activities/{undo['id']}/reverse"), 409, "already_reversed")
    assert_error(await admin.post(f"/activities/{undo['id']}/reverse"), 409, "already_reversed")
    assert await balance(rep) == 4
    assert keep["points_awarded"] == 4


async def test_concurrent_reversals_reverse_once(org):
    rep = await org.user()
    out = await rep.log("meeting_held")
    rs = await asyncio.gather(*[org.post(f"/activities/{out['id']}/reverse") for _ in range(4)])
    assert sorted(r.status_code for r in rs) == [201, 409, 409, 409]
    assert await balance(rep) == 0


async def test_reps_and_api_keys_cannot_reverse(client, org):
    rep = await org.user()
    out = await rep.log("call")
    assert_error(await rep.post(f"/activities/{out['id']}/reverse"), 403, "forbidden")
    key = (await org.ok("post", "/api-keys", {"name": "crm"}, status=201))["key"]
    r = await client.post(f"/api/v1/activities/{out['id']}/reverse", headers={"authorization": f"Bearer {key}"})
    assert_error(r, 403, "forbidden")
    assert await balance(rep) == 2


async def test_reversing_an_unknown_or_foreign_activity_is_404(client, org):
    assert_error(await org.post("/activities/987654321/reverse"), 404, "activity_not_found")
    other = await new_org(client)
    theirs = await other.log("call")
    assert_error(await org.post(f"/activities/{theirs['id']}/reverse"), 404, "activity_not_found")
    assert await balance(other) == 2


async def test_a_reversal_gives_the_cap_room_back(client):
    admin = await noon_org(client)
    rep = await admin.user()
    key = await type_key(admin, points=5, daily_cap=4)
    at = iso(ago(minutes=1))
    full = await rep.log(key, quantity=4, occurred_at=at)
    assert (await rep.log(key, quantity=1, occurred_at=at))["points_awarded"] == 0
    await admin.ok("post", f"/activities/{full['id']}/reverse", status=201)
    # The reversed 4 units no longer count: 3 of these 4 earn (1 unit still used by the capped one).
    again = await rep.log(key, quantity=4, occurred_at=at)
    assert (again["points_awarded"], again["units_over_cap"]) == (15, 1)
    assert await balance(rep) == 15


async def test_reversing_an_activity_logged_before_a_cap_existed_does_not_open_extra_room(client):
    admin = await noon_org(client)
    rep = await admin.user()
    key = await type_key(admin, points=1)                       # no cap yet
    at = iso(ago(minutes=1))
    uncapped = await rep.log(key, quantity=50, occurred_at=at)
    await admin.ok("patch", f"/activity-types/{key}", {"daily_cap": 10})
    capped = await rep.log(key, quantity=10, occurred_at=at)
    assert capped["points_awarded"] == 10
    await admin.ok("post", f"/activities/{uncapped['id']}/reverse", status=201)
    # The day's cap of 10 is used up by the capped activity; the reversal must not free 50 units.
    later = await rep.log(key, quantity=50, occurred_at=at)
    assert (later["points_awarded"], later["units_over_cap"]) == (0, 50)
    assert await balance(rep) == 10
