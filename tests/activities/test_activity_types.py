"""Activity types: the default set, creating, versioned rule changes, deactivation."""

from __future__ import annotations

import asyncio

import pytest

from tests.conftest import new_org
from tests.support.api import assert_error, type_key

DEFAULTS = {
    # key: (label, points, value_points, daily_cap, self_reportable)
    "call": ("Call", 2, None, 100, True),
    "email": ("Email", 1, None, 50, True),
    "meeting_booked": ("Meeting booked", 10, None, 20, True),
    "meeting_held": ("Meeting held", 15, None, 20, True),
    "proposal_sent": ("Proposal sent", 20, None, 10, True),
    "opportunity_created": ("Opportunity created", 25, None, 10, True),
    "deal_won": ("Deal won", 50, 0.01, None, False),
}


def by_key(listing: dict) -> dict:
    return {t["key"]: t for t in listing["items"]}


async def test_a_new_org_starts_with_the_default_types(org):
    types = by_key(await org.ok("get", "/activity-types"))
    assert set(types) == set(DEFAULTS)
    for key, (label, points, value_points, cap, self_rep) in DEFAULTS.items():
        t = types[key]
        assert (t["label"], t["points"], t["value_points"], t["daily_cap"], t["self_reportable"]) == \
               (label, points, value_points, cap, self_rep), key
        assert (t["active"], t["version"]) == (True, 1)
        assert isinstance(t["rule_version_id"], int)
    assert len({t["rule_version_id"] for t in types.values()}) == len(DEFAULTS)


async def test_reps_can_read_the_types(org):
    rep = await org.user()
    assert set(by_key(await rep.ok("get", "/activity-types"))) == set(DEFAULTS)


async def test_create_a_type_and_use_it(org):
    created = await org.ok("post", "/activity-types", {"key": "demo_given", "label": "Demo given", "points": 7,
                                                       "daily_cap": 3, "self_reportable": True}, status=201)
    assert (created["key"], created["label"], created["points"], created["value_points"], created["daily_cap"],
            created["self_reportable"], created["active"], created["version"]) == \
           ("demo_given", "Demo given", 7, None, 3, True, True, 1)
    assert "demo_given" in by_key(await org.ok("get", "/activity-types"))
    assert (await org.log("demo_given", quantity=2))["points_awarded"] == 14


async def test_a_manager_may_create_types_but_a_rep_may_not(org):
    manager = await org.user("manager")
    rep = await org.user("rep")
    assert (await manager.post("/activity-types", {"key": "referral", "label": "Referral", "points": 3})
            ).status_code == 201
    assert_error(await rep.post("/activity-types", {"key": "selfie", "label": "Selfie", "points": 100}),
                 403, "forbidden")
    assert_error(await rep.patch("/activity-types/call", {"points": 100}), 403, "forbidden")
    assert by_key(await org.ok("get", "/activity-types"))["call"]["points"] == 2


async def test_duplicate_key_is_409(client, org):
    assert_error(await org.post("/activity-types", {"key": "call", "label": "Call again", "points": 1}), 409,
                 "activity_type_exists")
    await org.ok("post", "/activity-types", {"key": "site_visit", "label": "Visit", "points": 1}, status=201)
    assert_error(await org.post("/activity-types", {"key": "site_visit", "label": "Visit", "points": 2}), 409,
                 "activity_type_exists")
    # Keys are per org.
    other = await new_org(client)
    assert (await other.post("/activity-types", {"key": "site_visit", "label": "Visit", "points": 1})
            ).status_code == 201


@pytest.mark.parametrize("key", ["Bad-Key", "1call", "_call", "with space", "CALL", "émail", "", "a" * 65])
async def test_bad_key_pattern_is_400(org, key):
    assert_error(await org.post("/activity-types", {"key": key, "label": "X", "points": 1}), 400, "invalid_request")


async def test_points_is_a_reserved_key(org):
    assert_error(await org.post("/activity-types", {"key": "points", "label": "Points", "points": 1}), 400,
                 "reserved_key")


@pytest.mark.parametrize("body", [
    {"key": "neg", "label": "X", "points": -1},
    {"key": "capzero", "label": "X", "points": 1, "daily_cap": 0},
    {"key": "vp", "label": "X", "points": 1, "value_points": -0.5},
    {"key": "nolabel", "points": 1},
    {"key": "extra", "label": "X", "points": 1, "bonus": 5},
])
async def test_invalid_type_fields_are_400(org, body):
    assert_error(await org.post("/activity-types", body), 400, "invalid_request")


async def test_a_rule_change_makes_a_new_version_and_past_entries_keep_theirs(org):
    key = await type_key(org, points=5)
    before = by_key(await org.ok("get", "/activity-types"))[key]
    first = await org.log(key, quantity=2)
    assert first["points_awarded"] == 10

    changed = await org.ok("patch", f"/activity-types/{key}", {"points": 7})
    assert (changed["version"], changed["points"]) == (2, 7)
    assert changed["rule_version_id"] != before["rule_version_id"]
    second = await org.log(key, quantity=2)
    assert second["points_awarded"] == 14

    ledger = {e["activity_id"]: e for e in (await org.ok("get", "/me/ledger"))["entries"]}
    old, new = ledger[first["id"]], ledger[second["id"]]
    assert (old["rule_version_id"], old["rule_version"], old["rule_points"], old["points"]) == \
           (before["rule_version_id"], 1, 5, 10)
    assert (new["rule_version_id"], new["rule_version"], new["rule_points"], new["points"]) == \
           (changed["rule_version_id"], 2, 7, 14)


