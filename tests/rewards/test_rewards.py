"""Rewards over HTTP: the catalog (admins manage, reps see what is active), the wallet read
from the ledger, redemptions that hold points and stock, admin decisions that happen exactly
once (refunds included), the leaderboards untouched by spending, and no double spending
under concurrency."""

from __future__ import annotations

import asyncio

from server.ledger import sync as board_sync
from tests.conftest import new_org
from tests.social.support import earn, reward, wallet
from tests.support.api import assert_error, balance, score_of


async def test_catalog_is_managed_by_admins_and_scoped_to_the_org(client, org):
    rep = await org.user()
    manager = await org.user("manager")
    mug = await reward(org, cost=50, stock=10, name="Mug", description="A RepRally mug")
    assert {k: mug[k] for k in ("name", "description", "cost", "stock", "active")} == {
        "name": "Mug", "description": "A RepRally mug", "cost": 50, "stock": 10, "active": True}
    hidden = await reward(org, cost=10, name="Retired", active=False)
    day_off = await reward(org, cost=500, name="Day off")
    assert [r["name"] for r in (await rep.ok("get", "/rewards"))["rewards"]] == ["Mug", "Day off"]
    assert [r["name"] for r in (await rep.ok("get", "/rewards", include_inactive="true"))["rewards"]] == [
        "Mug", "Day off"]  # reps never see retired rewards
    assert [r["name"] for r in (await org.ok("get", "/rewards", include_inactive="true"))["rewards"]] == [
        "Retired", "Mug", "Day off"]
    assert_error(await rep.get(f"/rewards/{hidden['id']}"), 404, "reward_not_found")
    assert (await rep.ok("get", f"/rewards/{day_off['id']}"))["cost"] == 500
    for who in (rep, manager):
        assert_error(await who.post("/rewards", {"name": "x", "cost": 1}), 403, "forbidden")
        assert_error(await who.patch(f"/rewards/{mug['id']}", {"cost": 1}), 403, "forbidden")
    changed = await org.ok("patch", f"/rewards/{mug['id']}", {"cost": 60, "stock": None})
    assert changed["cost"] == 60 and changed["stock"] is None and changed["name"] == "Mug"
    assert (await org.ok("patch", f"/rewards/{mug['id']}", {}))["cost"] == 60
    assert_error(await org.post("/rewards", {"name": "x", "cost": 0}), 400, "invalid_request")
    assert_error(await org.post("/rewards", {"name": "x", "cost": 5, "stock": -1}), 400, "invalid_request")
    assert_error(await org.post("/rewards", {"name": "", "cost": 5}), 400, "invalid_request")
    other = await new_org(client)
    assert_error(await other.get(f"/rewards/{mug['id']}"), 404, "reward_not_found")
    assert_error(await other.patch(f"/rewards/{mug['id']}", {"cost": 1}), 404, "reward_not_found")
    assert (await other.ok("get", "/rewards"))["rewards"] == []


async def test_redeem_holds_points_and_stock_then_approve_and_fulfil(client, org):
    rep = await org.user()
    await earn(org, rep, 300)
    mug = await reward(org, cost=120, stock=2)
    red = await rep.ok("post", f"/rewards/{mug['id']}/redeem", {"note": "blue please"}, status=201)
    assert (red["state"], red["cost"], red["user_id"], red["note"]) == ("pending", 120, rep.user_id, "blue please")
    assert await wallet(rep) == {"balance": 180, "earned": 300, "held": 120, "spent": 0}
    assert await balance(rep) == 180  # /me agrees: one ledger, one balance
    ledger = (await rep.ok("get", "/me/ledger"))["entries"]
    assert (ledger[0]["kind"], ledger[0]["points"], ledger[0]["id"]) == ("redemption", -120, red["hold_entry_id"])
    assert (await org.ok("get", f"/rewards/{mug['id']}"))["stock"] == 1
    approved = await org.ok("post", f"/redemptions/{red['id']}/approve")
    assert approved["state"] == "approved" and approved["decided_by_user_id"] == org.user_id
    assert await wallet(rep) == {"balance": 180, "earned": 300, "held": 0, "spent": 120}
    assert_error(await org.post(f"/redemptions/{red['id']}/approve"), 409, "invalid_transition")
    assert_error(await org.post(f"/redemptions/{red['id']}/reject"), 409, "invalid_transition")
    done = await org.ok("post", f"/redemptions/{red['id']}/fulfil", {"note": "handed over"})
    assert done["state"] == "fulfilled" and done["fulfilled_by_user_id"] == org.user_id
    assert done["note"] == "handed over" and done["refund_entry_id"] is None
    assert_error(await org.post(f"/redemptions/{red['id']}/fulfil"), 409, "invalid_transition")
    assert await wallet(rep) == {"balance": 180, "earned": 300, "held": 0, "spent": 120}


