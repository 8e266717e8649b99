"""Kudos rules: messages, value tags, the monthly allowance (org time zone, DST), the anti-spam
limits with their exact Retry-After, reactions, and settings validation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from server.core.errors import Conflict, DomainError, RateLimited
from server.social import rules as k

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
P = k.KudosPolicy(per_hour=3, per_day=5, per_pair_day=2, monthly_allowance=50, max_points=20)


def ago(**d) -> datetime:
    return NOW - timedelta(**d)


def test_message_is_trimmed_and_bounded():
    assert k.clean_message("  well done  ") == "well done"
    assert k.clean_message("x" * 500) == "x" * 500
    for bad in ("", "   ", "x" * 501):
        with pytest.raises(DomainError) as e:
            k.clean_message(bad)
        assert e.value.code == "invalid_message"


def test_no_kudos_to_self():
    k.check_recipient(1, 2)
    with pytest.raises(DomainError) as e:
        k.check_recipient(3, 3)
    assert e.value.code == "kudos_to_self"


def test_value_tag_matches_ignoring_case_and_spacing():
    assert k.resolve_value_tag(None, k.DEFAULT_VALUES) is None
    assert k.resolve_value_tag("customer  FIRST", k.DEFAULT_VALUES) == "Customer first"
    with pytest.raises(DomainError) as e:
        k.resolve_value_tag("Synergy", k.DEFAULT_VALUES)
    assert e.value.code == "unknown_value_tag" and e.value.details["values"] == list(k.DEFAULT_VALUES)
    with pytest.raises(DomainError):
        k.resolve_value_tag("Hustle", ())  # an org with no values accepts no tag


def test_points_fit_the_cap_and_the_remaining_allowance():
    k.check_points(0, P, 50)  # no points never needs allowance
    k.check_points(20, P, 30)  # exactly what is left
    with pytest.raises(Conflict) as e:
        k.check_points(20, P, 31)
    assert e.value.code == "allowance_exceeded" and e.value.details["remaining"] == 19
    with pytest.raises(DomainError) as e:
        k.check_points(21, P, 0)
    assert e.value.code == "too_many_points"
    with pytest.raises(DomainError) as e:
        k.check_points(-1, P, 0)
    assert e.value.code == "invalid_points"
    with pytest.raises(Conflict) as e:  # allowance lowered below what was used: nothing left, not negative
        k.check_points(1, P, 80)
    assert e.value.details["remaining"] == 0


def test_month_is_the_org_local_month():
    tz = ZoneInfo("America/New_York")
    # 03:30 UTC on Dec 1 is still Nov 30 in New York: November's allowance
    m = k.month_of(datetime(2026, 12, 1, 3, 30, tzinfo=UTC), tz)
    assert m.id == "2026-11"
    assert m.start == datetime(2026, 11, 1, 4, 0, tzinfo=UTC)  # EDT until Nov 1 02:00
    assert m.end == datetime(2026, 12, 1, 5, 0, tzinfo=UTC)  # EST
    assert k.month_of(datetime(2026, 12, 1, 5, 0, tzinfo=UTC), tz).id == "2026-12"
    tokyo = k.month_of(datetime(2026, 11, 30, 15, 0, tzinfo=UTC), ZoneInfo("Asia/Tokyo"))
    assert tokyo.id == "2026-12"


def test_under_every_limit_passes():
    k.check_rate(NOW, [(7, ago(minutes=10)), (8, ago(minutes=20))], 9, P)
    k.check_rate(NOW, [], 9, P)


def test_hourly_limit_waits_for_the_oldest_to_leave_the_hour():
    recent = [(7, ago(minutes=50)), (8, ago(minutes=30)), (9, ago(minutes=5))]
    with pytest.raises(RateLimited) as e:
        k.check_rate(NOW, recent, 10, P)
    assert e.value.status_code == 429 and e.value.code == "rate_limited"
    assert e.value.retry_after_s == 600 and e.value.details == {"limit": "per_hour", "retry_after_s": 600}
    # one minute later the oldest is 61 minutes old: allowed
    k.check_rate(NOW + timedelta(minutes=10, seconds=1), recent, 10, P)


def test_the_hour_window_edge_counts_a_kudos_exactly_an_hour_old_as_gone():
    recent = [(7, ago(hours=1)), (8, ago(minutes=30)), (9, ago(minutes=5))]
    k.check_rate(NOW, recent, 10, P)


def test_daily_limit_counts_24_hours():
    recent = [(u, ago(hours=h)) for u, h in ((1, 23), (2, 20), (3, 10), (4, 5), (5, 2))]
    with pytest.raises(RateLimited) as e:
        k.check_rate(NOW, recent, 6, P)
    assert e.value.details["limit"] == "per_day" and e.value.retry_after_s == 3600


def test_pair_limit_only_counts_the_same_recipient():
    recent = [(7, ago(hours=3)), (7, ago(hours=2)), (8, ago(minutes=1))]
    k.check_rate(NOW, recent, 8, P)  # 8 got one: fine
    with pytest.raises(RateLimited) as e:
        k.check_rate(NOW, recent, 7, P)
    assert e.value.details["limit"] == "per_pair_day"
    assert e.value.retry_after_s == 21 * 3600


def test_the_longest_wait_wins_and_is_at_least_a_second():
    p = k.KudosPolicy(per_hour=1, per_day=1, per_pair_day=1)
    with pytest.raises(RateLimited) as e:
        k.check_rate(NOW, [(7, ago(minutes=59, seconds=59, microseconds=500_000))], 7, p)
    assert e.value.retry_after_s == 24 * 3600 - 3599  # the day's wait, ceil'd
    with pytest.raises(RateLimited) as e:
        k.check_rate(NOW, [(7, ago(hours=23, minutes=59, seconds=59, microseconds=900_000))], 8, p)
    assert e.value.retry_after_s == 1


def test_reactions_by_character_with_or_without_selector_or_by_name():
    assert k.normalise_emoji("👏") == "👏"
    assert k.normalise_emoji("❤") == "❤️" == k.normalise_emoji("❤️") == k.normalise_emoji("heart")
    assert k.normalise_emoji(" fire ") == "🔥"
    for bad in ("💩", "thumbsup", "👏👏", ""):
        with pytest.raises(DomainError) as e:
            k.normalise_emoji(bad)
        assert e.value.code == "unknown_emoji"


def test_settings_changes_are_validated():
    p = k.updated_policy(k.KudosPolicy(), {"values": ["  Grit ", "Care"], "monthly_allowance": 0})
    assert p.values == ("Grit", "Care") and p.monthly_allowance == 0 and p.per_hour == 10
    for changes in ({"per_hour": 0}, {"per_hour": 40, "per_day": 30}, {"values": ["A", "a"]}, {"values": [""]},
                    {"values": ["x" * 41]}, {"values": [str(i) for i in range(21)]}, {"max_points": 10_001}):
        with pytest.raises(DomainError) as e:
            k.updated_policy(k.KudosPolicy(), changes)
        assert e.value.code == "invalid_kudos_settings", changes
    assert k.updated_policy(k.KudosPolicy(), {"values": []}).values == ()
