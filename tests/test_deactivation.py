"""A deactivated rep is off the boards and cannot log, even with an access token still valid."""

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
