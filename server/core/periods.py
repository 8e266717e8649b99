"""Leaderboard windows and their periods in an org's time zone.

A period is identified by a string id (``2026-11-22`` for a day, ``w2026-11-16`` for the
week that starts on that local date, ``2026-11``, ``2026-Q4``, ``all``) and spans
``[start, end)`` in UTC. Local midnights are resolved through zoneinfo, so DST days are
23 or 25 hours long and a week that contains a DST change is 167 or 169 hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Literal, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from server.core.errors import DomainError

#: A board's time window (the wire types and the OpenAPI enum use the Literal).
Window = Literal["day", "week", "month", "quarter", "all"]
WINDOWS: tuple[Window, ...] = get_args(Window)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

#: How long a finished period's board stays readable (and accepts past-dated activities).
RETENTION = {
    "day": timedelta(days=8),
    "week": timedelta(days=35),
    "month": timedelta(days=35),
    "quarter": timedelta(days=35),
}

ALL_TIME_START = datetime(2020, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Period:
    window: str
    id: str
    start: datetime  # UTC, inclusive
    end: datetime | None  # UTC, exclusive; None for all-time

    @property
    def expires_at(self) -> datetime | None:
        return None if self.end is None else self.end + RETENTION[self.window]


@dataclass(frozen=True, slots=True)
class WorkCalendar:
    """An org's working days: weekday numbers (Monday = 0) and holidays. Pace, baselines and the
    early-warning rules count working days; the habits feature owns the org's calendar and lends
    it through the registry (`Registry.calendars`)."""

    workdays: frozenset[int] = frozenset(range(5))
    holidays: frozenset[date] = frozenset()

    def is_working(self, day: date) -> bool:
        return day.weekday() in self.workdays and day not in self.holidays

    def working_days(self, first: date, end: date) -> list[date]:
        """The working days of `[first, end)`, in order."""
        out, day = [], first
        while day < end:
            if self.is_working(day):
                out.append(day)
            day += timedelta(days=1)
        return out

    def last_working_days(self, before: date, n: int, *, max_span: int = 400) -> list[date]:
        """The `n` working days just before `before` (fewer if none in `max_span` days), oldest first."""
        out: list[date] = []
        day = before - timedelta(days=1)
        while len(out) < n and (before - day).days <= max_span:
            if self.is_working(day):
                out.append(day)
            day -= timedelta(days=1)
        return out[::-1]


def zone(name: str) -> ZoneInfo:
    """The ZoneInfo for an IANA name, or a 400 `invalid_timezone`."""
    if not name or name != name.strip() or name.startswith("/") or ".." in name:
        raise DomainError("invalid_timezone", f"'{name}' is not an IANA time zone name")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise DomainError("invalid_timezone", f"'{name}' is not an IANA time zone name") from None


def is_timezone(name: str) -> bool:
    return name in available_timezones()


def local_midnight(day: date, tz: ZoneInfo) -> datetime:
    """UTC instant of local 00:00 on `day` (the first instant of that day where 00:00 is skipped)."""
    # fold=0 reads a skipped midnight (e.g. America/Santiago) with the offset before the jump,
    # which gives the instant the clocks jump: the day's first instant (fold=1 would give an
    # instant of the day before). A repeated midnight gets its first occurrence.
    return datetime(day.year, day.month, day.day, tzinfo=tz).astimezone(UTC)


def _week_start(day: date, week_start: int) -> date:
    return day - timedelta(days=(day.weekday() - week_start) % 7)


def local_date(at: datetime, tz: ZoneInfo) -> date:
    return at.astimezone(tz).date()


def period_for(window: str, at: datetime, tz: ZoneInfo, week_start: int = 0) -> Period:
    """The period of `window` that contains instant `at` (aware), in time zone `tz`."""
    if window == "all":
        return Period("all", "all", ALL_TIME_START, None)
    return period_of_date(window, local_date(at, tz), tz, week_start)


@lru_cache(maxsize=8192)
def period_of_date(window: str, day: date, tz: ZoneInfo, week_start: int = 0) -> Period:
    """The period of `window` that contains local date `day`. Cached (two zone conversions each):
    the activity path asks for the same few periods for every activity (boards, rank notices)."""
    if window == "day":
        first, nxt, pid = day, day + timedelta(days=1), day.isoformat()
    elif window == "week":
        first = _week_start(day, week_start)
        nxt, pid = first + timedelta(days=7), f"w{first.isoformat()}"
    elif window == "month":
        first = day.replace(day=1)
        nxt = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
        pid = f"{first.year:04d}-{first.month:02d}"
    elif window == "quarter":
        q = (day.month - 1) // 3
        first = date(day.year, 3 * q + 1, 1)
        nxt = date(day.year + (q == 3), (3 * q + 3) % 12 + 1, 1)
        pid = f"{day.year:04d}-Q{q + 1}"
    elif window == "all":
        return Period("all", "all", ALL_TIME_START, None)
    else:
        raise DomainError("invalid_window", f"window must be one of {', '.join(WINDOWS)}")
    return Period(window, pid, local_midnight(first, tz), local_midnight(nxt, tz))


def periods_for(at: datetime, tz: ZoneInfo, week_start: int = 0) -> list[Period]:
    """Every window's period containing `at`, computing the local date once."""
    return list(periods_of_day(local_date(at, tz), tz, week_start))


@lru_cache(maxsize=4096)
def periods_of_day(day: date, tz: ZoneInfo, week_start: int = 0) -> tuple[Period, ...]:
    """Every window's period of a local date. Cached: an org's activities fall on a few days,
    and each period costs two time-zone conversions (the boards need them for every entry)."""
    return tuple(period_of_date(w, day, tz, week_start) for w in WINDOWS)


def parse_period_id(window: str, period_id: str, tz: ZoneInfo, week_start: int = 0) -> Period:
    """The period a client names by id (e.g. last week's board), validated against `window`."""
    try:
        if window == "all":
            if period_id != "all":
                raise ValueError
            return period_of_date("all", date(2000, 1, 1), tz)  # any day: one period
        if window == "day":
            day = date.fromisoformat(period_id)
        elif window == "week":
            if not period_id.startswith("w"):
                raise ValueError
            day = date.fromisoformat(period_id[1:])
        elif window == "month":
            year, month = period_id.split("-")
            day = date(int(year), int(month), 1)
        elif window == "quarter":
            year, q = period_id.split("-Q")
            day = date(int(year), 3 * (int(q) - 1) + 1, 1)
        else:
            raise DomainError("invalid_window", f"window must be one of {', '.join(WINDOWS)}")
    except (ValueError, TypeError):
        raise DomainError("invalid_period", f"'{period_id}' is not a {window} period id") from None
    period = period_of_date(window, day, tz, week_start)
    if period.id != period_id:
        raise DomainError("invalid_period", f"'{period_id}' is not a {window} period id")
    return period
