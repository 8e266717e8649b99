"""Pure rules of chat posting: which webhook URLs are accepted, what a channel posts, quiet hours,
the hourly cap, back-off, how a provider's answer is read, and the messages themselves (Slack
Block Kit, a Teams Adaptive Card in the workflow webhook envelope)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from email.utils import parsedate_to_datetime
from ipaddress import ip_address
from typing import Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from server.core.errors import DomainError

Provider = Literal["slack", "teams"]
#: What an admin chooses to post, and the feature events behind each.
Topic = Literal["deals_won", "contest_launches", "contest_results", "badges", "kudos", "level_ups"]
TOPICS: tuple[Topic, ...] = ("deals_won", "contest_launches", "contest_results", "badges", "kudos", "level_ups")
BADGE_TIERS = ("bronze", "silver", "gold", "platinum")

#: Hosts of incoming webhooks: Slack's, and those Teams workflows (Power Automate) hand out.
SLACK_HOSTS = ("hooks.slack.com",)
TEAMS_SUFFIXES = (".webhook.office.com", ".logic.azure.com", ".powerautomate.com",
                  ".environment.api.powerplatform.com")
MAX_URL = 2000

#: Back-off of retried deliveries: BASE_S * 2**attempt, capped, with up to 20 % jitter.
BACKOFF_BASE_S = 5.0
BACKOFF_MAX_S = 3600.0
#: A 429 without a usable Retry-After waits this long.
DEFAULT_RETRY_AFTER_S = 30.0
#: Answers that say the webhook itself is gone or refused: the channel is broken, not retried.
BROKEN_STATUSES = frozenset({401, 403, 404, 410})
BROKEN_BODIES = frozenset({"invalid_token", "channel_not_found", "channel_is_archived", "no_service",
                           "no_service_id", "no_team", "team_disabled", "action_prohibited", "no_active_hooks",
                           "posting_to_general_channel_denied"})


def _invalid(message: str) -> DomainError:
    return DomainError("invalid_webhook_url", message, details={"fields": ["url"]})


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(provider: Provider, url: str, *, allow_loopback: bool = False) -> str:
    """The webhook URL if a `provider` accepts posts on it; a 400 `invalid_webhook_url` otherwise.
    Only https on the provider's own hosts (plain http on 127.0.0.1 too when `allow_loopback`)."""
    if len(url) > MAX_URL or any(c.isspace() for c in url):
        raise _invalid(f"a webhook URL has at most {MAX_URL} characters and no spaces")
    u = urlsplit(url)
    host = (u.hostname or "").lower()
    if allow_loopback and _loopback(host) and u.scheme in ("http", "https"):
        return url
    if u.scheme != "https":
        raise _invalid("a webhook URL must start with https://")
    if u.username or u.password or u.port not in (None, 443):
        raise _invalid("a webhook URL names no user, password or port")
    if provider == "slack":
        if host not in SLACK_HOSTS or not u.path.startswith(("/services/", "/workflows/", "/triggers/")):
            raise _invalid("a Slack incoming webhook looks like https://hooks.slack.com/services/...")
    elif not host.endswith(TEAMS_SUFFIXES):
        raise _invalid("a Teams workflow webhook is on webhook.office.com, logic.azure.com, "
                       "powerautomate.com or api.powerplatform.com")
    return url


def url_tail(url: str) -> str:
    """What is ever shown of a stored URL: its last 4 characters."""
    return url[-4:]


# -- when a message may go --------------------------------------------------------------------

def parse_hhmm(value: str) -> time:
    h, m = value.split(":")
    return time(int(h), int(m))


def quiet_until(now: datetime, tz: ZoneInfo, start: str | None, end: str | None) -> datetime | None:
    """The end of the quiet window `now` falls in (local "HH:MM" times of the org; start > end
    spans midnight; start == end is no window), or None when posting is allowed."""
    if not start or not end or start == end:
        return None
    local = now.astimezone(tz)
    s, e = parse_hhmm(start), parse_hhmm(end)
    t = local.time().replace(second=0, microsecond=0)
    inside = s <= t < e if s < e else (t >= s or t < e)
    if not inside:
        return None
    day = local.date() if t < e else local.date() + timedelta(days=1)
    return datetime.combine(day, e, tzinfo=tz)


def cap_frees_at(sent_in_hour: list[datetime], cap: int, now: datetime) -> datetime | None:
    """When one more message may go under `cap` per rolling hour (None: now). `sent_in_hour` are
    the channel's send times of the last hour."""
    if cap <= 0 or len(sent_in_hour) < cap:
        return None
    frees = sorted(sent_in_hour)[-cap] + timedelta(hours=1)
    return frees if frees > now else None


