"""Wins reach Slack and Teams: exact payloads, retries, caps, quiet hours, de-duplication and
broken webhooks, against loopback stand-ins of both endpoints."""

from __future__ import annotations

import logging
from datetime import timedelta
from zoneinfo import ZoneInfo

from server.chat import service, triggers
from server.core import events
from server.core.observability import metrics
from tests.chat.conftest import PUBLIC_URL
from tests.chat.support import channel_row, connect, drain, outbox
from tests.conftest import new_org

BOARD = f"{PUBLIC_URL}/tv/"


def slack_body(title: str, detail: str) -> dict:
    return {"text": f"{title} {detail}", "blocks": [
        {"type": "section", "text": {"type": "mrkdwn", "text": f"*{title}*\n{detail}"}},
        {"type": "actions", "elements": [{"type": "button", "text": {"type": "plain_text", "text": "Open the board"},
                                          "url": BOARD}]}]}


def teams_body(title: str, detail: str) -> dict:
    return {"type": "message", "attachments": [{
        "contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": None, "content": {
            "$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "type": "AdaptiveCard", "version": "1.4",
            "body": [{"type": "TextBlock", "text": title, "weight": "Bolder", "size": "Medium", "wrap": True},
                     {"type": "TextBlock", "text": detail, "wrap": True}],
            "actions": [{"type": "Action.OpenUrl", "title": "Open the board", "url": BOARD}]}}]}


def sent(provider: str, result: str) -> float:
    return metrics.CHAT_MESSAGES.labels(provider, result)._value.get()


async def test_a_won_deal_is_posted_to_slack_and_teams_naming_the_rep_with_a_board_link(cclient, crt, slack, teams):
    admin = await new_org(cclient)
    ann = await admin.user(display_name="Ann Closer")
    await connect(admin, "slack", slack.url("S3cretSlackAAAA"))
    await connect(admin, "teams", teams.url("S3cretTeamsBBBB"))
    before = sent("slack", "sent"), sent("teams", "sent")
    win = await admin.log("deal_won", value=12_000, user_id=ann.user_id)
    await admin.log("call", user_id=ann.user_id)  # not a win: not posted
    assert await drain(crt) == 2
    title, detail = "Ann Closer won a deal!", f"Deal won worth 12,000, +{win['points_awarded']} points."
    assert win["points_awarded"] == 170
    assert slack.bodies == [slack_body(title, detail)]
    assert teams.bodies == [teams_body(title, detail)]
    assert slack.requests[0].path == "/services/T0001/B0002/S3cretSlackAAAA"
    assert slack.requests[0].headers["Content-Type"] == "application/json"
    assert (sent("slack", "sent") - before[0], sent("teams", "sent") - before[1]) == (1, 1)
    assert await drain(crt) == 0 and len(slack.requests) == 1  # sent once


async def test_429_waits_for_retry_after_then_sends_and_5xx_backs_off_until_the_last_attempt(cclient, crt, clock,
                                                                                            slack):
    admin = await new_org(cclient)
    ann = await admin.user(display_name="Ann")
    ch = await connect(admin, "slack", slack.url("RetrySecret1111"))
    slack.answer(429, "rate_limited", retry_after="7")
    retries = sent("slack", "retry")
    await admin.log("deal_won", value=100, user_id=ann.user_id)
    t0 = clock.now()
    assert await drain(crt) == 1
    [row] = await outbox(crt, ch["id"])
    assert (row.state, row.attempts, row.due_at, row.last_error) == ("pending", 1, t0 + timedelta(seconds=7),
                                                                       "HTTP 429: rate_limited")
    clock.advance(timedelta(seconds=6))
    assert await drain(crt) == 0 and len(slack.requests) == 1  # not before Retry-After
    clock.advance(timedelta(seconds=1))
    assert await drain(crt) == 1
    [row] = await outbox(crt, ch["id"])
    assert (row.state, row.attempts, row.sent_at) == ("sent", 2, t0 + timedelta(seconds=7))
    assert len(slack.requests) == 2 and slack.bodies[0] == slack.bodies[1]
    assert sent("slack", "retry") - retries == 1
    # a 5xx backs off exponentially (5 s, then 10 s, +0-20 % jitter); CHAT_MAX_ATTEMPTS=3 ends it
    slack.answer(503, "busy", times=3)
    await admin.log("deal_won", value=200, user_id=ann.user_id)
    t1 = clock.now()
    assert await drain(crt) == 1
    row = (await outbox(crt, ch["id"]))[-1]
    assert row.attempts == 1 and 5.0 <= (row.due_at - t1).total_seconds() <= 6.0
    clock.set(row.due_at)
    assert await drain(crt) == 1
    row = (await outbox(crt, ch["id"]))[-1]
    assert row.attempts == 2 and 10.0 <= (row.due_at - clock.now()).total_seconds() <= 12.0
    clock.set(row.due_at)
    assert await drain(crt) == 1
    row = (await outbox(crt, ch["id"]))[-1]
    assert (row.state, row.attempts, row.last_error) == ("failed", 3, "HTTP 503: busy")
    assert len(slack.requests) == 5
    assert (await channel_row(crt, ch["id"])).status == "ok"  # a failing server is not a broken webhook


