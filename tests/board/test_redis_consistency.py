"""The Redis boards stay equal to the SQL ledger: under concurrent posts, through reversals
and retries, per org, and after Redis loses everything (rebuilt from the ledger)."""

from __future__ import annotations

import asyncio
import random
import re
from datetime import UTC, datetime, timedelta

import pytest
from redis.crc import key_slot

from server.board import keys
from server.board.ranking import unpack_metric
from server.core.edge import abuse
from server.core.events import EntryFacts
from server.ledger import sync as board_sync
from tests.conftest import new_org
from tests.support.boards import (
    WINDOWS,
    add_rep,
    all_boards,
    board_snapshot,
    expected_boards,
    fresh_org,
    iso,
    ledger_sums,
    pending_ids,
    private_stack,
    ranked,
    scores,
)


@pytest.fixture(scope="module")
async def private(database_url):
    """An app on a redis-server of its own (the tests here flush it), on the test database."""
    async with private_stack(database_url) as stack:
        yield stack


async def test_200_concurrent_posts_leave_boards_equal_to_the_ledger(client, rt):
    admin = await fresh_org(client)
    reps = [await add_rep(admin) for _ in range(20)]
    rnd = random.Random(7)
    items = [{"type": rnd.choice(["call", "email", "meeting_booked"]), "quantity": rnd.randint(1, 4),
              "user_id": reps[i % 20]} for i in range(200)]
    responses = await asyncio.gather(*(admin.post("/activities", item) for item in items))
    assert [r.status_code for r in responses] == [201] * 200
    bodies = [r.json() for r in responses]
    assert all(b["boards_updated"] for b in bodies)
    sums = await ledger_sums(rt, admin.org_id)
    assert sum(sums["points"].values()) == sum(b["points_awarded"] for b in bodies)
    expected_units = {}
    for item in items:
        per = expected_units.setdefault(item["type"], {})
        per[item["user_id"]] = per.get(item["user_id"], 0) + item["quantity"]
    assert {k: sums[k] for k in expected_units} == expected_units
    assert await all_boards(admin) == expected_boards(sums)
    # The sorted sets themselves hold exactly the ledger sums (metric part of each packed score).
    for window in WINDOWS:
        period = (await admin.board("points", window=window))["period"]["id"]
        raw = await rt.redis.zrange(keys.board(admin.org_id, "points", window, period), 0, -1, withscores=True)
        assert {int(m): unpack_metric(window, s) for m, s in raw} == sums["points"], window


async def test_reversal_moves_every_board_back(client, rt):
    admin = await fresh_org(client)
    ann, bob = await add_rep(admin), await add_rep(admin)
    call = await admin.log("call", quantity=3, user_id=ann)
    meeting = await admin.log("meeting_booked", user_id=ann)
    await admin.log("call", quantity=1, user_id=bob)
    deal = await admin.log("deal_won", value=5000, user_id=bob)
    assert await all_boards(admin, metrics=("points", "call", "meeting_booked", "deal_won")) == {
        **{("points", w): {ann: 16, bob: 102} for w in WINDOWS},
        **{("call", w): {ann: 3, bob: 1} for w in WINDOWS},
        **{("meeting_booked", w): {ann: 1} for w in WINDOWS},
        **{("deal_won", w): {bob: 5000} for w in WINDOWS},
    }

    out = await admin.ok("post", f"/activities/{meeting['id']}/reverse", status=201)
    assert (out["points_reversed"], out["user_id"], out["boards_updated"]) == (10, ann, True)
    out = await admin.ok("post", f"/activities/{deal['id']}/reverse", status=201)
    assert (out["points_reversed"], out["boards_updated"]) == (100, True)
    assert await all_boards(admin, metrics=("points", "call", "meeting_booked", "deal_won")) == {
        **{("points", w): {ann: 6, bob: 2} for w in WINDOWS},
        **{("call", w): {ann: 3, bob: 1} for w in WINDOWS},
        **{("meeting_booked", w): {} for w in WINDOWS},
        **{("deal_won", w): {} for w in WINDOWS},
    }
    # Back to zero: the rep leaves the boards altogether, and ranks close up.
    await admin.ok("post", f"/activities/{call['id']}/reverse", status=201)
    for window in WINDOWS:
        assert ranked(await admin.board("points", window=window)) == [(1, bob, 2)]
        assert ranked(await admin.board("call", window=window)) == [(1, bob, 1)]
    me = await admin.ok("get", f"/leaderboards/points/around/{ann}", radius=0)
    assert (me["user"]["rank"], me["user"]["score"], me["total"]) == (2, 0, 1)
    assert await all_boards(admin) == expected_boards(await ledger_sums(rt, admin.org_id))
    # No member with a zero score is left behind in any sorted set.
    for key, members in (await board_snapshot(rt.redis, admin.org_id)).items():
        assert str(ann).encode() not in {m for m, _ in members}, key
    r = await admin.post(f"/activities/{call['id']}/reverse")
    assert (r.status_code, r.json()["error"]["code"]) == (409, "already_reversed")
    assert ranked(await admin.board("points")) == [(1, bob, 2)]


