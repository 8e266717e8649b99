"""Realtime channel names and who may join them (pure rules, shared by API and game server).

Names:  lb:<metric>:<window>:<segment>   e.g. lb:points:week:org, lb:call:day:team:12
        user:<id>                         the owner's private channel
        feed                              the org's wins and recognition
        contest:<id>                      a contest's standings
"""

from __future__ import annotations

from dataclasses import dataclass

from server.core.errors import DomainError, Forbidden
from server.core.periods import WINDOWS

SEGMENT_KINDS = ("team", "region", "job_role", "shift")
MAX_CHANNEL_LEN = 200


@dataclass(frozen=True, slots=True)
class Channel:
    kind: str  # lb | user | feed | contest
    name: str
    metric: str | None = None
    window: str | None = None
    segment: str | None = None  # "org" or "<kind>:<value>"
    owner_id: int | None = None
    contest_id: int | None = None

    @property
    def public(self) -> bool:
        return self.kind != "user"


def parse_channel(name: str) -> Channel:
    if not name or len(name) > MAX_CHANNEL_LEN:
        raise DomainError("invalid_channel", "channel name is empty or too long")
    if name == "feed":
        return Channel("feed", name)
    head, _, rest = name.partition(":")
    if head == "user" and rest.isdigit():
        return Channel("user", name, owner_id=int(rest))
    if head == "contest" and rest.isdigit():
        return Channel("contest", name, contest_id=int(rest))
    if head == "lb":
        parts = rest.split(":", 2)
        if len(parts) == 3:
            metric, window, segment = parts
            if metric and window in WINDOWS and _segment_ok(segment):
                return Channel("lb", name, metric=metric, window=window, segment=segment)
    raise DomainError("invalid_channel", f"unknown channel '{name}'; see docs/realtime-protocol.md")


def _segment_ok(segment: str) -> bool:
    if segment == "org":
        return True
    kind, sep, value = segment.partition(":")
    if not sep or kind not in SEGMENT_KINDS or not value:
        return False
    return value.isdigit() and int(value) < 2**63 if kind == "team" else True


def check_access(channel: Channel, *, role: str, user_id: int | None) -> None:
    """Displays see public channels only; a private channel only its owner."""
    if channel.kind == "user":
        if role == "display" or channel.owner_id != user_id:
            raise Forbidden("forbidden_channel", "a private channel is only for its owner")


def check_contest_access(*, exists: bool, hidden: bool, role: str) -> None:
    """`contest:<id>`: a contest of the caller's org; a hidden one only for managers and admins
    (to anyone else it does not exist, as on the HTTP API)."""
    if not exists or hidden and role not in ("manager", "admin"):
        raise DomainError("unknown_channel", "no such contest in your org")
