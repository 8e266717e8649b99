"""Group commit: concurrent single posts of one caller share a transaction, and each still gets
the answer it would have got alone."""

from __future__ import annotations

import asyncio

from server.features import registry
from server.ledger.group_commit import single_posts
from tests.support.api import assert_error, noon_org


async def test_concurrent_posts_are_grouped_and_each_gets_its_own_answer(client, app):
    org = await noon_org(client)
    rep = await org.user()
    rt = app.state.rt
    groups, posts = single_posts(rt).groups, single_posts(rt).posts
    bodies = [{"type": "call", "user_id": rep.user_id, "quantity": 1} for _ in range(30)]
    bodies += [{"type": "no_such_type", "user_id": rep.user_id},
               {"type": "meeting_booked", "user_id": rep.user_id, "external_id": "crm-1"},
               {"type": "meeting_booked", "user_id": rep.user_id, "external_id": "crm-1"},
               {"type": "call", "user_id": 10**9}]
    answers = await asyncio.gather(*(org.post("/activities", b) for b in bodies))
    statuses = [r.status_code for r in answers]
    assert statuses[:30] == [201] * 30
    assert_error(answers[30], 400, "unknown_activity_type")
    assert sorted(statuses[31:33]) == [200, 201]  # the repeat answers like a retry
    assert answers[31].json()["id"] == answers[32].json()["id"]
    assert_error(answers[33], 404, "user_not_found")
    assert single_posts(rt).posts - posts == len(bodies)
    assert single_posts(rt).groups - groups < len(bodies) // 2  # they really shared transactions
    # Exact totals: 30 calls x 2 points (daily cap 50 calls) + one meeting booked.
    board = await org.board("points", window="day")
    assert [(e["user_id"], e["score"]) for e in board["entries"]] == [(rep.user_id, 30 * 2 + 10)]
    ledger = (await rep.ok("get", "/me/ledger", limit=100))["entries"]
    assert len(ledger) == 31


async def test_one_poisonous_post_does_not_fail_its_group(client, app, installed):
    org = await noon_org(client)
    rep = await org.user()

    async def broken(rt, conn, batch):
        if any(a.quantity == 13 for a in batch.activities):
            raise RuntimeError("a feature hook failed")

    installed(registry().activity_hooks, broken)
    bodies = [{"type": "call", "user_id": rep.user_id, "quantity": q} for q in (1, 2, 13, 3, 4)]
    answers = await asyncio.gather(*(org.post("/activities", b) for b in bodies))
    assert [r.status_code for r in answers] == [201, 201, 500, 201, 201]
    ledger = (await rep.ok("get", "/me/ledger", limit=100))["entries"]
    assert sorted(e["points"] for e in ledger) == [2, 4, 6, 8]
    board = await org.board("points", window="day")
    assert board["entries"][0]["score"] == 20
