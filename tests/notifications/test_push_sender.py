"""The push sender end to end: outbox rows written through the real seams, sent by the real
firebase-admin SDK to the loopback FCM stand-in, outcomes read back from the database."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from server.notifications import push
from server.notifications import store as repo
from tests.conftest import new_org
from tests.notifications.support import age, device, emit, make_due, notice, outbox
from tests.notifications.support_fcm import fcm_standin, loopback_only, sender_rt, settings_of  # noqa: F401


async def run(sender, **kw) -> push.Report:
    return await push.send_due(sender, **kw)


async def test_a_notice_reaches_every_device_once_with_collapse_keys(client, rt, sender_rt, fcm_standin,  # noqa: F811
                                                                   loopback_only):  # noqa: F811
    admin = await new_org(client)
    rep = await admin.user()
    phone, tablet = await device(rep, "android"), await device(rep, "ios")
    await emit(rt, admin.org_id, notice(rep.user_id, "kudos", title="Kudos from Ann", body="Great call",
                                        data={"from": 3}, dedupe_key="kudos:41", collapse_key="kudos:41"))
    await run(sender_rt)
    (row,) = await outbox(rt, rep.user_id)
    assert row.state == "sent" and row.attempts == 1 and row.sent_at is not None and row.lease_owner is None
    for token in (phone, tablet):
        (req,) = fcm_standin.to(token)
        m = req.message
        assert m["notification"] == {"title": "Kudos from Ann", "body": "Great call"}
        assert m["data"] == {"notification_id": str(row.id), "kind": "kudos", "data": '{"from":3}'}
        assert m["android"]["collapse_key"] == "kudos:41" and m["android"]["priority"] == "high"
        assert m["apns"]["headers"]["apns-collapse-id"] == "kudos:41"
        assert m["apns"]["headers"]["apns-priority"] == "10" and m["apns"]["headers"]["apns-push-type"] == "alert"
    await run(sender_rt)
    assert len(fcm_standin.to(phone)) == 1 and len(fcm_standin.to(tablet)) == 1


async def test_unregistered_and_invalid_tokens_are_removed(client, rt, sender_rt, fcm_standin):  # noqa: F811
    admin = await new_org(client)
    rep = await admin.user()
    good, gone, bad = await device(rep), await device(rep), await device(rep, "web")
    fcm_standin.fail(gone, "UNREGISTERED")
    fcm_standin.fail(bad, "INVALID_ARGUMENT")
    await emit(rt, admin.org_id, notice(rep.user_id, "badge_earned"))
    report = await run(sender_rt)
    assert report.tokens_removed >= 2
    (row,) = await outbox(rt, rep.user_id)
    assert row.state == "sent" and "unregistered: token removed" in row.last_error
    assert [d["token"] for d in (await rep.ok("get", "/devices"))["devices"]] == [good]
    await emit(rt, admin.org_id, notice(rep.user_id, "badge_earned"))
    await run(sender_rt)
    assert (len(fcm_standin.to(good)), len(fcm_standin.to(gone)), len(fcm_standin.to(bad))) == (2, 1, 1)


async def test_a_bad_message_fails_for_good_with_its_reason(client, rt, sender_rt, fcm_standin):  # noqa: F811
    admin = await new_org(client)
    rep = await admin.user()
    token = await device(rep)
    fcm_standin.fail(token, "INVALID_PAYLOAD")
    await emit(rt, admin.org_id, notice(rep.user_id, "mission_done"))
    await run(sender_rt)
    (row,) = await outbox(rt, rep.user_id)
    assert row.state == "failed" and row.last_error.startswith("invalid_argument: Invalid value at 'message.data")
    assert [d["token"] for d in (await rep.ok("get", "/devices"))["devices"]] == [token]  # our bug, not the token's


async def test_quota_errors_back_off_at_least_a_minute_and_resend_only_where_missing(  # noqa: F811
        client, rt, sender_rt, fcm_standin):  # noqa: F811
    admin = await new_org(client)
    rep = await admin.user()
    ok_token, busy = await device(rep), await device(rep)
    fcm_standin.fail(busy, "QUOTA_EXCEEDED")
    await emit(rt, admin.org_id, notice(rep.user_id, "contest_result"))
    t0 = datetime.now(UTC)
    await run(sender_rt, now=t0)
    (row,) = await outbox(rt, rep.user_id)
    assert row.state == "pending" and row.attempts == 1 and row.last_error.startswith("quota_exceeded")
    assert timedelta(seconds=60) <= row.due_at - t0 <= timedelta(seconds=91)
    await run(sender_rt)  # not due yet
    assert len(fcm_standin.to(busy)) == 1
    await make_due(rt, rep.user_id)
    await run(sender_rt)
    (row,) = await outbox(rt, rep.user_id)
    assert row.state == "sent" and row.attempts == 2
    assert (len(fcm_standin.delivered(ok_token)), len(fcm_standin.delivered(busy))) == (1, 1)
    assert len(fcm_standin.to(ok_token)) == 1  # the device that had it was not sent it again


async def test_retry_after_is_honoured_and_the_sender_gives_up_eventually(client, rt, sender_rt,  # noqa: F811
                                                                         fcm_standin):  # noqa: F811
    admin = await new_org(client)
    rep = await admin.user()
    token = await device(rep)
    fcm_standin.fail(token, "QUOTA_EXCEEDED", retry_after=600, times=20)
    await emit(rt, admin.org_id, notice(rep.user_id, "kudos"))
    t0 = datetime.now(UTC)
    await run(sender_rt, now=t0)
    (row,) = await outbox(rt, rep.user_id)
    assert row.due_at - t0 >= timedelta(seconds=600)
    for _ in range(10):
        await make_due(rt, rep.user_id)
        await run(sender_rt)
    (row,) = await outbox(rt, rep.user_id)
    assert row.state == "failed" and row.attempts == 8
    assert row.last_error.startswith("gave up after 8 attempts: quota_exceeded")
    assert len(fcm_standin.to(token)) == 8


async def test_unavailable_is_retried_by_the_sdk_then_by_the_outbox(client, rt, sender_rt, fcm_standin):  # noqa: F811
    admin = await new_org(client)
    rep = await admin.user()
    flaky, down = await device(rep), await device(rep)
    fcm_standin.fail(flaky, "UNAVAILABLE")  # the SDK's own retry gets through
    fcm_standin.fail(down, "UNAVAILABLE", times=5)  # 5 attempts: the SDK gives up (about 7 s)
    await emit(rt, admin.org_id, notice(rep.user_id, "streak_at_risk"))
    await run(sender_rt)
    (row,) = await outbox(rt, rep.user_id)
    assert row.state == "pending" and row.last_error.startswith("unavailable")
    assert len(fcm_standin.to(flaky)) == 2 and len(fcm_standin.to(down)) == 5
    await make_due(rt, rep.user_id)
    await run(sender_rt)
    (row,) = await outbox(rt, rep.user_id)
    assert row.state == "sent"
    assert len(fcm_standin.delivered(flaky)) == 1 and len(fcm_standin.delivered(down)) == 1


async def test_concurrent_senders_never_send_twice(client, rt, sender_rt, fcm_standin):  # noqa: F811
    admin = await new_org(client)
    reps = [await admin.user() for _ in range(12)]
    tokens = [await device(r) for r in reps]
    await emit(rt, admin.org_id, *[notice(r.user_id, "kudos", title=f"k{i}") for r in reps for i in range(3)])
    await asyncio.gather(*[push.send_due(sender_rt, limit=5) for _ in range(12)])
    await push.drain(sender_rt)
    for r, token in zip(reps, tokens, strict=True):
        titles = sorted(q.message["notification"]["title"] for q in fcm_standin.to(token))
        assert titles == ["k0", "k1", "k2"]
        assert {row.state for row in await outbox(rt, r.user_id)} == {"sent"}


async def test_a_sender_that_died_holding_rows_is_taken_over_after_its_lease(client, rt, sender_rt,  # noqa: F811
                                                                            fcm_standin):  # noqa: F811
    admin = await new_org(client)
    rep = await admin.user()
    token = await device(rep)
    await emit(rt, admin.org_id, notice(rep.user_id, "kudos"))
    now = datetime.now(UTC)
    async with rt.engine.begin() as conn:  # a sender claims everything due, then crashes
        claimed = await repo.claim(conn, "dead-sender", now, now + timedelta(seconds=120), 100000)
    mine = [r for r in claimed if r.user_id == rep.user_id]
    assert len(mine) == 1
    await run(sender_rt)
    assert fcm_standin.to(token) == []  # leased: nobody else touches it
    await run(sender_rt, now=now + timedelta(seconds=121))
    assert len(fcm_standin.to(token)) == 1
    async with rt.engine.begin() as conn:  # the dead sender's late write changes nothing
        assert await repo.finish(conn, "dead-sender", [{"id": mine[0].id, "state": "failed"}]) == 0
    (row,) = await outbox(rt, rep.user_id)
    assert row.state == "sent"


async def test_quiet_hours_hold_pushes_until_they_end_and_stale_ones_are_dropped(client, rt, sender_rt,  # noqa: F811
                                                                                 fcm_standin):  # noqa: F811
    admin = await new_org(client, timezone="UTC")
    rep = await admin.user(timezone="Asia/Kolkata")  # UTC+5:30, the org's zone is not the one used
    token = await device(rep)
    tz = ZoneInfo("Asia/Kolkata")
    now = (datetime.now(UTC) + timedelta(minutes=1)).replace(second=0, microsecond=0)
    local = now.astimezone(tz)
    start, end = (local - timedelta(hours=1)).strftime("%H:%M"), (local + timedelta(hours=2)).strftime("%H:%M")
    r = await rep.client.put("/api/v1/me/notification-preferences", headers=rep.headers,
                             json={"quiet_hours": {"start": start, "end": end}})
    assert r.status_code == 200
    await emit(rt, admin.org_id, notice(rep.user_id, "kudos", title="held"),
               notice(rep.user_id, "contest_ending", title="too late"))
    await run(sender_rt, now=now)
    rows = await outbox(rt, rep.user_id)
    assert [r.state for r in rows] == ["pending", "pending"]
    assert {r.due_at for r in rows} == {now + timedelta(hours=2)}
    await run(sender_rt, now=now + timedelta(hours=1))
    assert fcm_standin.to(token) == []
    await run(sender_rt, now=now + timedelta(hours=2, seconds=1))
    rows = await outbox(rt, rep.user_id)
    assert [r.state for r in rows] == ["sent", "expired"]  # contest_ending lives 1 h
    assert [q.message["notification"]["title"] for q in fcm_standin.to(token)] == ["held"]
    titles = [n["title"] for n in (await rep.ok("get", "/notifications"))["notifications"]]
    assert titles == ["too late", "held"]  # both stay in the app


async def test_the_hourly_cap_bundles_the_rest(client, rt, sender_rt, fcm_standin):  # noqa: F811
    admin = await new_org(client)
    rep = await admin.user()
    token = await device(rep)
    await emit(rt, admin.org_id, *[notice(rep.user_id, "kudos", title=f"k{i}") for i in range(5)])
    now = datetime.now(UTC)
    with settings_of(sender_rt, push_cap_per_hour=3):
        await run(sender_rt, now=now)
        rows = await outbox(rt, rep.user_id)
        assert [(r.state, r.bundle_size) for r in rows] == [("sent", 1), ("sent", 1), ("sent", 3), ("bundled", 1),
                                                             ("bundled", 1)]
        got = fcm_standin.to(token)  # sent concurrently: arrival order is not fixed
        assert sorted(q.message["notification"]["body"] for q in got) == ["3 new updates", "kudos body", "kudos body"]
        (bundle,) = [q for q in got if q.message["data"]["kind"] == "bundle"]
        assert bundle.message["data"]["ids"] == ",".join(str(r.id) for r in rows[2:])
        # The cap is used up: the next ones wait until the first push of the hour is an hour old.
        await emit(rt, admin.org_id, notice(rep.user_id, "kudos", title="later"))
        await run(sender_rt, now=now + timedelta(minutes=1))
        last = (await outbox(rt, rep.user_id))[-1]
        assert last.state == "pending" and last.due_at == now + timedelta(hours=1)
        await run(sender_rt, now=now + timedelta(hours=1, seconds=1))
        assert (await outbox(rt, rep.user_id))[-1].state == "sent"
        assert len(fcm_standin.to(token)) == 4


async def test_kinds_switched_off_and_reps_without_devices_get_no_push(client, rt, sender_rt,  # noqa: F811
                                                                      fcm_standin):  # noqa: F811
    admin = await new_org(client)
    rep, nodevice = await admin.user(), await admin.user()
    token = await device(rep)
    r = await rep.client.put("/api/v1/me/notification-preferences", headers=rep.headers,
                             json={"kinds": {"passed_by": False}})
    assert r.status_code == 200
    await emit(rt, admin.org_id, notice(rep.user_id, "passed_by"), notice(rep.user_id, "kudos"),
               notice(nodevice.user_id, "kudos"))
    await run(sender_rt)
    assert [r.state for r in await outbox(rt, rep.user_id)] == ["off", "sent"]
    assert [r.state for r in await outbox(rt, nodevice.user_id)] == ["no_device"]
    assert [q.message["data"]["kind"] for q in fcm_standin.to(token)] == ["kudos"]
    assert len((await rep.ok("get", "/notifications"))["notifications"]) == 2


async def test_stale_pushes_are_dropped(client, rt, sender_rt, fcm_standin):  # noqa: F811
    admin = await new_org(client)
    rep = await admin.user()
    token = await device(rep)
    await emit(rt, admin.org_id, notice(rep.user_id, "passed_by"))
    await age(rt, rep.user_id, datetime.now(UTC) - timedelta(hours=3))  # passed_by lives 2 h
    await run(sender_rt)
    assert [r.state for r in await outbox(rt, rep.user_id)] == ["expired"]
    assert fcm_standin.to(token) == []


async def test_without_firebase_configured_nothing_is_claimed(client, rt):
    admin = await new_org(client)
    rep = await admin.user()
    await device(rep)
    await emit(rt, admin.org_id, notice(rep.user_id, "kudos"))
    assert (await push.send_due(rt)).claimed == 0
    assert [r.state for r in await outbox(rt, rep.user_id)] == ["pending"]


async def test_the_orgs_defaults_switch_kinds_off_and_hold_pushes_in_quiet_hours(client, rt, sender_rt,  # noqa: F811
                                                                                 fcm_standin):  # noqa: F811
    admin = await new_org(client, timezone="UTC")
    plain, chooser = await admin.user(), await admin.user()
    plain_phone, chooser_phone = await device(plain), await device(chooser)
    now = (datetime.now(UTC) + timedelta(minutes=1)).replace(second=0, microsecond=0)
    start, end = (now - timedelta(hours=1)).strftime("%H:%M"), (now + timedelta(hours=3)).strftime("%H:%M")
    await admin.ok("put", "/notification-defaults", {"kinds": {"kudos": False},
                                                     "quiet_hours": {"start": start, "end": end}})
    # the chooser wants kudos pushes and has quiet hours of their own that are over now
    own = ((now - timedelta(hours=5)).strftime("%H:%M"), (now - timedelta(hours=4)).strftime("%H:%M"))
    await chooser.ok("put", "/me/notification-preferences", {"kinds": {"kudos": True},
                                                              "quiet_hours": {"start": own[0], "end": own[1]}})
    for rep in (plain, chooser):
        await emit(rt, admin.org_id, notice(rep.user_id, "kudos", title="kudos"),
                   notice(rep.user_id, "badge_earned", title="badge"))
    await run(sender_rt, now=now)
    rows = await outbox(rt, plain.user_id)
    assert sorted((r.state, r.due_at == now + timedelta(hours=3)) for r in rows) == [("off", False),
                                                                                    ("pending", True)]
    assert sorted(q.message["notification"]["title"] for q in fcm_standin.to(chooser_phone)) == ["badge", "kudos"]
    assert fcm_standin.to(plain_phone) == []
    await run(sender_rt, now=now + timedelta(hours=3, seconds=1))
    assert [q.message["notification"]["title"] for q in fcm_standin.to(plain_phone)] == ["badge"]