async def test_reject_and_cancel_refund_points_and_stock_exactly_once(client, org):
    rep = await org.user()
    await earn(org, rep, 100)
    hat = await reward(org, cost=40, stock=1)
    red = await rep.ok("post", f"/rewards/{hat['id']}/redeem", status=201)
    assert_error(await rep.post(f"/rewards/{hat['id']}/redeem"), 409, "out_of_stock")
    rejected = await org.ok("post", f"/redemptions/{red['id']}/reject", {"note": "sold out at the vendor"})
    assert rejected["state"] == "rejected" and rejected["refund_entry_id"] is not None
    assert_error(await org.post(f"/redemptions/{red['id']}/reject"), 409, "invalid_transition")
    assert_error(await org.post(f"/redemptions/{red['id']}/fulfil"), 409, "invalid_transition")
    assert await wallet(rep) == {"balance": 100, "earned": 100, "held": 0, "spent": 0}
    assert (await org.ok("get", f"/rewards/{hat['id']}"))["stock"] == 1
    kinds = [(e["kind"], e["points"]) for e in (await rep.ok("get", "/me/ledger"))["entries"]]
    assert kinds[:2] == [("redemption_refund", 40), ("redemption", -40)]
    again = await rep.ok("post", f"/rewards/{hat['id']}/redeem", status=201)
    mate = await org.user()
    assert_error(await mate.post(f"/redemptions/{again['id']}/cancel"), 404, "redemption_not_found")
    assert (await rep.ok("post", f"/redemptions/{again['id']}/cancel"))["state"] == "cancelled"
    assert_error(await rep.post(f"/redemptions/{again['id']}/cancel"), 409, "invalid_transition")
    assert_error(await org.post(f"/redemptions/{again['id']}/approve"), 409, "invalid_transition")
    assert (await wallet(rep))["balance"] == 100
    assert (await org.ok("get", f"/rewards/{hat['id']}"))["stock"] == 1


async def test_refusals(client, org):
    rep = await org.user()
    earned = await earn(org, rep, 50)
    gift = await reward(org, cost=51)
    err = assert_error(await rep.post(f"/rewards/{gift['id']}/redeem"), 409, "insufficient_points")
    assert err["details"] == {"balance": 50, "cost": 51}
    off = await reward(org, cost=1, active=False)
    assert_error(await rep.post(f"/rewards/{off['id']}/redeem"), 409, "reward_inactive")
    assert_error(await rep.post("/rewards/999999999/redeem"), 404, "reward_not_found")
    cheap = await reward(org, cost=10)
    red = await rep.ok("post", f"/rewards/{cheap['id']}/redeem", status=201)
    manager = await org.user("manager")
    for who in (rep, manager):
        assert_error(await who.post(f"/redemptions/{red['id']}/approve"), 403, "forbidden")
    assert_error(await org.post(f"/redemptions/{red['id']}/undo"), 400, "invalid_action")
    assert_error(await org.post("/redemptions/999999999/approve"), 404, "redemption_not_found")
    other = await new_org(client)
    assert_error(await other.post(f"/redemptions/{red['id']}/approve"), 404, "redemption_not_found")
    assert_error(await other.post(f"/rewards/{cheap['id']}/redeem"), 404, "reward_not_found")
    assert_error(await other.get(f"/redemptions/{red['id']}"), 404, "redemption_not_found")
    key = (await org.ok("post", "/api-keys", {"name": "crm"}))["key"]
    r = await client.post(f"/api/v1/rewards/{cheap['id']}/redeem", headers={"authorization": f"Bearer {key}"})
    assert_error(r, 403, "user_required")
    # a reversal after spending can leave a rep below zero: they simply cannot redeem until they earn again
    await org.ok("post", f"/activities/{earned['id']}/reverse", status=201)
    assert await wallet(rep) == {"balance": -10, "earned": 0, "held": 10, "spent": 0}
    assert_error(await rep.post(f"/rewards/{cheap['id']}/redeem"), 409, "insufficient_points")


