"""The notification rules as pure functions."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from server.core.errors import DomainError
from server.notifications import rules as n

T0 = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def test_every_known_kind_has_defaults_and_unknown_kinds_are_accepted():
    assert set(n.KINDS) >= {"passed", "passed_by", "top_n", "team_win", "kudos", "badge_earned", "mission_done",
                            "missions_all_done", "streak_at_risk", "contest_starting", "contest_ending",
                            "contest_result"}
    assert n.spec("brand_new_kind") is n.UNKNOWN_KIND
    assert n.kind_enabled("kudos", None) and not n.kind_enabled("kudos", {"kudos": False})
    assert n.kind_enabled("brand_new_kind", {"kudos": False})
    with pytest.raises(DomainError) as e:
        n.check_kind_overrides({"kudos": True, "zzz": False})
    assert e.value.code == "unknown_notification_kind" and e.value.details["kinds"] == ["zzz"]


@pytest.mark.parametrize(("token", "platform", "code"), [
    ("abcdefgh", "ios", None), ("a" * 512, "web", None), ("short", "ios", "invalid_device_token"),
    ("has space x", "ios", "invalid_device_token"), ("abcdefgh", "symbian", "invalid_platform"),
    ("a" * 513, "android", "invalid_device_token")])
def test_device_checks(token, platform, code):
    if code is None:
        n.check_device(token, platform)
    else:
        with pytest.raises(DomainError) as e:
            n.check_device(token, platform)
        assert e.value.code == code


def test_quiet_hours_within_a_day_and_across_midnight():
    tz = ZoneInfo("America/New_York")  # UTC-5 in November
    at = lambda h, m=0: datetime(2026, 11, 23, h, m, tzinfo=tz).astimezone(UTC)  # noqa: E731
    assert n.quiet_until(at(13), tz, "12:00", "14:00") == at(14)
    assert n.quiet_until(at(14), tz, "12:00", "14:00") is None  # end is exclusive
    assert n.quiet_until(at(11, 59), tz, "12:00", "14:00") is None
    assert n.quiet_until(at(23), tz, "22:00", "07:00") == datetime(2026, 11, 24, 7, tzinfo=tz).astimezone(UTC)
    assert n.quiet_until(at(6, 59), tz, "22:00", "07:00") == at(7)
    assert n.quiet_until(at(7), tz, "22:00", "07:00") is None
    assert n.quiet_until(at(12), tz, None, None) is None


def test_quiet_hours_end_on_the_right_instant_across_dst():
    tz = ZoneInfo("Europe/Berlin")
    # the night clocks go back (2026-10-25): 22:00 CEST (UTC+2) .. 07:00 CET (UTC+1)
    night = datetime(2026, 10, 24, 23, 0, tzinfo=tz).astimezone(UTC)
    assert n.quiet_until(night, tz, "22:00", "07:00") == datetime(2026, 10, 25, 6, 0, tzinfo=UTC)
    # spring forward (2026-03-29): 02:30 does not exist; quiet hours 01:00-02:30 end at 03:30 CEST
    early = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # 01:30 CET
    assert n.quiet_until(early, tz, "01:00", "02:30") == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


@pytest.mark.parametrize("bad", ["24:00", "7:00", "07:60", "", "0700", "07:00:00"])
def test_bad_local_times_are_refused(bad):
    with pytest.raises(DomainError) as e:
        n.parse_hhmm(bad)
    assert e.value.code == "invalid_quiet_hours"


def test_staleness_is_per_kind():
    assert not n.is_stale("passed_by", T0, T0 + timedelta(hours=2))
    assert n.is_stale("passed_by", T0, T0 + timedelta(hours=2, seconds=1))
    assert not n.is_stale("contest_result", T0, T0 + timedelta(hours=47))
    assert n.is_stale("whatever", T0, T0 + timedelta(hours=25))


def test_the_cap_sends_what_fits_and_bundles_the_rest():
    assert n.plan_pushes([1, 2], [], 3, T0) == n.PushPlan([1, 2], [], None, [])
    assert n.plan_pushes([1, 2, 3], [], 3, T0) == n.PushPlan([1, 2, 3], [], None, [])
    assert n.plan_pushes([1, 2, 3, 4, 5], [], 3, T0) == n.PushPlan([1, 2], [3, 4, 5], None, [])
    sent = [T0 - timedelta(minutes=50), T0 - timedelta(minutes=10)]
    assert n.plan_pushes([1, 2, 3], sent, 3, T0) == n.PushPlan([], [1, 2, 3], None, [])  # one left: a bundle
    full = sent + [T0 - timedelta(minutes=5)]
    assert n.plan_pushes([7], full, 3, T0) == n.PushPlan([], [], T0 + timedelta(minutes=10), [7])
    assert n.plan_pushes([], full, 3, T0) == n.PushPlan([], [], None, [])
    assert n.bundle_text(3) == ("RepRally", "3 new updates") and n.bundle_text(1) == ("RepRally", "1 new update")


def test_backoff_grows_with_jitter_and_respects_quota_and_retry_after():
    rng = random.Random(7)
    delays = [n.backoff_s(a, rng=rng) for a in range(1, 8)]
    for a, d in enumerate(delays, start=1):
        step = min(n.BACKOFF_CAP_S, n.BACKOFF_BASE_S * 2 ** (a - 1))
        assert step / 2 <= d <= step
    assert len({round(n.backoff_s(3, rng=rng), 6) for _ in range(20)}) > 10  # jittered
    assert all(60 <= n.backoff_s(1, quota=True, rng=rng) <= 90 for _ in range(50))
    assert n.backoff_s(1, retry_after_s=300, rng=rng) >= 300
    assert n.backoff_s(50, rng=rng) <= n.BACKOFF_CAP_S


@pytest.mark.parametrize(("code", "message", "action"), [
    ("unregistered", "", n.DELETE_TOKEN), ("sender_id_mismatch", "", n.DELETE_TOKEN),
    ("invalid_argument", "The registration token is not a valid FCM registration token", n.DELETE_TOKEN),
    ("invalid_argument", "Invalid value at 'message.data'", n.FAIL),
    ("quota_exceeded", "", n.RETRY), ("unavailable", "", n.RETRY), ("internal", "", n.RETRY),
    ("unknown", "", n.RETRY), ("third_party_auth", "", n.FAIL)])
def test_what_to_do_with_each_fcm_error(code, message, action):
    assert n.error_action(code, message) == action


def test_collapse_keys_are_short_and_safe():
    assert n.collapse_key("kudos:12") == "kudos:12"
    assert n.collapse_key("a b/c") == "a_b_c"
    assert len(n.collapse_key("x" * 200)) == 64


def test_who_was_passed():
    others = {1: 5, 2: 10, 3: 12, 4: 15, 5: 20}
    assert n.passed_users(10, 15, others) == [3]  # 10 is a tie with the old score, 15 a tie with the new
    assert n.passed_users(4, 16, others) == [4, 3, 2, 1]  # nearest first
    assert n.passed_users(15, 15, others) == [] and n.passed_users(16, 12, others) == []


def test_ranks_and_entering_the_top():
    assert n.rank_with(10, [20, 10, 5]) == 2 and n.rank_with(25, [20]) == 1
    assert n.entered_top(4, 3, 3) and n.entered_top(9, 1, 3)
    assert not n.entered_top(3, 2, 3) and not n.entered_top(5, 4, 3) and not n.entered_top(5, 1, 0)


def test_big_wins_and_texts():
    assert n.is_big_win(5000, 1000) and n.is_big_win(1000, 1000)
    assert not n.is_big_win(999, 1000) and not n.is_big_win(None, 0) and not n.is_big_win(0, 0)
    assert n.passed_text(["Sam"], "day") == ("You moved up!", "You passed Sam on today's leaderboard.")
    assert n.tell_passed(3, 50, None, None) and n.tell_passed(51, 50, 7, 7)
    assert not n.tell_passed(51, 50, 7, 8) and not n.tell_passed(51, 50, None, None)
    # Only the nearest are named; the count says how many were passed in all (core.text.names).
    assert n.passed_text(["A", "B"], "week", total=7)[1] == "You passed A, B and 5 others on this week's leaderboard."
    assert n.top_n_text(2, 3, "week")[1] == "You're now #2 on this week's leaderboard."
    assert n.team_win_text("Ann", "Deal won", 12000.0)[1] == "Ann just logged a Deal won worth 12,000."
