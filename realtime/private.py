"""Leaderboard channels seen through a privacy mode (`server.privacy`): per-viewer filtering.

A channel's frames are published once, for everyone (realtime/writer.py). A subscriber who may
see the whole board (managers, admins, reps and displays in `full` with nobody hidden from them)
gets those frames as they are (realtime/fanout.py). For the others the hub keeps the channel's
full view in this process (`Seen`, updated from every published frame) and sends each of them
their own snapshot and deltas: the rows their mode lets through, stamped with the published
frame's epoch and offset. A filtered subscriber never receives a published frame's entries,
never replays history (`since` gives them a fresh snapshot), and so can never learn more than
their mode shows. The cost falls only on filtered subscribers: one decode per frame per channel
and a pass over the channel's view (`VIEW_SIZE` rows) per filtered socket (docs/mechanics.md).
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field
from typing import Any

from realtime import protocol
from realtime.views import Entry
from server.privacy import rules

Shown = dict[int, dict[str, Any]]


@dataclass(eq=False)
class Seen:
    """A channel's full view as published, kept while it has filtered subscribers."""

    entries: list[Entry] = field(default_factory=list)
    period: Any = None
    epoch: str = ""
    offset: int = 0
    #: frames that arrived while the first view was being read (applied once it is)
    pending: list[bytes] | None = None
    loaded: asyncio.Event = field(default_factory=asyncio.Event)


@dataclass(eq=False)
class Private:
    """One filtered subscription: the viewer, their mode, and what they were last sent."""

    viewer: rules.Viewer
    mode: rules.Mode
    hidden: frozenset[int]
    own: Entry | None = None  # a rep's own row when it is not in the channel's view
    shown: Shown = field(default_factory=dict)
    ready: bool = False


def apply(seen: Seen, frame: dict[str, Any]) -> None:
    """Bring `seen` up to a published frame (deltas carry absolute ranks and scores: idempotent)."""
    seen.epoch, seen.offset = frame.get("epoch", seen.epoch), frame.get("offset", seen.offset)
    if frame.get("type") == "period":
        seen.entries, seen.period = [], frame.get("period")
        return
    if frame.get("type") != "delta":
        return
    by = {e["user_id"]: e for e in seen.entries}
    for uid in frame.get("removed", ()):
        by.pop(uid, None)
    for e in frame.get("entries", ()):
        old = by.get(e["user_id"])
        merged: Entry = {"rank": e["rank"], "user_id": e["user_id"], "score": e["score"],
                         "display_name": e.get("display_name", old["display_name"] if old else None),
                         "team_id": e.get("team_id", old["team_id"] if old else None)}
        by[e["user_id"]] = merged
    seen.entries = sorted(by.values(), key=lambda e: (e["rank"] is None, e["rank"] or 0, e["user_id"]))


@dataclass(eq=False, slots=True)
class Board:
    """A channel's view made ready for the rules once per frame, shared by every filtered viewer."""

    rows: list[rules.Row]
    meta: dict[int, Entry]
    #: the bands everyone sees under `tiers` (made on first use: one sort per frame, not per viewer)
    bands: Shown | None = None


def board(entries: list[Entry]) -> Board:
    return Board([rules.Row(e["user_id"], e["rank"], e["score"]) for e in entries], {e["user_id"]: e for e in entries})


_BANDS = Private(rules.Viewer("display"), rules.Mode(rules.TIERS), frozenset())


def visible(p: Private, b: Board) -> Shown:
    """The rows of a channel's view (best first) that `p` may see, by user id, in order."""
    uid = p.viewer.user_id
    if p.mode.mode == rules.TIERS and not p.hidden and uid in b.meta:  # the bands, with the rep's own score
        if b.bands is None:
            b.bands = _rows(_BANDS, b)
        out = dict(b.bands)
        if not p.viewer.is_display:
            out[uid] = {**out[uid], "score": b.meta[uid]["score"]}
        return out
    return _rows(p, b)


def _rows(p: Private, b: Board) -> Shown:
    own = None
    meta = b.meta
    if p.own is not None and p.own["user_id"] not in meta:
        own = rules.Row(p.own["user_id"], p.own["rank"], p.own["score"])
        meta = {**meta, p.own["user_id"]: p.own}
    out: Shown = {}
    for r in rules.visible(p.mode, b.rows, len(b.rows), p.viewer, own, p.hidden):
        m = meta[r.user_id]
        row: dict[str, Any] = {"rank": r.rank, "user_id": r.user_id, "display_name": m["display_name"],
                               "team_id": m["team_id"], "score": r.score}
        if r.tier is not None:
            row["tier"] = r.tier
        out[r.user_id] = row
    return out


def delta(p: Private, channel: str, seen: Seen, b: Board) -> bytes | None:
    """`p`'s delta for the channel's view as it is now, `b` (None: nothing they see changed)."""
    now = visible(p, b)
    changed = [row for uid, row in now.items() if p.shown.get(uid) != row]
    removed = [uid for uid in p.shown if uid not in now]
    p.shown = now
    if not changed and not removed:
        return None
    return protocol.encode({"type": "delta", "channel": channel, "entries": changed, "removed": removed,
                            "epoch": seen.epoch, "offset": seen.offset})


def names_hidden(data: Any, hidden: frozenset[int]) -> bool:
    """Whether a feed item names a rep who hides from TV screens (its `user_id`, or any `*user_id`)."""
    return isinstance(data, dict) and any(
        k.endswith("user_id") and v in hidden for k, v in data.items() if isinstance(v, int))


def feed_hides(frame: bytes, hidden: frozenset[int]) -> bool:
    """Whether a published feed frame must not reach a display (see `names_hidden`)."""
    return names_hidden(json.loads(frame).get("data"), hidden)
