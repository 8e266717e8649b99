"""Deactivated reps stay off the boards; activities never leak between reps."""

from __future__ import annotations


async def test_deactivated_rep_cannot_log_with_a_still_valid_token(org):
    rep = await org.user(display_name="Gone Soon")
    await rep.log("call")
    await org.ok("patch", f"/users/{rep.user_id}", {"active": False})
    r = await rep.post("/activities", {"type": "call"})
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "account_disabled"
    board = await org.board(window="day")
    assert rep.user_id not in [e["user_id"] for e in board["entries"]]
    me = await org.ok("get", "/me")
    assert me["rank_today"] == {"rank": board["total"] + 1, "score": 0}


async def test_an_external_id_of_another_reps_activity_is_refused_not_shown(org):
    ann = await org.user()
    bob = await org.user()
    await ann.log("call", external_id="crm-1")
    r = await bob.post("/activities", {"type": "call", "external_id": "crm-1"})
    assert r.status_code == 409 and r.json()["error"]["code"] == "external_id_taken"
    batch = await org.ok("post", "/activities/batch", {"activities": [
        {"type": "call", "user_id": bob.user_id, "external_id": "crm-2"},
        {"type": "call", "user_id": ann.user_id, "external_id": "crm-2"}]})
    assert [x["status"] for x in batch["results"]] == [201, 409]
