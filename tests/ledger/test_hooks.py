"""The extension points of the activity path (server/services/hooks.py, effects.py): what a
feature adds inside the activity's transaction commits with it, reaches the boards and the
response, and a reversal or a non-activity event gets the same treatment."""

from __future__ import annotations

from sqlalchemy import select

from server.core import events
from server.features import registry
from server.ledger import effects
from server.social.models import FeedItem
from tests.support.api import noon_org


async def test_an_activity_hook_adds_a_bonus_that_commits_boards_and_answers_with_the_activity(client, installed):
    org = await noon_org(client)
    rep = await org.user(display_name="Ria")
    seen: list[events.FreshActivity] = []

    async def bonus(rt, conn, batch: events.ActivityBatch):
        for a in batch.activities:
            if a.user_id == rep.user_id:
                seen.append(a)
                batch.add_entry(user_id=a.user_id, kind="test_bonus", points=5, occurred_at=a.occurred_at,
                                activity_id=a.activity_id, cause=events.Cause("test", 7, 2))
                batch.unlock(a.activity_id, "badges_earned", {"key": "first_call"})
                batch.unlock(a.activity_id, "streak", {"current": 1})

    installed(registry().activity_hooks, bonus)
    out = await rep.log("call", quantity=2)
    assert out["points_awarded"] == 4
    assert out["unlocked"] == {"badges_earned": [{"key": "first_call"}], "streak": {"current": 1}}
    assert [(a.activity_id, a.type_key, a.quantity, a.points) for a in seen] == [(out["id"], "call", 2, 4)]
    ledger = (await rep.ok("get", "/me/ledger"))["entries"]
    assert [(e["kind"], e["points"], e["cause"]) for e in ledger] == [
        ("test_bonus", 5, {"kind": "test", "id": 7, "version": 2}), ("activity", 4, None)]
    board = await org.board("points", window="day")
    assert [(e["user_id"], e["score"]) for e in board["entries"]] == [(rep.user_id, 9)]
    assert (await org.board("call", window="day"))["entries"][0]["score"] == 2  # a bonus moves points only

    again = await rep.log("call", external_id="dup-1")
    dup = await rep.log("call", external_id="dup-1")
    assert dup["duplicate"] is True and dup["unlocked"] == {}  # a retry reaches no hook
    assert len(seen) == 2 and seen[-1].activity_id == again["id"]


async def test_a_failing_hook_rolls_the_activity_back(client, installed):
    org = await noon_org(client)
    rep = await org.user()

    async def broken(rt, conn, batch):
        raise RuntimeError("storage failed")

    installed(registry().activity_hooks, broken)
    r = await rep.post("/activities", {"type": "call"})
    assert r.status_code == 500
    assert (await rep.ok("get", "/me/ledger"))["entries"] == []
    assert (await org.board("points", window="day"))["entries"] == []


async def test_a_won_deal_is_written_to_the_feed_once(client, app):
    org = await noon_org(client)
    rep = await org.user()
    won = await org.log("deal_won", user_id=rep.user_id, value=5000, external_id="deal-9")
    await org.log("deal_won", user_id=rep.user_id, value=5000, external_id="deal-9")  # CRM retry
    await rep.log("call")  # not a win
    async with app.state.rt.engine.connect() as conn:
        rows = (await conn.execute(select(FeedItem.__table__).where(FeedItem.org_id == org.org_id))).all()
    assert [r.kind for r in rows] == ["win", "level_up"]  # the win's 175 points took the rep to level 2
    rows = [r for r in rows if r.kind == "win"]
    assert [(r.kind, r.user_id, r.actor_user_id, r.ref, r.data["activity_id"], r.data["value"]) for r in rows] == [
        ("win", rep.user_id, org.user_id, f"activity:{won['id']}", won["id"], 5000.0)]