async def test_the_hourly_cap_holds_messages_until_the_hour_frees(cclient, crt, clock, teams):
    admin = await new_org(cclient)
    ann = await admin.user(display_name="Ann")
    ch = await connect(admin, "teams", teams.url("CapSecret2222"), hourly_cap=2)
    t0 = clock.now()
    for v in (1, 2, 3):
        await admin.log("deal_won", value=v, user_id=ann.user_id)
    assert await drain(crt) == 3
    assert len(teams.requests) == 2
    rows = await outbox(crt, ch["id"])
    assert [r.state for r in rows] == ["sent", "sent", "pending"]
    assert rows[2].due_at == t0 + timedelta(hours=1) and rows[2].attempts == 0
    clock.advance(timedelta(minutes=59))
    assert await drain(crt) == 0
    clock.advance(timedelta(minutes=1))
    assert await drain(crt) == 1 and len(teams.requests) == 3
    assert [b["attachments"][0]["content"]["body"][1]["text"].split(",")[0] for b in teams.bodies] == [
        "Deal won worth 1", "Deal won worth 2", "Deal won worth 3"]


async def test_quiet_hours_hold_messages_until_the_window_ends_in_the_orgs_zone(cclient, crt, clock, slack):
    admin = await new_org(cclient, timezone="America/New_York")
    ann = await admin.user(display_name="Ann")
    local = clock.now().astimezone(ZoneInfo("America/New_York"))
    start, end = (local - timedelta(hours=1)).strftime("%H:%M"), (local + timedelta(hours=1)).strftime("%H:%M")
    ch = await connect(admin, "slack", slack.url("QuietSecret333"), quiet_start=start, quiet_end=end)
    await admin.log("deal_won", value=10, user_id=ann.user_id)
    assert await drain(crt) == 1 and slack.requests == []
    [row] = await outbox(crt, ch["id"])
    window_end = (local + timedelta(hours=1)).replace(second=0, microsecond=0)
    assert row.state == "pending" and row.due_at == window_end
    clock.set(row.due_at - timedelta(seconds=1))
    assert await drain(crt) == 0
    clock.set(row.due_at)
    assert await drain(crt) == 1 and len(slack.requests) == 1


async def test_one_message_per_event_and_channel_even_when_the_hook_runs_twice(cclient, crt, slack):
    admin = await new_org(cclient)
    ann = await admin.user(display_name="Ann <b>")
    ch = await connect(admin, "slack", slack.url("DedupeSecret44"), topics=["badges", "contest_launches"],
                       badge_tiers=["gold"])
    gold = events.FeedItem("badge", ann.user_id, {"name": "Closer", "tier": "gold", "message": None},
                           ref="badge_award:9001")
    bronze = events.FeedItem("badge", ann.user_id, {"name": "Starter", "tier": "bronze"}, ref="badge_award:9002")
    start = [events.Notice(u, "contest_starting", "Spring Blitz has started", "body", {"contest_id": 77})
             for u in (ann.user_id, admin.user_id)]
    for _ in range(2):
        async with crt.engine.begin() as conn:
            await triggers.feed_sink(crt, conn, admin.org_id, [gold, bronze], crt.now())
            await triggers.notice_sink(crt, conn, admin.org_id, start)
    rows = await outbox(crt, ch["id"])
    assert [(r.topic, r.event_key) for r in rows] == [("badges", "badge:badge_award:9001"),
                                                     ("contest_launches", "contest_start:77")]
    assert await drain(crt) == 2
    assert [b["blocks"][0]["text"]["text"] for b in slack.bodies] == [
        "*Ann &lt;b&gt; earned the gold badge \u201cCloser\u201d*\nCongratulations!",
        "*Spring Blitz has started*\nGood luck, everyone!"]


