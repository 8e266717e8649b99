"""Rules of kudos and feed reactions: what a kudos may say and carry, the monthly allowance,
the anti-spam limits, and the allowed reactions. Pure functions, no I/O."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from server.core import text as wording
from server.core.errors import Conflict, DomainError, RateLimited
from server.core.periods import period_for

DEFAULT_VALUES = ("Customer first", "Team player", "Ownership", "Hustle", "Above and beyond")
MAX_MESSAGE = 500
MAX_VALUES = 20
MAX_VALUE_LEN = 40
HOUR = timedelta(hours=1)
DAY = timedelta(hours=24)

#: The reactions a feed item accepts, in display order; names are accepted as aliases.
REACTIONS = ("👏", "🎉", "🔥", "❤️", "💪", "🙌")
REACTION_NAMES = {"clap": "👏", "tada": "🎉", "fire": "🔥", "heart": "❤️", "muscle": "💪", "raised_hands": "🙌"}
_VS16 = "\ufe0f"  # emoji presentation selector: "❤" and "❤️" are the same reaction


@dataclass(frozen=True, slots=True)
class KudosPolicy:
    """An org's kudos settings (these defaults apply until an admin changes them)."""

    values: tuple[str, ...] = DEFAULT_VALUES
    monthly_allowance: int = 100  # points a person may give away per calendar month (org time zone)
    max_points: int = 25  # points one kudos may carry
    per_hour: int = 10  # kudos one person may give in any 60 minutes
    per_day: int = 30  # ... in any 24 hours
    per_pair_day: int = 3  # ... to the same person in any 24 hours


LIMITS = {"monthly_allowance": (0, 1_000_000), "max_points": (0, 10_000), "per_hour": (1, 1000),
          "per_day": (1, 10_000), "per_pair_day": (1, 1000)}


def updated_policy(policy: KudosPolicy, changes: dict[str, Any]) -> KudosPolicy:
    """The policy with an admin's changes applied, validated."""
    for name, value in changes.items():
        if name == "values":
            continue
        low, high = LIMITS[name]
        if not low <= value <= high:
            raise DomainError("invalid_kudos_settings", f"{name} must be between {low} and {high}",
                              details={"field": name})
    if "values" in changes:
        changes = {**changes, "values": clean_values(changes["values"])}
    new = replace(policy, **changes)
    if new.per_hour > new.per_day:
        raise DomainError("invalid_kudos_settings", "per_hour cannot exceed per_day", details={"field": "per_hour"})
    return new


def clean_values(values: Iterable[str]) -> tuple[str, ...]:
    """Company values: trimmed, non-empty, unique ignoring case, at most `MAX_VALUES`."""
    out: list[str] = []
    seen: set[str] = set()
    for raw in values:
        v = " ".join(raw.split())
        if not 1 <= len(v) <= MAX_VALUE_LEN:
            raise DomainError("invalid_kudos_settings", f"a value is 1 to {MAX_VALUE_LEN} characters",
                              details={"field": "values"})
        if v.casefold() in seen:
            raise DomainError("invalid_kudos_settings", f"value '{v}' is listed twice", details={"field": "values"})
        seen.add(v.casefold())
        out.append(v)
    if len(out) > MAX_VALUES:
        raise DomainError("invalid_kudos_settings", f"at most {MAX_VALUES} values", details={"field": "values"})
    return tuple(out)


def clean_message(message: str) -> str:
    text = message.strip()
    if not 1 <= len(text) <= MAX_MESSAGE:
        raise DomainError("invalid_message", f"a kudos message is 1 to {MAX_MESSAGE} characters")
    return text


def check_recipient(giver_id: int, recipient_id: int) -> None:
    if giver_id == recipient_id:
        raise DomainError("kudos_to_self", "kudos go to someone else")


def resolve_value_tag(tag: str | None, values: Iterable[str]) -> str | None:
    """The org's spelling of `tag` (matched ignoring case and spacing), or a 400 listing the choices."""
    if tag is None:
        return None
    wanted = " ".join(tag.split()).casefold()
    values = tuple(values)
    for v in values:
        if v.casefold() == wanted:
            return v
    raise DomainError("unknown_value_tag", f"'{tag}' is not one of the org's values", details={"values": list(values)})


@dataclass(frozen=True, slots=True)
class Month:
    """A calendar month of the org's time zone: its id (`2026-11`) and [start, end) in UTC."""

    id: str
    start: datetime
    end: datetime


def month_of(now: datetime, tz: ZoneInfo) -> Month:
    """The calendar month (org time zone) whose allowance `now` draws from."""
    period = period_for("month", now, tz)
    assert period.end is not None  # only the all-time period has no end
    return Month(period.id, period.start, period.end)


def check_points(points: int, policy: KudosPolicy, used_this_month: int) -> None:
    """A kudos' points must fit the per-kudos cap and what is left of the monthly allowance."""
    if points < 0:
        raise DomainError("invalid_points", "points cannot be negative")
    if points > policy.max_points:
        raise DomainError("too_many_points", f"a kudos carries at most {wording.points(policy.max_points)}",
                          details={"max_points": policy.max_points})
    remaining = max(0, policy.monthly_allowance - used_this_month)
    if points > remaining:
        raise Conflict("allowance_exceeded", f"only {wording.points(remaining)} left of this month's allowance",
                       details={"remaining": remaining, "allowance": policy.monthly_allowance})


def _wait(times: list[datetime], limit: int, window: timedelta, now: datetime) -> float:
    """Seconds until fewer than `limit` of `times` fall in the window ending now (0 if already)."""
    inside = sorted(t for t in times if t > now - window)
    if len(inside) < limit:
        return 0.0
    # One slot frees when the (len - limit + 1)-th oldest leaves the window.
    return (inside[len(inside) - limit] + window - now).total_seconds()


def check_rate(now: datetime, recent: list[tuple[int, datetime]], recipient_id: int, policy: KudosPolicy) -> None:
    """Refuse a kudos over the giver's limits. `recent` is (recipient, given at) of the giver's
    kudos in the last 24 hours. Raises `RateLimited` with the seconds until one would pass."""
    times = [at for _, at in recent]
    waits = {
        "per_hour": _wait(times, policy.per_hour, HOUR, now),
        "per_day": _wait(times, policy.per_day, DAY, now),
        "per_pair_day": _wait([at for uid, at in recent if uid == recipient_id], policy.per_pair_day, DAY, now),
    }
    limit, wait = max(waits.items(), key=lambda kv: kv[1])
    if wait > 0:
        seconds = max(1, math.ceil(wait))
        what = {"per_hour": f"{policy.per_hour} kudos an hour",
                "per_day": f"{policy.per_day} kudos a day",
                "per_pair_day": f"{policy.per_pair_day} kudos a day to the same person"}[limit]
        raise RateLimited("rate_limited", f"you can give at most {what}; try again in {seconds} s",
                          retry_after_s=seconds, details={"limit": limit})


def normalise_emoji(emoji: str) -> str:
    """The canonical form of an allowed reaction (by character, with or without the emoji
    presentation selector, or by name), or a 400 listing the choices."""
    text = emoji.strip()
    if text in REACTION_NAMES:
        return REACTION_NAMES[text]
    bare = text.replace(_VS16, "")
    for r in REACTIONS:
        if r.replace(_VS16, "") == bare:
            return r
    raise DomainError("unknown_emoji", "reactions are one of " + " ".join(REACTIONS),
                      details={"allowed": list(REACTIONS), "names": list(REACTION_NAMES)})