async def test_reversal_hooks_see_the_original_and_their_entries_move_back(client, installed):
    org = await noon_org(client)
    rep = await org.user()
    got: list[events.ReversalBatch] = []

    async def on_activity(rt, conn, batch):
        for a in batch.activities:
            batch.add_entry(user_id=a.user_id, kind="test_bonus", points=3, occurred_at=a.occurred_at,
                            activity_id=a.activity_id, cause=events.Cause("test"))

    async def on_reverse(rt, conn, rb: events.ReversalBatch):
        got.append(rb)
        rb.add_entry(user_id=rb.user_id, kind="test_bonus_reversal", points=-3, occurred_at=rb.occurred_at,
                     activity_id=rb.activity_id, cause=events.Cause("test"))

    installed(registry().activity_hooks, on_activity)
    installed(registry().reversal_hooks, on_reverse)
    out = await rep.log("meeting_booked")
    assert (await org.board("points", window="day"))["entries"][0]["score"] == out["points_awarded"] + 3
    await org.ok("post", f"/activities/{out['id']}/reverse")
    assert [(r.activity_id, r.user_id, r.type_key, r.quantity, r.points) for r in got] == [
        (out["id"], rep.user_id, "meeting_booked", 1, out["points_awarded"])]
    assert (await org.board("points", window="day"))["entries"] == []


async def test_effects_emit_runs_achievement_hooks_in_rounds_and_pays_through_the_ledger(client, app, installed):
    org = await noon_org(client)
    rep = await org.user()
    rt = app.state.rt
    kinds: list[str] = []

    async def react(rt_, conn, eb: events.EventBatch):
        for ev in eb.events:
            kinds.append(ev.kind)
            if ev.kind == "contest_won":  # a badge for the win, which raises its own event
                eb.add_entry(user_id=ev.user_id, kind="badge_bonus", points=50, occurred_at=eb.now,
                             cause=events.Cause("badge", 1, 1))
                eb.more.append(events.Achievement("badge_earned", ev.user_id, ref="badge:winner"))
                eb.feed.append(events.FeedItem("badge", ev.user_id, {"badge": "winner"}, ref=f"winner:{ev.user_id}"))

    installed(registry().achievement_hooks, react)
    async with rt.engine.begin() as conn:
        done = await effects.emit(rt, conn, org.org_id, [events.Achievement("contest_won", rep.user_id, ref="c:1")],
                                  actor_user_id=org.user_id,
                                  entries=[events.entry_row(org.org_id, user_id=rep.user_id, kind="prize", points=100,
                                                            now=_now(), cause=events.Cause("contest", 1, 1))])
    assert await effects.finish(rt, org.org_id, done) is True
    assert kinds == ["contest_won", "badge_earned"]
    ledger = (await rep.ok("get", "/me/ledger"))["entries"]
    assert sorted((e["kind"], e["points"]) for e in ledger) == [("badge_bonus", 50), ("prize", 100)]
    assert (await org.board("points", window="day"))["entries"][0]["score"] == 150


async def test_wallet_entries_change_the_balance_but_not_the_boards(client, app):
    org = await noon_org(client)
    rep = await org.user()
    await rep.log("meeting_booked")
    before = await rep.ok("get", "/me")
    rt = app.state.rt
    async with rt.engine.begin() as conn:
        done = await effects.emit(rt, conn, org.org_id, [], entries=[
            events.entry_row(org.org_id, user_id=rep.user_id, kind="redemption", points=-5, now=_now(),
                             cause=events.Cause("reward", 1))])
    await effects.finish(rt, org.org_id, done)
    board = await org.board("points", window="day")
    assert board["entries"][0]["score"] == before["points_balance"]
    assert (await rep.ok("get", "/me"))["points_balance"] == before["points_balance"] - 5
    from server.ledger.sync import rebuild_org

    await rebuild_org(rt, org.org_id)
    assert (await org.board("points", window="day"))["entries"][0]["score"] == before["points_balance"]


def _now():
    from datetime import UTC, datetime

    return datetime.now(UTC)