async def test_a_repeated_external_id_moves_the_boards_once(client, rt):
    admin = await fresh_org(client)
    rep = await add_rep(admin)
    first = await admin.post("/activities", {"type": "meeting_booked", "user_id": rep, "external_id": "crm-1"})
    again = await admin.post("/activities", {"type": "meeting_booked", "user_id": rep, "external_id": "crm-1"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["duplicate"] is True and again.json()["boards_updated"] is False
    assert again.json()["id"] == first.json()["id"]
    # The same retry racing itself: exactly one is new.
    racing = await asyncio.gather(*(admin.post("/activities", {"type": "call", "quantity": 2, "user_id": rep,
                                                               "external_id": "crm-2"}) for _ in range(8)))
    assert sorted(r.status_code for r in racing) == [200] * 7 + [201]
    assert len({r.json()["id"] for r in racing}) == 1
    # And inside one batch.
    out = await admin.ok("post", "/activities/batch", {"activities": [
        {"type": "email", "user_id": rep, "external_id": "crm-3"},
        {"type": "email", "user_id": rep, "external_id": "crm-3"}]}, status=200)
    assert (out["accepted"], out["duplicates"]) == (1, 1)
    boards = await all_boards(admin)
    assert boards == {
        **{("points", w): {rep: 10 + 4 + 1} for w in WINDOWS},
        **{("call", w): {rep: 2} for w in WINDOWS},
        **{("email", w): {rep: 1} for w in WINDOWS},
        **{("meeting_booked", w): {rep: 1} for w in WINDOWS},
    }
    assert boards == expected_boards(await ledger_sums(rt, admin.org_id))


async def test_every_key_of_an_org_carries_its_hash_tag_and_orgs_never_mix(private):
    one = await fresh_org(private.client)
    two = await new_org(private.client)
    rep1, rep2 = await add_rep(one), await add_rep(two)
    await one.log("call", user_id=rep1, quantity=2)
    await one.log("deal_won", user_id=rep1, value=10)
    await two.log("meeting_booked", user_id=rep2)
    await board_sync.rebuild_org(private.rt, one.org_id)  # what a rebuild writes counts too
    by_org: dict[int, list[str]] = {}
    async for raw in private.rt.redis.scan_iter(count=1000):
        key = raw.decode()
        if key.startswith(abuse.key_prefix() + ":"):  # the login and sign-up limits: per email or address
            continue
        tagged = re.match(r"rr:\{o(\d+)\}:", key)
        assert tagged, f"key without an org hash tag: {key}"
        by_org.setdefault(int(tagged.group(1)), []).append(key)
    assert keys.tag(one.org_id) == f"rr:{{o{one.org_id}}}"
    for org in (one.org_id, two.org_id):
        org_keys = by_org[org]
        assert keys.meta(org) in org_keys and keys.profiles(org) in org_keys
        assert any(":lb:" in k for k in org_keys) and any(":ap:" in k for k in org_keys)
        assert len({key_slot(k.encode()) for k in org_keys}) == 1  # one cluster slot per org
    for window in WINDOWS:
        assert ranked(await one.board("points", window=window)) == [(1, rep1, 54)]
        assert ranked(await two.board("points", window=window)) == [(1, rep2, 10)]
        assert (await two.board("call", window=window))["entries"] == []
        assert (await two.board("deal_won", window=window))["entries"] == []


async def _populated_org(private):
    """An org with a bit of everything the boards hold."""
    admin = await fresh_org(private.client)
    ann, bob, cid, dee = [await add_rep(admin, display_name=n) for n in ("Ann", "Bob", "Cid", "Dee")]
    await admin.log("call", quantity=4, user_id=ann)
    await admin.log("meeting_booked", user_id=bob)
    await admin.log("deal_won", value=12345.6, user_id=cid)
    await admin.log("email", quantity=3, user_id=dee)
    gone = await admin.log("proposal_sent", user_id=bob)
    await admin.ok("post", f"/activities/{gone['id']}/reverse", status=201)
    backdated = datetime_days_ago(2)
    await admin.log("opportunity_created", user_id=ann, occurred_at=iso(backdated))
    await admin.log("call", quantity=2, user_id=dee, occurred_at=iso(datetime_days_ago(6)))
    await admin.ok("patch", f"/users/{dee}", {"active": False})
    return admin, {"ann": ann, "bob": bob, "cid": cid, "dee": dee}


def datetime_days_ago(days: int) -> datetime:
    return datetime.now(UTC) - timedelta(days=days)


async def _ttls(redis, snapshot) -> dict[str, int]:
    return {key: await redis.ttl(key) for key in snapshot}


def _close(a: dict[str, int], b: dict[str, int]) -> bool:
    return a.keys() == b.keys() and all((a[k] == -1) == (b[k] == -1) and abs(a[k] - b[k]) <= 5 for k in a)


async def test_flushdb_then_rebuild_gives_identical_boards(private):
    admin, _ = await _populated_org(private)
    redis = private.rt.redis
    before = await board_snapshot(redis, admin.org_id)
    ttls = await _ttls(redis, before)
    assert len(before) >= 15 and all(before.values())
    api_before = await all_boards(admin, metrics=("points", "call", "deal_won", "opportunity_created"))

    await redis.flushdb()
    assert await board_snapshot(redis, admin.org_id) == {}
    report = await board_sync.rebuild_org(private.rt, admin.org_id)
    assert report is not None
    assert (report.org_id, report.entries, report.boards) == (admin.org_id, 8, len(before))
    after = await board_snapshot(redis, admin.org_id)
    assert after == before
    assert _close(await _ttls(redis, after), ttls)
    assert await redis.hget(keys.meta(admin.org_id), "epoch") == report.epoch.encode()
    assert await all_boards(admin, metrics=("points", "call", "deal_won", "opportunity_created")) == api_before
    # Rebuilding again changes nothing; rebuild_all does the same for every org named.
    (again,) = await board_sync.rebuild_all(private.rt, [admin.org_id])
    assert again.epoch != report.epoch
    assert await board_snapshot(redis, admin.org_id) == before


async def test_a_read_after_a_flush_rebuilds_the_view_by_itself(private):
    admin, ids = await _populated_org(private)
    redis = private.rt.redis
    before = await board_snapshot(redis, admin.org_id)
    page_before = await admin.board("points", window="week")
    await redis.flushdb()
    await admin.get("/leaderboards/points", window="week")
    await private.rebuilt(admin.org_id)
    assert await board_snapshot(redis, admin.org_id) == before
    assert await admin.board("points", window="week") == page_before
    # A segment read notices too.
    await redis.flushdb()
    await admin.get("/leaderboards/points", window="week", segment="region:none")
    await private.rebuilt(admin.org_id)
    assert await board_snapshot(redis, admin.org_id) == before


async def test_a_write_after_a_flush_rebuilds_the_view_by_itself(private):
    admin, ids = await _populated_org(private)
    redis = private.rt.redis
    await redis.flushdb()
    out = await admin.log("meeting_held", user_id=ids["cid"])
    assert out["boards_updated"] is False
    await private.rebuilt(admin.org_id)
    sums = await ledger_sums(private.rt, admin.org_id)
    boards = await all_boards(admin, metrics=("points", "meeting_held"))
    assert boards[("meeting_held", "day")] == {ids["cid"]: 1}
    live = {u: s for u, s in sums["points"].items() if u != ids["dee"]}  # dee is deactivated
    assert boards[("points", "all")] == live
    assert await pending_ids(private.rt, admin.org_id) == []  # the rebuild marked what it put on the boards
    # The entry the rebuild already counted is not counted again when the catch-up re-sends it.
    facts = EntryFacts(out["ledger_entry_id"], ids["cid"], "meeting_held", False, 15, 1, 0,
                       datetime.fromisoformat(out["occurred_at"]), datetime.fromisoformat(out["recorded_at"]))
    assert await board_sync.apply_entries(private.rt, admin.org_id, [facts]) is True
    assert scores(await admin.board("points", window="all")) == live
    assert scores(await admin.board("meeting_held", window="all")) == {ids["cid"]: 1}
