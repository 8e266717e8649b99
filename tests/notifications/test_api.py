"""Devices, preferences, the in-app list, the outbox sink and the trigger rules, through the
real HTTP API (and the real game server for the private realtime channel)."""

from __future__ import annotations

from server.ledger import sinks
from server.notifications.service import publish_live
from tests.conftest import new_org
from tests.notifications.support import emit, next_event, notice, outbox, subscribe
from tests.notifications.support_fcm import settings_of
from tests.support.api import assert_error, noon_org


async def put_prefs(api, body: dict) -> dict:
    r = await api.client.put("/api/v1/me/notification-preferences", headers=api.headers, json=body)
    assert r.status_code == 200, r.text
    return r.json()


async def kinds_of(api) -> list[str]:
    return [n["kind"] for n in (await api.ok("get", "/notifications", limit=100))["notifications"]]


async def passed_by(api, mover) -> bool:
    """Whether `api`'s rep was told that `mover` passed them."""
    items = (await api.ok("get", "/notifications", limit=100))["notifications"]
    return any(n["kind"] == "passed_by" and n["data"]["by"] == mover.user_id for n in items)


# -- devices ----------------------------------------------------------------------------------
async def test_devices_register_list_and_remove(client):
    admin = await new_org(client)
    rep = await admin.user()
    a = await rep.ok("post", "/devices", {"token": "fcm-token-aaaa:1", "platform": "ios"}, status=201)
    assert a["token"] == "fcm-token-aaaa:1" and a["platform"] == "ios"
    await rep.ok("post", "/devices", {"token": "fcm-token-bbbb:2", "platform": "web"}, status=201)
    again = await rep.ok("post", "/devices", {"token": "fcm-token-aaaa:1", "platform": "ios"}, status=200)
    assert again["created_at"] == a["created_at"]
    listed = await rep.ok("get", "/devices")
    assert [d["token"] for d in listed["devices"]] == ["fcm-token-aaaa:1", "fcm-token-bbbb:2"]
    r = await rep.delete("/devices/fcm-token-aaaa:1")
    assert r.status_code == 204
    assert_error(await rep.delete("/devices/fcm-token-aaaa:1"), 404, "device_not_found")
    assert [d["token"] for d in (await rep.ok("get", "/devices"))["devices"]] == ["fcm-token-bbbb:2"]


async def test_a_token_moves_to_whoever_registers_it_last_and_others_cannot_delete_it(client):
    admin = await new_org(client)
    ann, bob = await admin.user(), await admin.user()
    stranger = await (await new_org(client)).user()
    await ann.ok("post", "/devices", {"token": "shared-phone-token-1", "platform": "android"}, status=201)
    assert_error(await bob.delete("/devices/shared-phone-token-1"), 404, "device_not_found")
    assert_error(await stranger.delete("/devices/shared-phone-token-1"), 404, "device_not_found")
    await bob.ok("post", "/devices", {"token": "shared-phone-token-1", "platform": "android"}, status=200)
    assert (await ann.ok("get", "/devices"))["devices"] == []
    assert [d["token"] for d in (await bob.ok("get", "/devices"))["devices"]] == ["shared-phone-token-1"]


async def test_a_token_held_by_another_org_is_never_taken_over_nor_revealed(client):
    """Issue 15 item 6: registering a token another org holds gives the caller a registration of
    its own, with the answer a token nobody holds gets; the other org's is untouched, and the
    caller's DELETE removes only the caller's."""
    victim = await (await new_org(client)).user()
    attacker = await (await new_org(client)).user()
    token = "victims-phone-token-1"
    registered = await victim.ok("post", "/devices", {"token": token, "platform": "ios"}, status=201)
    taken = await attacker.post("/devices", {"token": token, "platform": "android"})
    fresh = await attacker.post("/devices", {"token": "nobody-holds-this-token-1", "platform": "android"})
    assert (taken.status_code, fresh.status_code) == (201, 201)
    assert set(taken.json()) == set(fresh.json()) and taken.json()["platform"] == "android"
    assert (await victim.ok("get", "/devices"))["devices"] == [registered]
    assert (await attacker.delete(f"/devices/{token}")).status_code == 204
    assert_error(await attacker.delete(f"/devices/{token}"), 404, "device_not_found")
    assert (await victim.ok("get", "/devices"))["devices"] == [registered]
    # the victim's own re-registration is still "known" (200), the attacker's left no trace
    await victim.ok("post", "/devices", {"token": token, "platform": "ios"}, status=200)


