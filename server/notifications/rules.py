"""Rules of push and in-app notifications: the known kinds and their defaults, the trigger
rules (passed on a board, entered the top N, a team win), quiet hours, staleness, the hourly
cap with bundling, retry backoff and what to do with each FCM error. Pure functions."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from server.core import text
from server.core.errors import DomainError


@dataclass(frozen=True, slots=True)
class KindSpec:
    label: str
    default_on: bool
    ttl: timedelta  # a push older than this is dropped instead of sent (it stays in-app)


#: Every kind the product knows, in one place. Other kinds are accepted with `UNKNOWN_KIND`.
KINDS: dict[str, KindSpec] = {
    "passed": KindSpec("You passed someone on a leaderboard", True, timedelta(hours=2)),
    "passed_by": KindSpec("Someone passed you on a leaderboard", True, timedelta(hours=2)),
    "top_n": KindSpec("You entered the top of a leaderboard", True, timedelta(hours=6)),
    "team_win": KindSpec("A big win by your team", True, timedelta(hours=6)),
    "kudos": KindSpec("A teammate gave you kudos", True, timedelta(hours=24)),
    "badge_earned": KindSpec("You earned a badge", True, timedelta(hours=24)),
    "mission_done": KindSpec("You completed a mission", True, timedelta(hours=12)),
    "missions_all_done": KindSpec("You completed all of today's missions", True, timedelta(hours=12)),
    "streak_at_risk": KindSpec("Your streak is at risk", True, timedelta(hours=3)),
    "contest_starting": KindSpec("A contest you are in starts soon", True, timedelta(hours=2)),
    "contest_ending": KindSpec("A contest you are in ends soon", True, timedelta(hours=1)),
    "contest_result": KindSpec("A contest you were in has a result", True, timedelta(hours=48)),
    "welcome": KindSpec("Welcome and tips", True, timedelta(hours=24)),
    "insight_alert": KindSpec("A rep on your team may need help (managers)", True, timedelta(hours=24)),
    "insight_digest": KindSpec("Your weekly team digest (managers)", True, timedelta(hours=48)),
}
UNKNOWN_KIND = KindSpec("Other updates", True, timedelta(hours=24))
BUNDLE_KIND = "bundle"


def spec(kind: str) -> KindSpec:
    return KINDS.get(kind, UNKNOWN_KIND)


@dataclass(frozen=True, slots=True)
class OrgDefaults:
    """An org's notification defaults: kinds an admin switched on or off for everyone who has not
    chosen, and quiet hours for reps without their own."""

    kinds: dict[str, bool] = field(default_factory=dict)
    quiet_start: str | None = None
    quiet_end: str | None = None


def kind_enabled(kind: str, overrides: dict[str, bool] | None, defaults: OrgDefaults | None = None) -> bool:
    """The rep's own switch, else the org's default, else the product's."""
    if overrides and kind in overrides:
        return bool(overrides[kind])
    if defaults is not None and kind in defaults.kinds:
        return bool(defaults.kinds[kind])
    return spec(kind).default_on


def quiet_hours(start: str | None, end: str | None, defaults: OrgDefaults | None) -> tuple[str | None, str | None]:
    """The rep's own quiet hours, else the org's default ones (None, None: none at all)."""
    if start and end:
        return start, end
    if defaults is not None and defaults.quiet_start and defaults.quiet_end:
        return defaults.quiet_start, defaults.quiet_end
    return None, None


def check_kind_overrides(kinds: dict[str, bool]) -> dict[str, bool]:
    unknown = sorted(k for k in kinds if k not in KINDS)
    if unknown:
        raise DomainError("unknown_notification_kind", f"unknown notification kind(s): {', '.join(unknown)}",
                          details={"kinds": unknown, "known": sorted(KINDS)})
    return {k: bool(v) for k, v in kinds.items()}


# -- devices ---------------------------------------------------------------------------------------
PLATFORMS = ("ios", "android", "web")
_TOKEN = re.compile(r"^[A-Za-z0-9_:\-.]{8,512}$")