async def test_redemptions_never_move_the_leaderboards(client, org, rt):
    rep = await org.user()
    await earn(org, rep, 200)
    before = {w: await score_of(org, rep.user_id, window=w) for w in ("day", "week", "month", "all")}
    assert set(before.values()) == {200}
    gift = await reward(org, cost=150)
    red = await rep.ok("post", f"/rewards/{gift['id']}/redeem", status=201)
    await org.ok("post", f"/redemptions/{red['id']}/reject")
    red2 = await rep.ok("post", f"/rewards/{gift['id']}/redeem", status=201)
    await org.ok("post", f"/redemptions/{red2['id']}/approve")
    assert (await wallet(rep))["balance"] == 50
    assert {w: await score_of(org, rep.user_id, window=w) for w in before} == before
    await board_sync.rebuild_org(rt, org.org_id)  # the view rebuilt from SQL skips wallet entries too
    assert {w: await score_of(org, rep.user_id, window=w) for w in before} == before
    assert await board_sync.sync_pending(rt) >= 0
    assert {w: await score_of(org, rep.user_id, window=w) for w in before} == before


async def test_concurrent_redemptions_cannot_spend_twice(client, org):
    rep = await org.user()
    await earn(org, rep, 250)
    gift = await reward(org, cost=100)  # unlimited stock: the balance is the limit
    rs = await asyncio.gather(*[rep.post(f"/rewards/{gift['id']}/redeem") for _ in range(8)])
    assert sorted(r.status_code for r in rs) == [201, 201] + [409] * 6, [r.text for r in rs]
    assert {r.json()["error"]["code"] for r in rs if r.status_code == 409} == {"insufficient_points"}
    assert await wallet(rep) == {"balance": 50, "earned": 250, "held": 200, "spent": 0}


async def test_concurrent_redemptions_cannot_oversell_stock(client, org):
    reps = [await org.user() for _ in range(6)]
    for r in reps:
        await earn(org, r, 100)
    tee = await reward(org, cost=30, stock=4)
    # every rep asks twice at once: 12 requests, 4 units, 3 affordable per rep
    rs = await asyncio.gather(*[r.post(f"/rewards/{tee['id']}/redeem") for r in reps for _ in range(2)])
    assert sorted(r.status_code for r in rs) == [201] * 4 + [409] * 8
    assert {r.json()["error"]["code"] for r in rs if r.status_code == 409} == {"out_of_stock"}
    assert (await org.ok("get", f"/rewards/{tee['id']}"))["stock"] == 0
    assert sum([(await wallet(r))["held"] for r in reps]) == 120
    listed = (await org.ok("get", "/redemptions", state="pending"))["redemptions"]
    assert len([x for x in listed if x["reward_id"] == tee["id"]]) == 4


async def test_concurrent_decisions_happen_once(client, org):
    rep = await org.user()
    await earn(org, rep, 100)
    gift = await reward(org, cost=60, stock=3)
    red = await rep.ok("post", f"/rewards/{gift['id']}/redeem", status=201)
    admin2 = await org.user("admin")
    who = [(org, "reject"), (admin2, "reject"), (org, "approve"), (rep, "cancel")] * 2
    rs = await asyncio.gather(*[api.post(f"/redemptions/{red['id']}/{action}") for api, action in who])
    assert sorted(r.status_code for r in rs) == [200] + [409] * 7, [(r.status_code, r.text[:90]) for r in rs]
    final = (await org.ok("get", f"/redemptions/{red['id']}"))["state"]
    refunded = final in ("rejected", "cancelled")
    assert await wallet(rep) == {"balance": 100 if refunded else 40, "earned": 100, "held": 0,
                                 "spent": 0 if refunded else 60}
    assert (await org.ok("get", f"/rewards/{gift['id']}"))["stock"] == (3 if refunded else 2)
    refunds = [e for e in (await rep.ok("get", "/me/ledger"))["entries"] if e["kind"] == "redemption_refund"]
    assert len(refunds) == (1 if refunded else 0)