def backoff_s(attempt: int, *, rand: float | None = None) -> float:
    """Seconds before retry number `attempt` (1 = the first retry)."""
    base = min(BACKOFF_BASE_S * float(2 ** max(attempt - 1, 0)), BACKOFF_MAX_S)
    jitter = random.random() if rand is None else rand  # noqa: S311 - jitter, not a secret
    return base * (1 + 0.2 * jitter)


def retry_after_s(value: str | None, now: datetime) -> float:
    """A Retry-After header (seconds or an HTTP date) in seconds; the default when absent or unusable."""
    if not value:
        return DEFAULT_RETRY_AFTER_S
    value = value.strip()
    if value.isdigit():
        return min(float(value), BACKOFF_MAX_S)
    try:
        at = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return DEFAULT_RETRY_AFTER_S
    return min(max((at - now).total_seconds(), 1.0), BACKOFF_MAX_S)


# -- what an answer means ----------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Outcome:
    """`sent`, `retry` (after `wait_s`), `broken` (the channel: stop posting on it) or `failed`
    (this message only: the provider refused its content)."""

    result: Literal["sent", "retry", "broken", "failed"]
    error: str | None = None
    wait_s: float = 0.0


def outcome(status: int, body: str, retry_after: str | None, now: datetime, attempt: int) -> Outcome:
    """Read a provider's answer to the `attempt`-th try of a message."""
    text = body.strip()[:200]
    if 200 <= status < 300:
        return Outcome("sent")
    error = f"HTTP {status}: {text}" if text else f"HTTP {status}"
    if status == 429:
        return Outcome("retry", error, retry_after_s(retry_after, now))
    if status in BROKEN_STATUSES or text in BROKEN_BODIES:
        return Outcome("broken", error)
    if 400 <= status < 500:
        return Outcome("failed", error)
    return Outcome("retry", error, backoff_s(attempt))


# -- the messages -------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Message:
    """One post: a headline and a line of detail, in plain text."""

    title: str
    detail: str


def _num(value: float | int | None) -> str:
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def message(topic: str, data: dict[str, Any], names: dict[int, str], labels: dict[str, str]) -> Message:
    """The post for one event. Reps are named by display name only (`names`: user id -> name)."""
    who = names.get(int(data.get("user_id") or 0), "A teammate")
    if topic == "deals_won":
        label = labels.get(str(data.get("activity_type")), str(data.get("activity_type") or "a deal"))
        value = data.get("value")
        worth = f" worth {_num(value)}" if value else ""
        return Message(f"{who} won a deal!", f"{label}{worth}, +{data.get('points', 0)} points.")
    if topic == "badges":
        return Message(f"{who} earned the {data.get('tier', '')} badge \u201c{data.get('name', '')}\u201d",
                       str(data.get("message") or "Congratulations!"))
    if topic == "kudos":
        giver = names.get(int(data.get("from_user_id") or 0), "A teammate")
        return Message(f"{giver} gave kudos to {who}", str(data.get("message") or ""))
    if topic == "level_ups":
        return Message(f"{who} reached level {data.get('level')}!", f"Tier: {data.get('tier', '')}.")
    if topic == "contest_launches":
        return Message(str(data.get("title") or "A contest has started"), "Good luck, everyone!")
    if topic == "test":
        return Message("RepRally is connected", "Wins will be posted here.")
    winners = [names.get(int(w["user_id"]), "A teammate") for w in data.get("winners", [])][:10]
    return Message(f"Results of {data.get('name', 'the contest')}",
                   ("Winners: " + ", ".join(winners)) if winners else "The contest is over: no winner this time.")


def _mrkdwn(value: str) -> str:
    """Slack's mrkdwn escapes: & < > (so a name cannot make a link or a mention)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_payload(m: Message, board_url: str | None) -> dict[str, Any]:
    """An incoming-webhook body: Block Kit blocks and `text` as the notification fallback."""
    blocks: list[dict[str, Any]] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": f"*{_mrkdwn(m.title)}*\n{_mrkdwn(m.detail)}"}}]
    if board_url:
        blocks.append({"type": "actions", "elements": [
            {"type": "button", "text": {"type": "plain_text", "text": "Open the board"}, "url": board_url}]})
    return {"text": f"{m.title} {m.detail}".strip(), "blocks": blocks}


def teams_payload(m: Message, board_url: str | None) -> dict[str, Any]:
    """A Teams workflow webhook body: one Adaptive Card (1.4) in a message envelope."""
    card: dict[str, Any] = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": [{"type": "TextBlock", "text": m.title, "weight": "Bolder", "size": "Medium", "wrap": True},
                 {"type": "TextBlock", "text": m.detail, "wrap": True}],
    }
    if board_url:
        card["actions"] = [{"type": "Action.OpenUrl", "title": "Open the board", "url": board_url}]
    return {"type": "message", "attachments": [
        {"contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": None, "content": card}]}


def payload(provider: Provider, m: Message, board_url: str | None) -> dict[str, Any]:
    return slack_payload(m, board_url) if provider == "slack" else teams_payload(m, board_url)