def check_device(token: str, platform: str) -> None:
    if platform not in PLATFORMS:
        raise DomainError("invalid_platform", f"platform must be one of {', '.join(PLATFORMS)}",
                          details={"platform": platform})
    if not _TOKEN.match(token):
        raise DomainError("invalid_device_token", "token must be an FCM registration token (8-512 characters)")


# -- quiet hours -------------------------------------------------------------------------------------
_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def parse_hhmm(value: str) -> time:
    m = _HHMM.match(value or "")
    if not m:
        raise DomainError("invalid_quiet_hours", f"'{value}' is not a local time like 22:00",
                          details={"value": value})
    return time(int(m.group(1)), int(m.group(2)))


def check_quiet_hours(start: str, end: str) -> None:
    if parse_hhmm(start) == parse_hhmm(end):
        raise DomainError("invalid_quiet_hours", "quiet hours must not start and end at the same time")


def _at(day: date, t: time, tz: ZoneInfo) -> datetime:
    """UTC instant of local `t` on `day`. A time skipped by a DST jump is read with the offset
    before the jump (02:30 on a spring-forward night is 03:30 summer time); a repeated one is
    its first occurrence."""
    return datetime.combine(day, t, tzinfo=tz).astimezone(UTC)


def quiet_until(now: datetime, tz: ZoneInfo, start: str | None, end: str | None) -> datetime | None:
    """When quiet hours that contain `now` end (UTC), or None if `now` is not in quiet hours.
    `start > end` spans midnight (22:00-07:00)."""
    if not start or not end:
        return None
    s, e = parse_hhmm(start), parse_hhmm(end)
    local = now.astimezone(tz)
    today = local.date()
    t = local.time().replace(tzinfo=None)
    if s < e:
        return _at(today, e, tz) if s <= t < e else None
    if t >= s:  # evening part: ends tomorrow
        return _at(today + timedelta(days=1), e, tz)
    if t < e:  # morning part: ends today
        return _at(today, e, tz)
    return None


def is_stale(kind: str, created_at: datetime, now: datetime) -> bool:
    return now - created_at > spec(kind).ttl


# -- cap and bundling -----------------------------------------------------------------------------
CAP_WINDOW = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class PushPlan:
    single: list[int]  # outbox ids sent as their own push
    bundle: list[int]  # outbox ids sent together as one "N new updates" push
    defer_until: datetime | None  # all remaining ids wait until then (cap reached)
    deferred: list[int]


def plan_pushes(due: list[int], sent_in_window: Iterable[datetime], cap: int, now: datetime) -> PushPlan:
    """Decide how one rep's due pushes go out under `cap` pushes per rolling hour.

    `due` is oldest first. If they fit, each goes alone; if not, the ones that fit go alone
    and the rest as one bundle (a bundle counts as one push); with no room left they all wait
    until the oldest push of the window is an hour old, and then go as a bundle."""
    sent = sorted(sent_in_window)
    room = cap - len(sent)
    if not due:
        return PushPlan([], [], None, [])
    if room <= 0:
        free_at = sent[len(sent) - cap] + CAP_WINDOW if cap > 0 else now + CAP_WINDOW
        return PushPlan([], [], max(free_at, now), list(due))
    if len(due) <= room:
        return PushPlan(list(due), [], None, [])
    singles = list(due[:room - 1])
    return PushPlan(singles, list(due[room - 1:]), None, [])


def bundle_text(how_many: int) -> tuple[str, str]:
    return "RepRally", text.count(how_many, "new update")


# -- retries --------------------------------------------------------------------------------------
BACKOFF_BASE_S = 5.0
BACKOFF_CAP_S = 1800.0
QUOTA_MIN_S = 60.0
MAX_ATTEMPTS = 8


