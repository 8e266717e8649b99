"""The org feed over HTTP: every kind of item (kudos, wins, and what other features write:
badges, contest results, streak milestones) newest first with names, cursor paging, the kinds
filter, reactions (one per user and emoji, counts, `reacted`), realtime reaction events,
and org isolation."""

from __future__ import annotations

from datetime import UTC, datetime

from server.core import events
from server.ledger import effects
from tests.conftest import new_org
from tests.social.support import feed, feed_frames, kudos
from tests.support.api import assert_error


async def _other_feature_items(rt, org_id: int, user_id: int, tag: str) -> None:
    """Items as the badges, contests and streaks features write them: through effects.emit."""
    async with rt.engine.begin() as conn:
        done = await effects.emit(rt, conn, org_id, [], feed_items=[
            events.FeedItem("badge", user_id, {"badge": "first_deal"}, ref=f"badge:{tag}"),
            events.FeedItem("contest_result", user_id, {"contest_id": 7, "place": 1}, ref=f"contest:{tag}"),
            events.FeedItem("streak_milestone", user_id, {"days": 30}, ref=f"streak:{tag}")])
    await effects.finish(rt, org_id, done)


async def test_feed_combines_every_kind_newest_first(client, org, rt):
    ann = await org.user(display_name="Ann")
    bob = await org.user(display_name="Bob")
    win = await org.log("deal_won", value=12_000, user_id=ann.user_id)
    k = await kudos(bob, ann, "huge win", points=3)
    await _other_feature_items(rt, org.org_id, bob.user_id, "a")
    items = (await feed(ann))["items"]
    # the win took Ann to level 2: the level-up is on the feed with it (docs/mechanics.md)
    assert [i["kind"] for i in items] == ["streak_milestone", "contest_result", "badge", "kudos", "level_up", "win"]
    assert items[4]["data"] == {"level": 2, "tier": "rookie"} and items[4]["user_id"] == ann.user_id
    ids = [i["id"] for i in items]
    assert ids == sorted(ids, reverse=True)
    w = items[-1]
    assert (w["user_id"], w["display_name"], w["actor_user_id"], w["actor_display_name"]) == (
        ann.user_id, "Ann", org.user_id, "Admin")
    assert w["data"] == {"activity_id": win["id"], "activity_type": "deal_won", "value": 12_000.0,
                         "points": win["points_awarded"]}
    assert items[3]["data"]["kudos_id"] == k["id"] and items[3]["actor_display_name"] == "Bob"
    assert items[0]["data"] == {"days": 30} and items[0]["display_name"] == "Bob" and items[0]["actor_user_id"] is None
    datetime.fromisoformat(items[0]["at"].replace("Z", "+00:00")).astimezone(UTC)
    # the same event written twice posts once
    await _other_feature_items(rt, org.org_id, bob.user_id, "a")
    assert len((await feed(ann))["items"]) == 6


async def test_paging_and_kinds_filter(client, org, rt):
    ann, bob, cy = await org.user(), await org.user(), await org.user()
    for i in range(5):
        await kudos(ann, (bob, cy)[i % 2], f"#{i}")
    await _other_feature_items(rt, org.org_id, bob.user_id, "p")
    first = await feed(ann, limit=3)
    assert len(first["items"]) == 3 and first["next_before_id"] == first["items"][-1]["id"]
    second = await feed(ann, limit=3, before_id=first["next_before_id"])
    third = await feed(ann, limit=3, before_id=second["next_before_id"])
    all_ids = [i["id"] for page in (first, second, third) for i in page["items"]]
    assert len(all_ids) == 8 == len(set(all_ids)) and all_ids == sorted(all_ids, reverse=True)
    assert third["next_before_id"] is None
    only = await feed(ann, kinds="kudos")
    assert [i["data"]["message"] for i in only["items"]] == ["#4", "#3", "#2", "#1", "#0"]
    both = await ann.client.get("/api/v1/feed", headers=ann.headers, params=[("kinds", "badge"), ("kinds", "streak_milestone")])
    assert sorted(i["kind"] for i in both.json()["items"]) == ["badge", "streak_milestone"]
    assert {i["kind"] for i in (await feed(ann, kinds="badge,contest_result"))["items"]} == {"badge",
                                                                                          "contest_result"}
    assert (await feed(ann, kinds="nothing_like_this"))["items"] == []
    assert_error(await ann.get("/feed", kinds=",".join(f"k{i}" for i in range(21))), 400, "invalid_kinds")
    assert_error(await ann.get("/feed", limit=0), 400, "invalid_request")


