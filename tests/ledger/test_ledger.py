"""GET /api/v1/me/ledger: the caller's own points ledger, newest first, with paging."""

from __future__ import annotations

from tests.support.api import ago, assert_error, iso


async def test_ledger_lists_entries_newest_first_with_their_activity_and_rule(org):
    rep = await org.user()
    call = await rep.log("call", quantity=3, external_id="crm-77")
    email = await rep.log("email", occurred_at=iso(ago(days=1)))
    meeting = await rep.log("meeting_booked")
    page = await rep.ok("get", "/me/ledger")
    entries = page["entries"]
    assert [e["activity_id"] for e in entries] == [meeting["id"], email["id"], call["id"]]
    assert [e["id"] for e in entries] == sorted((e["id"] for e in entries), reverse=True)
    assert page["next_before_id"] is None
    first = entries[-1]
    assert first["id"] == call["ledger_entry_id"]
    assert (first["kind"], first["points"], first["activity_type"], first["quantity"], first["value"]) == \
           ("activity", 6, "call", 3, None)
    assert (first["source"], first["external_id"], first["reverses_entry_id"]) == ("app", "crm-77", None)
    assert (first["rule_version"], first["rule_points"], first["rule_value_points"], first["rule_daily_cap"]) == \
           (1, 2, None, 100)
    assert isinstance(first["rule_version_id"], int)
    assert first["occurred_at"] == call["occurred_at"]
    assert entries[1]["occurred_at"] == email["occurred_at"]
    assert entries[1]["external_id"] is None


async def test_ledger_pages_with_limit_and_before_id(org):
    rep = await org.user()
    logged = [await rep.log("email", external_id=f"page-{i}") for i in range(5)]
    expected = [x["ledger_entry_id"] for x in reversed(logged)]
    seen, before, pages = [], None, 0
    while True:
        params = {"limit": 2} if before is None else {"limit": 2, "before_id": before}
        page = await rep.ok("get", "/me/ledger", **params)
        pages += 1
        seen += [e["id"] for e in page["entries"]]
        before = page["next_before_id"]
        if before is None:
            break
        assert before == page["entries"][-1]["id"]
    assert seen == expected
    assert pages == 3
    # before_id is exclusive.
    tail = await rep.ok("get", "/me/ledger", before_id=expected[1])
    assert [e["id"] for e in tail["entries"]] == expected[2:]


async def test_a_reversal_appears_as_its_own_entry(org):
    rep = await org.user()
    out = await rep.log("proposal_sent", external_id="prop-1")
    reversal = await org.ok("post", f"/activities/{out['id']}/reverse", status=201)
    entries = (await rep.ok("get", "/me/ledger"))["entries"]
    assert [e["kind"] for e in entries] == ["reversal", "activity"]
    rev, orig = entries
    assert rev["id"] == reversal["reversal_entry_id"]
    assert (rev["points"], rev["reverses_entry_id"], rev["activity_id"]) == (-20, orig["id"], out["id"])
    assert (rev["activity_type"], rev["quantity"], rev["external_id"]) == ("proposal_sent", 1, "prop-1")
    assert rev["rule_version_id"] == orig["rule_version_id"]
    assert rev["occurred_at"] == orig["occurred_at"]
    assert orig["reverses_entry_id"] is None
    assert sum(e["points"] for e in entries) == (await rep.ok("get", "/me"))["points_balance"] == 0


async def test_ledger_shows_the_source_of_each_entry(client, org):
    rep = await org.user()
    key = (await org.ok("post", "/api-keys", {"name": "crm"}, status=201))["key"]
    await rep.log("call")
    await rep.ok("post", "/activities/batch", {"activities": [{"type": "email"}]})
    r = await client.post("/api/v1/activities", headers={"authorization": f"Bearer {key}"},
                          json={"type": "deal_won", "value": 100, "user_id": rep.user_id})
    assert r.status_code == 201, r.text
    entries = (await rep.ok("get", "/me/ledger"))["entries"]
    assert [(e["activity_type"], e["source"]) for e in entries] == \
           [("deal_won", "integration"), ("email", "batch"), ("call", "app")]


async def test_each_user_sees_only_their_own_ledger(org):
    rep = await org.user()
    other = await org.user()
    await rep.log("call")
    await org.log("email", user_id=other.user_id)
    assert [e["activity_type"] for e in (await rep.ok("get", "/me/ledger"))["entries"]] == ["call"]
    assert [e["activity_type"] for e in (await other.ok("get", "/me/ledger"))["entries"]] == ["email"]
    assert (await org.ok("get", "/me/ledger"))["entries"] == []


async def test_ledger_limit_bounds(org):
    for limit in (0, 201, -1):
        assert_error(await org.get("/me/ledger", limit=limit), 400, "invalid_request")
    assert_error(await org.get("/me/ledger", before_id=0), 400, "invalid_request")
    assert (await org.ok("get", "/me/ledger", limit=200))["entries"] == []
