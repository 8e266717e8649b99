"""The pure rules of chat posting, with exact times and answers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from server.chat import rules
from server.core.errors import DomainError

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
BERLIN = ZoneInfo("Europe/Berlin")  # UTC+1 in December


@pytest.mark.parametrize(("provider", "url"), [
    ("slack", "https://hooks.slack.com/services/T0/B0/abcd"),
    ("slack", "https://hooks.slack.com/triggers/T0/1/abcd"),
    ("teams", "https://contoso.webhook.office.com/webhookb2/x/IncomingWebhook/y/z"),
    ("teams", "https://prod-01.westus.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=s"),
    ("teams", "https://default1234.56.environment.api.powerplatform.com/powerautomate/automations/direct/x"),
])
def test_the_providers_webhook_urls_are_accepted(provider, url):
    assert rules.check_url(provider, url) == url


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080/services/x", "https://localhost/hook",
                                 "http://[::1]:9/hook"])
def test_loopback_only_when_allowed(url):
    with pytest.raises(DomainError) as refused:
        rules.check_url("slack", url)
    assert refused.value.code == "invalid_webhook_url"
    assert rules.check_url("slack", url, allow_loopback=True) == url


def test_only_the_last_four_characters_are_ever_shown():
    assert rules.url_tail("https://hooks.slack.com/services/T0/B0/abcdWXYZ") == "WXYZ"


@pytest.mark.parametrize(("local", "start", "end", "until"), [
    ("23:30", "22:00", "07:00", "2026-12-08T07:00"),  # spans midnight, before it
    ("06:59", "22:00", "07:00", "2026-12-07T07:00"),  # spans midnight, after it
    ("07:00", "22:00", "07:00", None),
    ("21:59", "22:00", "07:00", None),
    ("12:30", "12:00", "13:00", "2026-12-07T13:00"),
    ("13:00", "12:00", "13:00", None),
    ("12:30", "12:00", "12:00", None),  # start == end: no window
    ("12:30", None, None, None),
])
def test_quiet_hours_in_the_orgs_zone(local, start, end, until):
    h, m = map(int, local.split(":"))
    now = datetime(2026, 12, 7, h, m, tzinfo=BERLIN).astimezone(UTC)
    got = rules.quiet_until(now, BERLIN, start, end)
    assert (got.strftime("%Y-%m-%dT%H:%M") if got else None) == until
    if got:
        assert got.utcoffset() == timedelta(hours=1)


def test_the_hourly_cap_frees_when_the_oldest_send_of_the_hour_is_an_hour_old():
    sent = [NOW - timedelta(minutes=50), NOW - timedelta(minutes=10), NOW - timedelta(minutes=30)]
    assert rules.cap_frees_at(sent, 3, NOW) == NOW + timedelta(minutes=10)
    assert rules.cap_frees_at(sent, 4, NOW) is None
    assert rules.cap_frees_at(sent, 2, NOW) == NOW + timedelta(minutes=30)
    assert rules.cap_frees_at(sent, 0, NOW) is None  # no cap


def test_backoff_doubles_with_bounded_jitter_and_a_ceiling():
    assert [rules.backoff_s(a, rand=0.0) for a in (1, 2, 3, 4)] == [5.0, 10.0, 20.0, 40.0]
    assert rules.backoff_s(1, rand=1.0) == 6.0
    assert rules.backoff_s(30, rand=0.0) == 3600.0


def test_retry_after_in_seconds_or_as_a_date():
    assert rules.retry_after_s("7", NOW) == 7.0
    assert rules.retry_after_s("Mon, 07 Dec 2026 12:01:30 GMT", NOW) == 90.0
    assert rules.retry_after_s("soon", NOW) == rules.retry_after_s(None, NOW) == 30.0
    assert rules.retry_after_s("999999", NOW) == 3600.0


@pytest.mark.parametrize(("status", "body", "result", "error"), [
    (200, "ok", "sent", None),
    (202, "", "sent", None),
    (429, "rate_limited", "retry", "HTTP 429: rate_limited"),
    (404, "no_service", "broken", "HTTP 404: no_service"),
    (410, "channel_is_archived", "broken", "HTTP 410: channel_is_archived"),
    (403, "invalid_token", "broken", "HTTP 403: invalid_token"),
    (400, "invalid_token", "broken", "HTTP 400: invalid_token"),
    (401, "", "broken", "HTTP 401"),
    (400, "invalid_payload", "failed", "HTTP 400: invalid_payload"),
    (500, "oops", "retry", "HTTP 500: oops"),
    (503, "", "retry", "HTTP 503"),
])
def test_what_an_answer_means(status, body, result, error):
    got = rules.outcome(status, body, "12", NOW, 1)
    assert (got.result, got.error) == (result, error)
    if status == 429:
        assert got.wait_s == 12.0


def test_messages_name_reps_by_display_name_and_escape_slack_markup():
    names = {1: "Ann & <Co>", 2: "Bob"}
    deal = rules.message("deals_won", {"user_id": 1, "activity_type": "deal_won", "value": 12000.5, "points": 170},
                         names, {"deal_won": "Deal won"})
    assert deal == rules.Message("Ann & <Co> won a deal!", "Deal won worth 12,000.50, +170 points.")
    body = rules.slack_payload(deal, None)
    assert body == {"text": "Ann & <Co> won a deal! Deal won worth 12,000.50, +170 points.", "blocks": [
        {"type": "section", "text": {"type": "mrkdwn",
                                     "text": "*Ann &amp; &lt;Co&gt; won a deal!*\nDeal won worth 12,000.50, +170 points."}}]}
    assert "actions" not in rules.teams_payload(deal, None)["attachments"][0]["content"]
    result = rules.message("contest_results", {"name": "Blitz", "winners": [{"user_id": 2}, {"user_id": 9}]}, names, {})
    assert result == rules.Message("Results of Blitz", "Winners: Bob, A teammate")
    assert rules.message("level_ups", {"user_id": 2, "level": 3, "tier": "rookie"}, names, {}) == rules.Message(
        "Bob reached level 3!", "Tier: rookie.")