async def test_reactions_count_once_per_user_and_emoji(client, org, rt):
    ann, bob, cy = await org.user(), await org.user(), await org.user()
    item_id = (await kudos(ann, bob, "nice"))["feed_item_id"]
    path = f"/feed/{item_id}/reactions"
    out = await bob.ok("post", path, {"emoji": "👏"})
    assert out == {"id": item_id, "reactions": [{"emoji": "👏", "count": 1, "reacted": True}]}
    assert (await bob.ok("post", path, {"emoji": "clap"}))["reactions"][0]["count"] == 1  # same reaction again
    await cy.ok("post", path, {"emoji": "👏"})
    await cy.ok("post", path, {"emoji": "❤"})
    item = (await feed(bob))["items"][0]
    assert item["reactions"] == [{"emoji": "👏", "count": 2, "reacted": True},
                                 {"emoji": "❤️", "count": 1, "reacted": False}]
    assert (await feed(cy))["items"][0]["reactions"] == [{"emoji": "👏", "count": 2, "reacted": True},
                                                         {"emoji": "❤️", "count": 1, "reacted": True}]
    # remove with a body, and with the query parameter; removing twice is harmless
    r = await cy.client.request("DELETE", f"/api/v1{path}", headers=cy.headers, json={"emoji": "heart"})
    assert r.status_code == 200 and r.json()["reactions"] == [{"emoji": "👏", "count": 2, "reacted": True}]
    r = await bob.client.delete(f"/api/v1{path}", headers=bob.headers, params={"emoji": "👏"})
    assert r.json()["reactions"] == [{"emoji": "👏", "count": 1, "reacted": False}]
    r = await bob.client.delete(f"/api/v1{path}", headers=bob.headers, params={"emoji": "👏"})
    assert r.status_code == 200 and r.json()["reactions"][0]["count"] == 1
    frames = [f for f in await feed_frames(rt, org.org_id) if f.get("kind") == "reaction"]
    assert [(f["id"], f["emoji"], f["count"], f["action"]) for f in frames[-5:]] == [
        (item_id, "👏", 1, "added"), (item_id, "👏", 2, "added"), (item_id, "❤️", 1, "added"),
        (item_id, "❤️", 0, "removed"), (item_id, "👏", 1, "removed")]
    assert frames[-1]["user_id"] == bob.user_id


async def test_reaction_refusals_and_isolation(client, org):
    ann, bob = await org.user(), await org.user()
    item_id = (await kudos(ann, bob, "hi"))["feed_item_id"]
    assert_error(await bob.post(f"/feed/{item_id}/reactions", {"emoji": "💩"}), 400, "unknown_emoji")
    assert_error(await bob.post(f"/feed/{item_id}/reactions", {}), 400, "invalid_request")
    assert_error(await bob.delete(f"/feed/{item_id}/reactions"), 400, "emoji_required")
    assert_error(await bob.post("/feed/999999999/reactions", {"emoji": "👏"}), 404, "feed_item_not_found")
    other = await new_org(client)
    stranger = await other.user()
    assert_error(await stranger.post(f"/feed/{item_id}/reactions", {"emoji": "👏"}), 404, "feed_item_not_found")
    assert (await feed(stranger))["items"] == []
    assert (await feed(bob))["items"][0]["reactions"] == []


async def test_a_display_reads_the_feed_but_cannot_react(client, org):
    ann, bob = await org.user(), await org.user()
    item_id = (await kudos(ann, bob, "on the TV"))["feed_item_id"]
    await bob.ok("post", f"/feed/{item_id}/reactions", {"emoji": "🎉"})
    d = await org.ok("post", "/displays", {"name": "Lobby"}, status=201)
    paired = await client.post("/api/v1/displays/pair", json={"code": d["pairing_code"]})
    token = paired.json()["display_token"]
    r = await client.get("/api/v1/feed", headers={"authorization": f"Bearer {token}"})
    assert r.status_code == 200
    assert r.json()["items"][0]["reactions"] == [{"emoji": "🎉", "count": 1, "reacted": False}]
    r = await client.post(f"/api/v1/feed/{item_id}/reactions", json={"emoji": "🎉"},
                          headers={"authorization": f"Bearer {token}"})
    assert_error(r, 403, "read_only")
