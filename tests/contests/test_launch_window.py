"""A contest launched after its start date counts what reps do from the launch on, unless the
contest says `count_from_start: true`: work done before anyone knew of the contest never wins it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.contests.support import at_iso, contest, finish, result_of
from tests.support.api import iso, noon_org


def _totals(standings: dict) -> dict[int, int]:
    return {s["user_id"]: s["total"] for s in standings["standings"]}


async def _launched_late(admin, **spec):
    """A 3-day contest that started 2 days ago, created as a draft and launched now."""
    made = await contest(admin, days=3, start_offset=-2, launch=False, prizes=[{"place": 1, "points": 50}], **spec)
    assert made["counts_from"] is None  # not launched yet
    return made


async def test_work_before_a_late_launch_does_not_count(client, rt):
    admin = await noon_org(client)
    early, late = await admin.user(), await admin.user()
    made = await _launched_late(admin)
    await early.log("call", quantity=5, occurred_at=iso(datetime.now(UTC) - timedelta(minutes=30)))  # before launch
    launched_at = datetime.now(UTC)
    made = await admin.ok("post", f"/contests/{made['id']}/launch")
    assert made["state"] == "live" and made["count_from_start"] is False
    counts_from = at_iso(made["counts_from"])
    assert launched_at - timedelta(seconds=1) <= counts_from <= datetime.now(UTC)
    assert counts_from > at_iso(made["starts_at"])
    await early.log("call", quantity=4, occurred_at=iso(counts_from - timedelta(seconds=1)))  # backdated before it
    await early.log("call")  # after the launch: counts
    await late.log("call", quantity=2)
    assert _totals(await admin.ok("get", f"/contests/{made['id']}/standings")) == {early.user_id: 1,
                                                                                   late.user_id: 2}
    await rt.redis.flushdb()  # the standings rebuilt from the ledger count from the launch too
    assert _totals(await admin.ok("get", f"/contests/{made['id']}/standings")) == {early.user_id: 1,
                                                                                   late.user_id: 2}
    await finish(rt, made)
    res = await admin.ok("get", f"/contests/{made['id']}/results")
    assert result_of(res, late.user_id)["place"] == 1 and result_of(res, late.user_id)["total"] == 2
    assert result_of(res, early.user_id)["total"] == 1


async def test_count_from_start_counts_the_whole_window(client, rt):
    admin = await noon_org(client)
    early, late = await admin.user(), await admin.user()
    made = await _launched_late(admin, count_from_start=True)
    assert made["count_from_start"] is True
    start = at_iso(made["starts_at"])
    await early.log("call", quantity=5, occurred_at=iso(start + timedelta(minutes=1)))
    made = await admin.ok("post", f"/contests/{made['id']}/launch")
    assert at_iso(made["counts_from"]) == start
    await early.log("call", quantity=4, occurred_at=iso(datetime.now(UTC) - timedelta(minutes=5)))
    await early.log("call", quantity=3, occurred_at=iso(start - timedelta(minutes=1)))  # before the start: never
    await late.log("call", quantity=2)
    assert _totals(await admin.ok("get", f"/contests/{made['id']}/standings")) == {early.user_id: 9,
                                                                                   late.user_id: 2}
    await finish(rt, made)
    res = await admin.ok("get", f"/contests/{made['id']}/results")
    assert result_of(res, early.user_id)["place"] == 1 and result_of(res, early.user_id)["total"] == 9


async def test_a_contest_launched_before_its_start_counts_from_the_start(client, rt):
    admin = await noon_org(client)
    made = await contest(admin, days=2, start_offset=1, launch=True)
    assert made["state"] == "scheduled" and made["counts_from"] == made["starts_at"]
    # the switch can be edited before the start, like every rule
    edited = await admin.ok("patch", f"/contests/{made['id']}", {"count_from_start": True})
    assert edited["count_from_start"] is True and edited["counts_from"] == made["starts_at"]
