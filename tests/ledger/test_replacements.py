"""`ingest.record` with reversals and a `within` step: an activity replaced by another (a CRM
deal re-priced) commits with the caller's own rows, or nothing of it does."""

from __future__ import annotations

import pytest

from server.core.auth import Principal
from server.ledger.ingest import ActivityInput, Committing, record
from tests.support.api import balance, type_key


def crm(org_id: int) -> Principal:
    return Principal(org_id=org_id, role="integration")


async def test_a_replacement_reverses_the_old_and_records_the_new_in_one_transaction(rt, org):
    rep = await org.user()
    (first,) = await record(rt, crm(org.org_id), [ActivityInput("call", 2, external_id="r-1", user_id=rep.user_id)])
    assert first.recorded is not None
    seen: list[Committing] = []

    async def within(conn, done: Committing) -> None:
        seen.append(done)

    (second,) = await record(rt, crm(org.org_id), [ActivityInput(
        "call", 5, external_id="r-1#2", user_id=rep.user_id, source="hubspot", replaces=first.recorded.id)],
        within=within)
    assert second.recorded is not None and second.recorded.source == "hubspot"
    (done,) = seen
    assert done.activity_ids == [second.recorded.id] and done.fresh == [True] and done.errors == [None]
    assert set(done.reversal_entry_ids) == {first.recorded.id}
    assert await balance(rep) == 10
    ledger = (await rep.ok("get", "/me/ledger"))["entries"]
    assert [(e["kind"], e["points"], e["external_id"]) for e in ledger] == [
        ("activity", 10, "r-1#2"), ("reversal", -4, "r-1"), ("activity", 4, "r-1")]


async def test_when_within_raises_neither_the_reversal_nor_the_new_activity_is_kept(rt, org):
    rep = await org.user()
    (first,) = await record(rt, crm(org.org_id), [ActivityInput("call", 1, external_id="x-1", user_id=rep.user_id)])

    async def fail(conn, done: Committing) -> None:
        raise RuntimeError("the caller's rows could not be written")

    with pytest.raises(RuntimeError):
        await record(rt, crm(org.org_id), [ActivityInput("call", 3, external_id="x-1#2", user_id=rep.user_id,
                                                         replaces=first.recorded.id)], within=fail)
    assert await balance(rep) == 2
    assert [e["kind"] for e in (await rep.ok("get", "/me/ledger"))["entries"]] == ["activity"]


async def test_a_refused_replacement_leaves_the_old_activity_alone(rt, org):
    rep = await org.user()
    (first,) = await record(rt, crm(org.org_id), [ActivityInput("call", 1, external_id="y-1", user_id=rep.user_id)])
    (refused,) = await record(rt, crm(org.org_id), [ActivityInput("no_such_type", 1, external_id="y-1#2",
                                                                  user_id=rep.user_id, replaces=first.recorded.id)])
    assert refused.error is not None and refused.error.code == "unknown_activity_type"
    assert await balance(rep) == 2


async def test_units_a_replaced_activity_released_count_for_its_replacement(rt, org):
    rep = await org.user()
    key = await type_key(org, points=7, daily_cap=1)
    (first,) = await record(rt, crm(org.org_id), [ActivityInput(key, 1, external_id="c-1", user_id=rep.user_id)])
    assert first.recorded.points_awarded == 7  # the day's one unit is taken
    (again,) = await record(rt, crm(org.org_id), [ActivityInput(key, 1, external_id="c-1#2", user_id=rep.user_id,
                                                                replaces=first.recorded.id)])
    assert again.recorded.points_awarded == 7  # priced after the reversal gave the unit back
    assert await balance(rep) == 7


async def test_reversing_what_was_reversed_before_is_left_alone(rt, org):
    rep = await org.user()
    (first,) = await record(rt, crm(org.org_id), [ActivityInput("email", 1, external_id="z-1", user_id=rep.user_id)])
    await org.ok("post", f"/activities/{first.recorded.id}/reverse", status=201)
    seen: list[Committing] = []

    async def within(conn, done: Committing) -> None:
        seen.append(done)

    await record(rt, crm(org.org_id), [], reverse=[first.recorded.id], within=within)
    assert seen[0].reversal_entry_ids == {first.recorded.id: None}
    assert await balance(rep) == 0