def backoff_s(attempt: int, *, quota: bool = False, retry_after_s: float | None = None,
              rng: random.Random | None = None) -> float:
    """Delay before retry `attempt` (1-based): exponential with full jitter on the upper half
    (never shorter than half the step); a quota error waits at least 60 s and honours Retry-After."""
    r = (rng or random).random()
    step: float = min(BACKOFF_CAP_S, BACKOFF_BASE_S * (2 ** max(attempt - 1, 0)))  # int ** int is Any to mypy
    delay = step / 2 + r * step / 2
    if quota:
        delay = max(delay, QUOTA_MIN_S + r * QUOTA_MIN_S / 2)
    if retry_after_s is not None:
        delay = max(delay, retry_after_s)
    return delay


#: What the sender does with a device's result.
DELETE_TOKEN, RETRY, FAIL = "delete_token", "retry", "fail"


def error_action(code: str, message: str = "") -> str:
    """`code` is the FCM error class (unregistered, sender_id_mismatch, invalid_argument,
    quota_exceeded, unavailable, internal, third_party_auth, unknown)."""
    if code in ("unregistered", "sender_id_mismatch"):
        return DELETE_TOKEN
    if code == "invalid_argument":
        lowered = message.lower()
        return DELETE_TOKEN if "registration token" in lowered or "invalid token" in lowered else FAIL
    if code in ("quota_exceeded", "unavailable", "internal", "unknown", "deadline_exceeded", "unauthenticated",
                "permission_denied"):
        return RETRY
    return FAIL  # third_party_auth (APNs configuration: keep the token), permission, ...


# -- collapse keys ------------------------------------------------------------------------------
def collapse_key(value: str) -> str:
    """A collapse key / apns-collapse-id: at most 64 bytes of a safe alphabet."""
    return re.sub(r"[^A-Za-z0-9_:\-.]", "_", value)[:64]


# -- trigger rules ----------------------------------------------------------------------------------
def passed_users(old: int, new: int, others: dict[int, int]) -> list[int]:
    """Whom a rep whose score went from `old` to `new` passed: those strictly between (a tie
    with the old score is not counted, one with the new score keeps the earlier rep ahead)."""
    if new <= old:
        return []
    return sorted((uid for uid, s in others.items() if old < s < new), key=lambda u: (-others[u], u))


def tell_passed(mover_rank: int, top: int, mover_team: int | None, passed_team: int | None) -> bool:
    """Whether a passed rep hears of it: near the top of the board, where ranks are watched (and
    shown on the office TV), or when the one passing them is a teammate. Deep in a board of
    thousands, a pass is noise: the rep would hear of one several times an hour."""
    return mover_rank <= top or (mover_team is not None and mover_team == passed_team)


def rank_with(score: int, others: Iterable[int]) -> int:
    """Competition rank of `score` among `others` (ties share the better rank)."""
    return 1 + sum(1 for s in others if s > score)


def entered_top(old_rank: int, new_rank: int, n: int) -> bool:
    return n > 0 and new_rank <= n < old_rank


def is_big_win(value: float | None, threshold: float) -> bool:
    return value is not None and value > 0 and value >= threshold


BOARD_NAMES = {"day": "today's", "week": "this week's", "month": "this month's", "quarter": "this quarter's",
               "all": "the all-time"}


def passed_text(passed_names: list[str], window: str, total: int | None = None) -> tuple[str, str]:
    """`passed_names` nearest first; `total` how many were passed in all (default: those named)."""
    who = text.names(passed_names, total=total)
    return "You moved up!", f"You passed {who} on {BOARD_NAMES.get(window, window)} leaderboard."


def passed_by_text(mover: str, window: str) -> tuple[str, str]:
    return "You've been passed", f"{mover} just passed you on {BOARD_NAMES.get(window, window)} leaderboard."


def top_n_text(rank: int, n: int, window: str) -> tuple[str, str]:
    return f"You're in the top {n}!", f"You're now #{rank} on {BOARD_NAMES.get(window, window)} leaderboard."


def team_win_text(winner: str, type_label: str, value: float | None) -> tuple[str, str]:
    amount = f" worth {value:,.0f}" if value else ""
    return "Big win for your team", f"{winner} just logged a {type_label}{amount}."
