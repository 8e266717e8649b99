"""Kudos over HTTP: who may give what to whom, points from the monthly allowance reaching the
recipient's ledger and boards (never the giver's), values, anti-spam limits with Retry-After,
settings, the effects (notice, feed item, achievement) and concurrency on the allowance."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from server.social import store_kudos as kudos_repo
from server.social.rules import month_of
from tests.conftest import new_org
from tests.social.support import captured, feed, feed_frames, kudos, settings
from tests.support.api import assert_error, balance, score_of


async def test_kudos_with_points_reach_the_recipient_ledger_and_board(client, org, rt):
    ann = await org.user(display_name="Ann")
    bob = await org.user(display_name="Bob")
    out = await kudos(ann, bob, "Closed the Acme renewal!", value_tag="customer first", points=15)
    assert out["from_user_id"] == ann.user_id and out["to_user_id"] == bob.user_id
    assert out["value_tag"] == "Customer first" and out["points"] == 15 and out["boards_updated"] is True
    assert out["message"] == "Closed the Acme renewal!"
    assert await balance(bob) == 15
    assert await balance(ann) == 0  # the allowance is not the giver's own points
    ledger = (await bob.ok("get", "/me/ledger"))["entries"]
    assert [(e["kind"], e["points"], e["id"]) for e in ledger] == [("kudos", 15, out["ledger_entry_id"])]
    assert await score_of(bob, bob.user_id) == 15
    assert await score_of(bob, bob.user_id, window="month") == 15
    allowance = await ann.ok("get", "/me/kudos-allowance")
    assert allowance["allowance"] == 100 and allowance["used"] == 15 and allowance["remaining"] == 85
    assert (await bob.ok("get", "/me/kudos-allowance"))["used"] == 0


async def test_kudos_without_points_write_no_ledger_entry(client, org):
    ann, bob = await org.user(), await org.user()
    out = await kudos(ann, bob, "thanks for the intro")
    assert out["points"] == 0 and "ledger_entry_id" not in out and out["value_tag"] is None
    assert (await bob.ok("get", "/me/ledger"))["entries"] == []


async def test_effects_notice_feed_item_and_achievement(client, org, rt):
    ann = await org.user(display_name="Ann Lee")
    bob = await org.user(display_name="Bob Ray")
    with captured("notices") as notices, captured("achievements") as events:
        out = await kudos(ann, bob, "  You rock  ", value_tag="Hustle", points=5)
    (n,) = notices
    assert (n.user_id, n.kind, n.actor_user_id, n.title) == (bob.user_id, "kudos", ann.user_id, "Kudos from Ann Lee")
    assert n.body == "You rock (+5 points)" and n.dedupe_key == f"kudos:{out['id']}"
    (e,) = events
    assert (e.kind, e.user_id, e.ref) == ("kudos_received", bob.user_id, f"kudos:{out['id']}")
    assert e.data["from_user_id"] == ann.user_id and e.data["points"] == 5
    item = (await feed(bob))["items"][0]
    assert item["id"] == out["feed_item_id"] and item["kind"] == "kudos"
    assert (item["user_id"], item["display_name"], item["actor_user_id"], item["actor_display_name"]) == (
        bob.user_id, "Bob Ray", ann.user_id, "Ann Lee")
    assert item["data"] == {"kudos_id": out["id"], "message": "You rock", "value_tag": "Hustle", "points": 5,
                            "from_user_id": ann.user_id, "from_display_name": "Ann Lee"}
    assert item["reactions"] == []
    frame = [f for f in await feed_frames(rt, org.org_id) if f.get("kind") == "kudos"][-1]
    assert frame["id"] == out["feed_item_id"] and frame["user_id"] == bob.user_id
    assert frame["display_name"] == "Bob Ray" and frame["message"] == "You rock"


async def test_refusals(client, org):
    ann, bob = await org.user(), await org.user()
    other = await new_org(client)
    stranger = await other.user()
    assert_error(await ann.post("/kudos", {"to_user_id": ann.user_id, "message": "me!"}), 400, "kudos_to_self")
    assert_error(await ann.post("/kudos", {"to_user_id": stranger.user_id, "message": "hi"}), 404, "user_not_found")
    assert_error(await ann.post("/kudos", {"to_user_id": 10**12, "message": "hi"}), 404, "user_not_found")
    assert_error(await ann.post("/kudos", {"to_user_id": bob.user_id, "message": "   "}), 400, "invalid_message")
    assert_error(await ann.post("/kudos", {"to_user_id": bob.user_id, "message": "x" * 501}), 400,
                 "invalid_message")
    err = assert_error(await ann.post("/kudos", {"to_user_id": bob.user_id, "message": "hi", "value_tag": "Synergy"}),
                       400, "unknown_value_tag")
    assert "Hustle" in err["details"]["values"]
    assert_error(await ann.post("/kudos", {"to_user_id": bob.user_id, "message": "hi", "points": 26}), 400,
                 "too_many_points")
    assert_error(await ann.post("/kudos", {"to_user_id": bob.user_id, "message": "hi", "points": -1}), 400,
                 "invalid_request")
    assert_error(await ann.post("/kudos", {"to_user_id": bob.user_id}), 400, "invalid_request")
    await org.patch(f"/users/{bob.user_id}", {"active": False})
    assert_error(await ann.post("/kudos", {"to_user_id": bob.user_id, "message": "hi"}), 404, "user_not_found")
    key = (await org.ok("post", "/api-keys", {"name": "crm"}))["key"]
    r = await client.post("/api/v1/kudos", json={"to_user_id": ann.user_id, "message": "hi"},
                          headers={"authorization": f"Bearer {key}"})
    assert_error(r, 403, "user_required")
    assert (await ann.ok("get", "/kudos", from_user_id=ann.user_id))["kudos"] == []  # nothing was written


async def test_monthly_allowance_is_shared_across_recipients(client, org):
    await settings(org, monthly_allowance=30, max_points=20)
    ann, bob, cy = await org.user(), await org.user(), await org.user()
    await kudos(ann, bob, points=20)
    err = assert_error(await ann.post("/kudos", {"to_user_id": cy.user_id, "message": "hi", "points": 11}), 409,
                       "allowance_exceeded")
    assert err["details"] == {"remaining": 10, "allowance": 30}
    await kudos(ann, cy, points=10)
    await kudos(ann, cy, "no points is always fine")
    assert (await ann.ok("get", "/me/kudos-allowance"))["remaining"] == 0
    await kudos(bob, cy, points=20)  # Bob's allowance is his own
    assert await balance(cy) == 30


async def test_concurrent_kudos_never_exceed_the_allowance(client, org):
    await settings(org, monthly_allowance=50, max_points=20, per_hour=100, per_day=100, per_pair_day=100)
    ann = await org.user()
    mates = [await org.user() for _ in range(4)]
    rs = await asyncio.gather(*[ann.post("/kudos", {"to_user_id": mates[i % 4].user_id, "message": f"#{i}",
                                                    "points": 20}) for i in range(8)])
    codes = sorted(r.status_code for r in rs)
    assert codes == [201, 201] + [409] * 6, [r.text for r in rs]
    assert (await ann.ok("get", "/me/kudos-allowance"))["used"] == 40
    assert sum([await balance(m) for m in mates]) == 40


async def test_rate_limit_answers_429_with_retry_after(client, org):
    await settings(org, per_hour=2, per_day=5, per_pair_day=5)
    ann, bob, cy = await org.user(), await org.user(), await org.user()
    await kudos(ann, bob)
    await kudos(ann, cy)
    r = await ann.post("/kudos", {"to_user_id": cy.user_id, "message": "one more"})
    err = assert_error(r, 429, "rate_limited")
    retry = int(r.headers["retry-after"])
    assert 3590 <= retry <= 3600 and err["details"] == {"limit": "per_hour", "retry_after_s": retry}
    await kudos(bob, cy)  # another giver is not limited by Ann


async def test_pair_limit(client, org):
    await settings(org, per_pair_day=2)
    ann, bob, cy = await org.user(), await org.user(), await org.user()
    await kudos(ann, bob)
    await kudos(ann, bob)
    r = await ann.post("/kudos", {"to_user_id": bob.user_id, "message": "again"})
    assert assert_error(r, 429, "rate_limited")["details"]["limit"] == "per_pair_day"
    assert 86_390 <= int(r.headers["retry-after"]) <= 86_400
    await kudos(ann, cy)
    await kudos(cy, bob)


async def test_concurrent_kudos_respect_the_rate_limit(client, org):
    await settings(org, per_hour=3, per_day=10, per_pair_day=10)
    ann = await org.user()
    mates = [await org.user() for _ in range(3)]
    rs = await asyncio.gather(*[ann.post("/kudos", {"to_user_id": mates[i % 3].user_id, "message": "go"})
                                for i in range(7)])
    assert sorted(r.status_code for r in rs) == [201] * 3 + [429] * 4


async def test_settings_are_per_org_and_admin_only(client, org):
    rep = await org.user()
    manager = await org.user("manager")
    defaults = await rep.ok("get", "/kudos/settings")
    assert defaults == {"values": ["Customer first", "Team player", "Ownership", "Hustle", "Above and beyond"],
                        "monthly_allowance": 100, "max_points": 25, "per_hour": 10, "per_day": 30,
                        "per_pair_day": 3, "reactions": ["👏", "🎉", "🔥", "❤️", "💪", "🙌"]}
    assert_error(await rep.patch("/kudos/settings", {"monthly_allowance": 5}), 403, "forbidden")
    assert_error(await manager.patch("/kudos/settings", {"monthly_allowance": 5}), 403, "forbidden")
    assert_error(await org.patch("/kudos/settings", {"per_hour": 0}), 400, "invalid_kudos_settings")
    assert_error(await org.patch("/kudos/settings", {"nope": 1}), 400, "invalid_request")
    out = await settings(org, values=["Be bold", "Be kind"], max_points=5)
    assert out["values"] == ["Be bold", "Be kind"] and out["max_points"] == 5 and out["monthly_allowance"] == 100
    assert (await settings(org, per_day=40))["values"] == ["Be bold", "Be kind"]  # other fields kept
    bob = await org.user()
    assert (await kudos(rep, bob, value_tag="be KIND"))["value_tag"] == "Be kind"
    assert_error(await rep.post("/kudos", {"to_user_id": bob.user_id, "message": "hi", "value_tag": "Hustle"}),
                 400, "unknown_value_tag")
    other = await new_org(client)
    assert (await other.ok("get", "/kudos/settings"))["values"][0] == "Customer first"


async def test_list_kudos_filters_pages_and_isolates_orgs(client, org):
    ann, bob, cy = await org.user(), await org.user(), await org.user()
    ids = [(await kudos(ann, bob, f"#{i}"))["id"] for i in range(3)]
    ids.append((await kudos(cy, bob, "from cy"))["id"])
    ids.append((await kudos(bob, ann, "back at you"))["id"])
    page = await cy.ok("get", "/kudos", to_user_id=bob.user_id, limit=2)
    assert [k["id"] for k in page["kudos"]] == [ids[3], ids[2]] and page["next_before_id"] == ids[2]
    page = await cy.ok("get", "/kudos", to_user_id=bob.user_id, limit=2, before_id=ids[2])
    assert [k["id"] for k in page["kudos"]] == [ids[1], ids[0]]
    assert [k["id"] for k in (await cy.ok("get", "/kudos", from_user_id=bob.user_id))["kudos"]] == [ids[4]]
    other = await new_org(client)
    assert (await other.ok("get", "/kudos"))["kudos"] == []


async def test_openapi_documents_the_new_endpoints(client):
    r = await client.get("/schema/openapi.json")
    assert r.status_code == 200, r.text
    paths = r.json()["paths"]
    for p in ("/api/v1/kudos", "/api/v1/feed", "/api/v1/feed/{item_id}/reactions", "/api/v1/rewards",
              "/api/v1/rewards/{reward_id}/redeem", "/api/v1/redemptions/{redemption_id}/{action}",
              "/api/v1/me/wallet", "/api/v1/me/redemptions", "/api/v1/kudos/settings"):
        assert p in paths, p
    assert {"name": "state", "in": "query"}.items() <= next(
        q for q in paths["/api/v1/redemptions"]["get"]["parameters"] if q["name"] == "state").items()



async def test_allowance_resets_at_the_org_local_month_start(client, rt):
    admin = await new_org(client, timezone="Pacific/Auckland")
    ann, bob, cy = await admin.user(), await admin.user(), await admin.user()
    month = month_of(datetime.now(UTC), ZoneInfo("Pacific/Auckland"))
    async with rt.engine.begin() as conn:  # kudos given either side of the local month start
        for at, pts in ((month.start - timedelta(seconds=1), 90), (month.start, 7)):
            await kudos_repo.insert(conn, {"org_id": admin.org_id, "from_user_id": ann.user_id,
                                           "to_user_id": bob.user_id, "message": "x", "value_tag": None,
                                           "points": pts, "created_at": at})
    a = await ann.ok("get", "/me/kudos-allowance")
    assert (a["month"], a["used"], a["remaining"]) == (month.id, 7, 93)
    for to in (bob, cy, bob):
        await kudos(ann, to, points=25)
    err = assert_error(await ann.post("/kudos", {"to_user_id": cy.user_id, "message": "no", "points": 19}), 409,
                       "allowance_exceeded")
    assert err["details"]["remaining"] == 18
