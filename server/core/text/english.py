"""Generated text: counted nouns, points, lists of names, mission labels and times in the
reader's own time zone. Every text the product writes for a rep (missions, notices, pushes,
contest explanations) goes through here, so "1 call", "+1 point" and "Sun, Dec 13 at 9:00 PM
PST" read the same everywhere. Pure functions.

The product speaks English, whose plural rule (CLDR) is "one" for exactly 1 and "other" for
everything else; callers give both forms, so irregular plurals need no dictionary. (Babel would
bring that one rule with 30 MB of locale data; its time formats would not spare the midnight
rule below.)
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo


def plural(n: int | float, singular: str, plural_form: str | None = None) -> str:
    """The form of a noun for `n`: `singular` for exactly 1, else `plural_form` (singular + "s")."""
    return singular if n == 1 else (plural_form if plural_form is not None else singular + "s")


def count(n: int, singular: str, plural_form: str | None = None) -> str:
    """ "1 call", "2 calls", "1,200 calls", "0 opportunities" (with `plural_form`)."""
    return f"{n:,} {plural(n, singular, plural_form)}"


def points(n: int, *, signed: bool = False) -> str:
    """ "1 point", "25 points"; `signed`: "+1 point", "-5 points"."""
    return f"{n:+,} {plural(abs(n), 'point')}" if signed else count(n, "point")


def names(items: list[str], limit: int = 2, total: int | None = None) -> str:
    """ "Sam", "Sam and Kim", "Sam, Kim and 3 others"; `total` counts people beyond `items`."""
    how_many = max(len(items), total or 0)
    if not items:
        return "someone"
    if how_many == 1:
        return items[0]
    if how_many == len(items) <= limit:
        return f"{', '.join(items[:-1])} and {items[-1]}"
    shown = items[:limit]
    return f"{', '.join(shown)} and {count(how_many - len(shown), 'other')}"


_CHOICE = re.compile(r"\{([^{}|]*)\|([^{}|]*)\}")


def fill_target(label: str, target: int) -> str:
    """A mission template's label for one target: `{target}` is the number, and `{singular|plural}`
    the form that agrees with it: "Create {target} {opportunity|opportunities}" gives "Create 1
    opportunity" and "Create 3 opportunities"."""
    chosen = _CHOICE.sub(lambda m: m.group(1) if target == 1 else m.group(2), label)
    return chosen.replace("{target}", f"{target:,}")


def clock(at: datetime, tz: ZoneInfo) -> str:
    """ "9:00 PM PST": the local time of day with the zone's abbreviation."""
    local = at.astimezone(tz)
    hour = local.hour % 12 or 12
    return f"{hour}:{local.minute:02d} {'AM' if local.hour < 12 else 'PM'} {local.tzname()}"


def day(at: datetime, tz: ZoneInfo) -> str:
    """ "Sun, Dec 13": the local date."""
    local = at.astimezone(tz)
    return f"{local:%a, %b} {local.day}"


def moment(at: datetime, tz: ZoneInfo) -> str:
    """An instant as a reader in `tz` says it: "Sun, Dec 13 at 9:00 PM PST". Local midnight is the
    end of the day before ("Sun, Dec 13 at midnight EST"), as a contest ending then is read."""
    local = at.astimezone(tz)
    if (local.hour, local.minute, local.second, local.microsecond) == (0, 0, 0, 0):
        return f"{day(local - timedelta(seconds=1), tz)} at midnight {local.tzname()}"
    return f"{day(local, tz)} at {clock(local, tz)}"