async def test_device_input_is_checked(client):
    rep = await (await new_org(client)).user()
    assert_error(await rep.post("/devices", {"token": "short", "platform": "android"}), 400, "invalid_device_token")
    assert_error(await rep.post("/devices", {"token": "has spaces in it", "platform": "ios"}), 400,
                 "invalid_device_token")
    r = await rep.post("/devices", {"token": "fine-token-123", "platform": "blackberry"})
    assert r.status_code == 400
    r = await rep.post("/devices", {"token": "x" * 600, "platform": "ios"})
    assert r.status_code == 400
    r = await rep.post("/devices", {"token": "fine-token-123", "platform": "ios", "extra": 1})
    assert r.status_code == 400


# -- preferences ----------------------------------------------------------------------------------
async def test_preferences_default_merge_and_quiet_hours(client):
    admin = await new_org(client, timezone="Europe/Paris")
    rep = await admin.user(timezone="America/New_York")
    prefs = await rep.ok("get", "/me/notification-preferences")
    assert prefs["quiet_hours"] is None and prefs["timezone"] == "America/New_York"
    assert prefs["kinds"]["passed_by"] is True and prefs["kinds"]["contest_result"] is True
    out = await put_prefs(rep, {"kinds": {"passed_by": False}, "quiet_hours": {"start": "22:00", "end": "07:30"}})
    assert out["kinds"]["passed_by"] is False and out["kinds"]["kudos"] is True
    assert out["quiet_hours"] == {"start": "22:00", "end": "07:30"}
    out = await put_prefs(rep, {"kinds": {"kudos": False}})
    assert out["kinds"]["passed_by"] is False and out["kinds"]["kudos"] is False
    assert out["quiet_hours"] == {"start": "22:00", "end": "07:30"}  # untouched
    out = await put_prefs(rep, {"quiet_hours": None})
    assert out["quiet_hours"] is None
    other = await admin.user()
    assert (await other.ok("get", "/me/notification-preferences"))["timezone"] == "Europe/Paris"


async def test_bad_preferences_are_refused(client):
    rep = await (await new_org(client)).user()
    assert_error(await rep.client.put("/api/v1/me/notification-preferences", headers=rep.headers,
                                      json={"kinds": {"nope": True}}), 400, "unknown_notification_kind")
    for q in ({"start": "25:00", "end": "07:00"}, {"start": "7am", "end": "09:00"}):
        assert_error(await rep.client.put("/api/v1/me/notification-preferences", headers=rep.headers,
                                          json={"quiet_hours": q}), 400, "invalid_quiet_hours")
    assert_error(await rep.client.put("/api/v1/me/notification-preferences", headers=rep.headers,
                                      json={"quiet_hours": {"start": "08:00", "end": "08:00"}}),
                 400, "invalid_quiet_hours")
    r = await rep.client.put("/api/v1/me/notification-preferences", headers=rep.headers,
                             json={"kinds": {"kudos": "yes"}})
    assert r.status_code == 400


# -- in-app list, sink rules ------------------------------------------------------------------------
async def test_notices_are_listed_paged_and_marked_read(client, rt):
    admin = await new_org(client)
    rep = await admin.user()
    await emit(rt, admin.org_id, *[notice(rep.user_id, "kudos", title=f"t{i}", data={"i": i}) for i in range(5)])
    page1 = await rep.ok("get", "/notifications", limit=3)
    assert [n["title"] for n in page1["notifications"]] == ["t4", "t3", "t2"]
    assert page1["unread_count"] == 5 and page1["notifications"][0]["data"] == {"i": 4}
    assert page1["notifications"][0]["read"] is False
    page2 = await rep.ok("get", "/notifications", limit=3, before_id=page1["next_before_id"])
    assert [n["title"] for n in page2["notifications"]] == ["t1", "t0"] and page2["next_before_id"] is None
    ids = [n["id"] for n in page1["notifications"][:2]]
    assert await rep.ok("post", "/notifications/read", {"ids": ids}) == {"marked_read": 2, "unread_count": 3}
    assert await rep.ok("post", "/notifications/read", {"ids": ids}) == {"marked_read": 0, "unread_count": 3}
    unread = await rep.ok("get", "/notifications", unread="true")
    assert [n["title"] for n in unread["notifications"]] == ["t2", "t1", "t0"]
    assert await rep.ok("post", "/notifications/read", {"all": True}) == {"marked_read": 3, "unread_count": 0}
    assert_error(await rep.post("/notifications/read", {}), 400, "invalid_request")
    assert_error(await rep.post("/notifications/read", {"ids": [1], "all": True}), 400, "invalid_request")