async def test_each_rule_field_change_versions_and_the_ledger_shows_the_pricing_rule(org):
    key = await type_key(org, points=4)
    expected_version = 1
    for change in ({"value_points": 0.5}, {"daily_cap": 9}, {"self_reportable": False}, {"label": "Renamed"}):
        expected_version += 1
        t = await org.ok("patch", f"/activity-types/{key}", change)
        assert t["version"] == expected_version, change
    entry = await org.log(key, quantity=1, value=10)
    assert entry["points_awarded"] == 4 + 5
    row = (await org.ok("get", "/me/ledger", limit=1))["entries"][0]
    assert (row["activity_id"], row["rule_version"], row["rule_points"], row["rule_value_points"],
            row["rule_daily_cap"]) == (entry["id"], 5, 4, 0.5, 9)


async def test_a_label_only_change_is_a_new_version(org):
    key = await type_key(org, points=3)
    before = by_key(await org.ok("get", "/activity-types"))[key]
    first = await org.log(key)
    t = await org.ok("patch", f"/activity-types/{key}", {"label": "Shiny new label"})
    assert (t["label"], t["version"], t["points"]) == ("Shiny new label", 2, 3)
    assert t["rule_version_id"] != before["rule_version_id"]
    second = await org.log(key)
    ledger = {e["activity_id"]: e for e in (await org.ok("get", "/me/ledger"))["entries"]}
    assert (ledger[first["id"]]["rule_version"], ledger[second["id"]]["rule_version"]) == (1, 2)


async def test_patching_with_unchanged_values_or_only_active_keeps_the_version(org):
    key = await type_key(org, points=3, daily_cap=5)
    before = by_key(await org.ok("get", "/activity-types"))[key]
    same = await org.ok("patch", f"/activity-types/{key}", {"points": 3, "daily_cap": 5, "label": before["label"]})
    assert (same["version"], same["rule_version_id"]) == (1, before["rule_version_id"])
    off = await org.ok("patch", f"/activity-types/{key}", {"active": False})
    assert (off["active"], off["version"], off["rule_version_id"]) == (False, 1, before["rule_version_id"])


async def test_removing_a_cap_with_null(org):
    key = await type_key(org, points=1, daily_cap=1)
    t = await org.ok("patch", f"/activity-types/{key}", {"daily_cap": None})
    assert (t["daily_cap"], t["version"]) == (None, 2)
    assert (await org.log(key, quantity=5))["points_awarded"] == 5


async def test_a_deactivated_type_rejects_activities_until_reactivated(org):
    rep = await org.user()
    await org.ok("patch", "/activity-types/email", {"active": False})
    assert by_key(await org.ok("get", "/activity-types"))["email"]["active"] is False
    error = assert_error(await rep.post("/activities", {"type": "email"}), 400, "unknown_activity_type")
    assert error["details"] == {"type": "email"}
    await org.ok("patch", "/activity-types/email", {"active": True})
    assert (await rep.log("email"))["points_awarded"] == 1


async def test_unknown_type_is_rejected(org):
    assert_error(await org.post("/activities", {"type": "telepathy"}), 400, "unknown_activity_type")


async def test_patching_an_unknown_type_is_404(client, org):
    assert_error(await org.patch("/activity-types/nope", {"points": 1}), 404, "activity_type_not_found")
    other = await new_org(client)
    key = await type_key(other, prefix="theirs")
    assert_error(await org.patch(f"/activity-types/{key}", {"points": 99}), 404, "activity_type_not_found")
    assert by_key(await other.ok("get", "/activity-types"))[key]["points"] == 1


async def test_type_changes_are_per_org(client, org):
    other = await new_org(client)
    await other.ok("patch", "/activity-types/call", {"points": 9})
    assert (await org.log("call"))["points_awarded"] == 2
    assert (await other.log("call"))["points_awarded"] == 9


async def test_concurrent_rule_changes_each_make_their_own_version(org):
    key = await type_key(org, points=1)
    rs = await asyncio.gather(*[org.patch(f"/activity-types/{key}", {"points": p}) for p in (5, 6, 7, 8)])
    assert [r.status_code for r in rs] == [200] * 4, [r.text for r in rs]
    assert sorted(r.json()["version"] for r in rs) == [2, 3, 4, 5]
    assert len({r.json()["rule_version_id"] for r in rs}) == 4
    final = by_key(await org.ok("get", "/activity-types"))[key]
    assert final["version"] == 5
    last = next(r.json() for r in rs if r.json()["version"] == 5)
    assert (final["points"], final["rule_version_id"]) == (last["points"], last["rule_version_id"])
    out = await org.log(key)
    assert out["points_awarded"] == final["points"]
