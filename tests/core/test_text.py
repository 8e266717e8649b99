"""The one helper behind every generated text: nouns agree with their numbers, and times are
written in the reader's own zone (DST included), never as raw UTC."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from server.core import text

NY, LA, BERLIN = ZoneInfo("America/New_York"), ZoneInfo("America/Los_Angeles"), ZoneInfo("Europe/Berlin")


def test_counted_nouns_and_points():
    assert [text.count(n, "call") for n in (0, 1, 2, 1200)] == ["0 calls", "1 call", "2 calls", "1,200 calls"]
    assert text.count(1, "opportunity", "opportunities") == "1 opportunity"
    assert text.count(3, "opportunity", "opportunities") == "3 opportunities"
    assert text.count(1, "activity", "activities") == "1 activity"
    assert [text.points(n) for n in (0, 1, 25)] == ["0 points", "1 point", "25 points"]
    assert [text.points(n, signed=True) for n in (1, 10, -1, -5)] == ["+1 point", "+10 points", "-1 point",
                                                                     "-5 points"]


def test_names():
    assert text.names([]) == "someone" and text.names(["A"]) == "A" and text.names(["A", "B"]) == "A and B"
    assert text.names(["A", "B", "C"]) == "A, B and 1 other" and text.names(["A", "B", "C", "D"]) == "A, B and 2 others"
    assert text.names(["A", "B", "C"], total=40) == "A, B and 38 others" and text.names(["A"], total=2) == "A and 1 other"


def test_mission_labels_agree_with_their_target():
    label = "Create {target} {opportunity|opportunities}"
    assert [text.fill_target(label, n) for n in (1, 2, 1500)] == [
        "Create 1 opportunity", "Create 2 opportunities", "Create 1,500 opportunities"]
    assert text.fill_target("Log {target} calls", 5) == "Log 5 calls"  # an admin's label without a choice
    assert text.fill_target("Hit {target} {call|calls} and {target} {email|emails}", 1) == "Hit 1 call and 1 email"


def test_times_in_the_readers_zone():
    at = datetime(2026, 12, 14, 2, 30, tzinfo=UTC)
    assert text.moment(at, NY) == "Sun, Dec 13 at 9:30 PM EST"
    assert text.moment(at, LA) == "Sun, Dec 13 at 6:30 PM PST"
    assert text.moment(at, BERLIN) == "Mon, Dec 14 at 3:30 AM CET"
    # local midnight is the end of the day before: how a contest ending then is read
    assert text.moment(datetime(2026, 12, 14, 5, tzinfo=UTC), NY) == "Sun, Dec 13 at midnight EST"
    assert text.moment(datetime(2026, 7, 1, 4, tzinfo=UTC), NY) == "Tue, Jun 30 at midnight EDT"  # summer time
    assert text.moment(datetime(2026, 12, 14, 17, 5, tzinfo=UTC), NY) == "Mon, Dec 14 at 12:05 PM EST"
    assert text.clock(datetime(2026, 12, 14, 5, 0, 59, tzinfo=UTC), NY) == "12:00 AM EST"