async def test_reading_is_private_and_org_scoped(client, rt):
    admin = await new_org(client)
    ann, bob = await admin.user(), await admin.user()
    await emit(rt, admin.org_id, notice(ann.user_id, "kudos", title="for ann"))
    ann_id = (await ann.ok("get", "/notifications"))["notifications"][0]["id"]
    assert (await bob.ok("get", "/notifications"))["notifications"] == []
    assert await bob.ok("post", "/notifications/read", {"ids": [ann_id]}) == {"marked_read": 0, "unread_count": 0}
    assert (await ann.ok("get", "/notifications"))["unread_count"] == 1
    other_org = await new_org(client)
    await emit(rt, other_org.org_id, notice(ann.user_id, "kudos", title="smuggled"))  # not a user of that org
    assert [n["title"] for n in (await ann.ok("get", "/notifications"))["notifications"]] == ["for ann"]


async def test_repeated_triggers_and_self_caused_notices_are_dropped(client, rt):
    admin = await new_org(client)
    rep = await admin.user()
    same = notice(rep.user_id, "badge_earned", dedupe_key="badge:7", title="Badge!")
    await emit(rt, admin.org_id, same, same)
    await emit(rt, admin.org_id, notice(rep.user_id, "badge_earned", dedupe_key="badge:7", title="Badge again"))
    await emit(rt, admin.org_id, notice(rep.user_id, "kudos", title="to myself", actor_user_id=rep.user_id))
    await emit(rt, admin.org_id, notice(rep.user_id, "some_future_kind", title="new kind"))
    assert [n["title"] for n in (await rep.ok("get", "/notifications"))["notifications"]] == ["new kind", "Badge!"]
    rows = await outbox(rt, rep.user_id)
    assert [(r.kind, r.state) for r in rows] == [("badge_earned", "pending"), ("some_future_kind", "pending")]
    assert rows[0].collapse_key == "badge_earned:badge:7"


async def test_a_notice_is_written_in_the_transaction_of_its_cause(client, rt):
    admin = await new_org(client)
    rep = await admin.user()
    try:
        async with rt.engine.begin() as conn:
            await sinks.write_notices(rt, conn, admin.org_id, [notice(rep.user_id, "kudos")])
            raise RuntimeError("the cause failed")
    except RuntimeError:
        pass
    assert (await rep.ok("get", "/notifications"))["notifications"] == []
    assert await outbox(rt, rep.user_id) == []


async def test_each_notification_reaches_the_private_channel_once(client, rt, game_server):
    admin = await new_org(client)
    rep = await admin.user()
    ws = await subscribe(game_server, rep.token, f"user:{rep.user_id}")
    await emit(rt, admin.org_id, notice(rep.user_id, "kudos", title="Nice call!", data={"from": admin.user_id}))
    while await publish_live(rt):
        pass
    frame = await next_event(ws, "notification")
    assert frame["channel"] == f"user:{rep.user_id}"
    n = frame["data"]["notification"]
    assert (n["kind"], n["title"], n["data"], n["read"]) == ("kudos", "Nice call!", {"from": admin.user_id}, False)
    listed = (await rep.ok("get", "/notifications"))["notifications"][0]
    assert listed["id"] == n["id"]
    assert await publish_live(rt) == 0  # once only
    await ws.close()


# -- trigger rules ------------------------------------------------------------------------------
async def test_a_big_win_tells_the_teammates_not_the_winner(client, rt):
    admin = await noon_org(client)
    team = (await admin.ok("post", "/teams", {"name": "Closers"}, status=201))["id"]
    other_team = (await admin.ok("post", "/teams", {"name": "Others"}, status=201))["id"]
    ann = await admin.user(team_id=team, display_name="Ann")
    bob = await admin.user(team_id=team)
    cat = await admin.user(team_id=team)
    dan = await admin.user(team_id=other_team)
    win = await admin.log("deal_won", value=12000, user_id=ann.user_id)
    for mate in (bob, cat):
        items = (await mate.ok("get", "/notifications"))["notifications"]
        wins = [n for n in items if n["kind"] == "team_win"]
        assert len(wins) == 1 and wins[0]["body"] == "Ann just logged a Deal won worth 12,000."
        assert wins[0]["data"]["activity_id"] == win["id"]
    assert "team_win" not in await kinds_of(ann)
    assert "team_win" not in await kinds_of(dan)
    await admin.log("call", user_id=ann.user_id)  # not a valued win
    assert (await kinds_of(bob)).count("team_win") == 1
    # A team of notify_team_max or more hears of wins through the feed, not a push each.
    with settings_of(rt, notify_team_max=2):
        await admin.log("deal_won", value=5000, user_id=ann.user_id)
    assert (await kinds_of(bob)).count("team_win") == 1