async def test_kudos_are_posted_with_both_names(cclient, crt, teams):
    admin = await new_org(cclient)
    ann, bob = await admin.user(display_name="Ann"), await admin.user(display_name="Bob")
    await connect(admin, "teams", teams.url("KudosSecret555"), topics=["kudos"])
    await bob.ok("post", "/kudos", {"to_user_id": ann.user_id, "message": "Great demo!"}, status=201)
    await admin.log("deal_won", value=5, user_id=ann.user_id)  # deals are not this channel's topic
    assert await drain(crt) == 1
    body = teams.bodies[0]["attachments"][0]["content"]["body"]
    assert [b["text"] for b in body] == ["Bob gave kudos to Ann", "Great demo!"]


async def test_a_gone_webhook_marks_the_channel_broken_and_is_not_retried(cclient, crt, slack, caplog):
    caplog.set_level(logging.DEBUG)
    admin = await new_org(cclient)
    ann = await admin.user(display_name="Ann")
    url = slack.url("GoneSecret6666")
    ch = await connect(admin, "slack", url)
    slack.answer(404, "no_service")
    for v in (1, 2):
        await admin.log("deal_won", value=v, user_id=ann.user_id)
    assert await drain(crt) == 2
    assert len(slack.requests) == 1  # the second message is dropped, not tried
    assert [(r.state, r.last_error) for r in await outbox(crt, ch["id"])] == [
        ("failed", "HTTP 404: no_service"), ("dropped", "channel broken")]
    shown = await admin.ok("get", f"/chat/channels/{ch['id']}")
    assert (shown["status"], shown["last_error"]) == ("broken", "HTTP 404: no_service")
    assert shown["deliveries"] == {"pending": 0, "sent": 0, "failed": 1, "dropped": 1}
    crt.part(service._ROUTES).by_org.clear()  # as another process sees it once its copy is 5 s old
    await admin.log("deal_won", value=3, user_id=ann.user_id)
    assert len(await outbox(crt, ch["id"])) == 2  # a broken channel queues nothing
    # a new URL mends it
    mended = await admin.ok("patch", f"/chat/channels/{ch['id']}", {"url": slack.url("NewSecret77777")})
    assert (mended["status"], mended["last_error"], mended["url_tail"]) == ("ok", None, "7777")
    await admin.log("deal_won", value=4, user_id=ann.user_id)
    assert await drain(crt) == 1 and slack.requests[-1].path.endswith("/NewSecret77777")
    assert "GoneSecret6666" not in caplog.text and "NewSecret77777" not in caplog.text


async def test_invalid_token_breaks_the_channel_but_a_refused_payload_fails_alone(cclient, crt, slack):
    admin = await new_org(cclient)
    ann = await admin.user(display_name="Ann")
    ch = await connect(admin, "slack", slack.url("TokenSecret888"))
    slack.answer(400, "invalid_payload")
    await admin.log("deal_won", value=1, user_id=ann.user_id)
    assert await drain(crt) == 1
    assert (await channel_row(crt, ch["id"])).status == "ok"
    assert [(r.state, r.attempts) for r in await outbox(crt, ch["id"])] == [("failed", 1)]
    slack.answer(403, "invalid_token")
    await admin.log("deal_won", value=2, user_id=ann.user_id)
    assert await drain(crt) == 1
    row = await channel_row(crt, ch["id"])
    assert (row.status, row.last_error) == ("broken", "HTTP 403: invalid_token")


async def test_level_ups_and_contest_results_are_posted_on_the_channels_that_chose_them(cclient, crt, slack, teams):
    admin = await new_org(cclient)
    ann, bob = await admin.user(display_name="Ann"), await admin.user(display_name="Bob")
    levels = await connect(admin, "slack", slack.url("LevelSecret999"), topics=["level_ups"])
    results = await connect(admin, "teams", teams.url("ResultSecret00"), topics=["contest_results", "deals_won"])
    items = [events.FeedItem("level_up", ann.user_id, {"level": 3, "tier": "rookie"}, ref=f"level:{ann.user_id}:3"),
             events.FeedItem("contest_result", None, {"contest_id": 5, "name": "Blitz", "winners": [
                 {"user_id": bob.user_id, "display_name": "Bob", "place": 1, "group": None},
                 {"user_id": ann.user_id, "display_name": "Ann", "place": 1, "group": None}]}, ref="contest:5"),
             events.FeedItem("streak_milestone", ann.user_id, {"days": 30}, ref="streak:1")]  # never posted
    async with crt.engine.begin() as conn:
        await triggers.feed_sink(crt, conn, admin.org_id, items, crt.now())
    assert [r.topic for r in await outbox(crt, levels["id"])] == ["level_ups"]
    assert [r.topic for r in await outbox(crt, results["id"])] == ["contest_results"]
    assert await drain(crt) == 2
    assert slack.bodies == [slack_body("Ann reached level 3!", "Tier: rookie.")]
    assert teams.bodies == [teams_body("Results of Blitz", "Winners: Bob, Ann")]