async def test_lists_for_admins_and_reps(client, org):
    ann, bob = await org.user(), await org.user()
    for r in (ann, bob):
        await earn(org, r, 100)
    gift = await reward(org, cost=10)
    ids = [(await who.ok("post", f"/rewards/{gift['id']}/redeem", status=201))["id"] for who in (ann, bob, ann)]
    await org.ok("post", f"/redemptions/{ids[0]}/approve")
    mine = (await ann.ok("get", "/me/redemptions"))["redemptions"]
    assert [m["id"] for m in mine] == [ids[2], ids[0]]
    assert [m["id"] for m in (await ann.ok("get", "/me/redemptions", state="approved"))["redemptions"]] == [ids[0]]
    assert_error(await ann.get("/redemptions"), 403, "forbidden")
    assert_error(await ann.get(f"/redemptions/{ids[1]}"), 404, "redemption_not_found")
    assert (await ann.ok("get", f"/redemptions/{ids[0]}"))["state"] == "approved"
    page = await org.ok("get", "/redemptions", limit=2)
    assert [p["id"] for p in page["redemptions"]] == [ids[2], ids[1]] and page["next_before_id"] == ids[1]
    rest = await org.ok("get", "/redemptions", limit=2, before_id=page["next_before_id"])
    assert [p["id"] for p in rest["redemptions"]] == [ids[0]] and rest["next_before_id"] is None
    assert [p["id"] for p in (await org.ok("get", "/redemptions", user_id=bob.user_id))["redemptions"]] == [ids[1]]
    assert_error(await org.get("/redemptions", state="lost"), 400, "invalid_request")
    manager = await org.user("manager")
    assert len((await manager.ok("get", "/redemptions"))["redemptions"]) == 3
    other = await new_org(client)
    assert (await other.ok("get", "/redemptions"))["redemptions"] == []


async def test_refund_gives_points_and_stock_back_exactly_once(client, org):
    rep = await org.user()
    await earn(org, rep, 500)
    mug = await reward(org, cost=120, stock=3)
    first = await rep.ok("post", f"/rewards/{mug['id']}/redeem", status=201)
    second = await rep.ok("post", f"/rewards/{mug['id']}/redeem", status=201)
    assert_error(await org.post(f"/redemptions/{first['id']}/refund"), 409, "invalid_transition")  # still pending
    await org.ok("post", f"/redemptions/{first['id']}/approve")
    await org.ok("post", f"/redemptions/{second['id']}/approve")
    await org.ok("post", f"/redemptions/{second['id']}/fulfil")
    assert (await org.ok("get", f"/rewards/{mug['id']}"))["stock"] == 1
    assert await wallet(rep) == {"balance": 260, "earned": 500, "held": 0, "spent": 240}
    manager = await org.user("manager")
    for who in (rep, manager):
        assert_error(await who.post(f"/redemptions/{first['id']}/refund"), 403, "forbidden")
    assert_error(await (await new_org(client)).post(f"/redemptions/{first['id']}/refund"), 404,
                 "redemption_not_found")
    admin2 = await org.user("admin")
    # two admins refund the approved one and the handed-over one, each twice, at once
    rs = await asyncio.gather(*[api.post(f"/redemptions/{r['id']}/refund", {"note": "returned"})
                                for api in (org, admin2) for r in (first, second)])
    assert sorted(r.status_code for r in rs) == [200, 200, 409, 409], [r.text[:90] for r in rs]
    assert await wallet(rep) == {"balance": 500, "earned": 500, "held": 0, "spent": 0}
    assert (await org.ok("get", f"/rewards/{mug['id']}"))["stock"] == 3
    done = await org.ok("get", f"/redemptions/{first['id']}")
    assert (done["state"], done["note"]) == ("refunded", "returned") and done["refund_entry_id"] is not None
    refunds = [(e["kind"], e["points"]) for e in (await rep.ok("get", "/me/ledger"))["entries"]
               if e["kind"] == "redemption_refund"]
    assert refunds == [("redemption_refund", 120), ("redemption_refund", 120)]
    assert_error(await org.post(f"/redemptions/{first['id']}/refund"), 409, "invalid_transition")
    assert [r["id"] for r in (await org.ok("get", "/redemptions", state="refunded"))["redemptions"]] == [
        second["id"], first["id"]]
    audit = (await org.ok("get", "/audit", kind="redemption"))["entries"]
    refunded = [a for a in audit if a["action"] == "refund"]
    assert len(refunded) == 2 and {a["before"]["state"] for a in refunded} == {"approved", "fulfilled"}