async def test_a_big_jump_tells_only_the_nearest_five_and_counts_everyone(client, rt):
    admin = await noon_org(client)
    reps = [await admin.user(display_name=f"R{i}") for i in range(7)]
    for i, rep in enumerate(reps):  # R0 .. R6 on 2, 4, .. 14 points
        await admin.log("call", quantity=i + 1, user_id=rep.user_id)
    jumper = await admin.user(display_name="Zed")
    await admin.log("proposal_sent", user_id=jumper.user_id)  # 20: passes all seven
    (mine,) = [n for n in (await jumper.ok("get", "/notifications"))["notifications"] if n["kind"] == "passed"]
    assert mine["body"] == "You passed R6, R5 and 5 others on this week's leaderboard."
    assert mine["data"]["passed"] == [r.user_id for r in reps[::-1][:5]]
    assert [await passed_by(r, jumper) for r in reps] == [False, False, True, True, True, True, True]


async def test_deep_in_the_board_only_a_teammate_s_pass_is_news(client, rt):
    admin = await noon_org(client)
    team = (await admin.ok("post", "/teams", {"name": "Closers"}, status=201))["id"]
    leader = await admin.user(display_name="Lea")
    mate = await admin.user(display_name="Mat", team_id=team)
    stranger = await admin.user(display_name="Stu")
    mover = await admin.user(display_name="Mo", team_id=team)
    await admin.log("proposal_sent", quantity=5, user_id=leader.user_id)  # 100: far ahead
    await admin.log("call", user_id=mate.user_id)  # 2
    await admin.log("call", quantity=2, user_id=stranger.user_id)  # 4
    with settings_of(rt, notify_passed_top=1):
        await admin.log("meeting_booked", user_id=mover.user_id)  # 10: rank 2, passes Stu and Mat
    assert await passed_by(mate, mover)  # a teammate passed Mat
    assert not await passed_by(stranger, mover)  # rank 2 is outside the top 1
    (mine,) = [n for n in (await mover.ok("get", "/notifications"))["notifications"] if n["kind"] == "passed"]
    assert mine["body"] == "You passed Stu and Mat on this week's leaderboard."


async def test_passing_and_entering_the_top_n(client, rt):
    admin = await noon_org(client)
    ann = await admin.user(display_name="Ann")
    bob = await admin.user(display_name="Bob")
    cat = await admin.user(display_name="Cat")
    with settings_of(rt, notify_top_n=1):
        await ann.log("meeting_booked")  # 10
        await bob.log("call")  # 2
        await admin.log("proposal_sent", user_id=cat.user_id)  # 20: Cat passes Ann and Bob, logged by a manager
    cat_items = (await cat.ok("get", "/notifications"))["notifications"]
    assert [n["kind"] for n in cat_items] == ["top_n", "passed"]
    assert cat_items[1]["body"] == "You passed Ann and Bob on this week's leaderboard."
    assert cat_items[1]["data"]["passed"] == [ann.user_id, bob.user_id]
    assert cat_items[0]["title"] == "You're in the top 1!"
    for victim in (ann, bob):
        got = [n for n in (await victim.ok("get", "/notifications"))["notifications"] if n["kind"] == "passed_by"]
        assert [n["body"] for n in got] == ["Cat just passed you on this week's leaderboard."]
    # Bob passes Ann by himself: Ann is told, Bob (who caused it) is not.
    await bob.log("meeting_held")  # 2 + 15 = 17 > 10
    assert "passed" not in await kinds_of(bob)
    assert (await kinds_of(ann)).count("passed_by") == 2
    # A tie is not a pass: Ann reaches 17 as well.
    await admin.log("call", quantity=3, user_id=ann.user_id)  # 10 + 6 = 16
    await admin.log("email", user_id=ann.user_id)  # 17
    assert "passed" not in await kinds_of(ann)
    assert (await kinds_of(bob)).count("passed_by") == 1  # only Cat's pass
