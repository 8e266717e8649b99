"""A channel with listeners in this process: its sockets, its shared reads, and the writer's state."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field

from realtime.connection import Conn
from realtime.private import Seen
from realtime.share import Shared
from realtime.views import BoardView, ContestInfo, ContestView, Entry, PeriodInfo
from server.board.channel_names import Channel
from server.board.channels import Position


@dataclass(eq=False)
class LocalChannel:
    org_id: int
    channel: Channel
    conns: set[Conn] = field(default_factory=set)
    # the writer's state (realtime/writer.py); times are the event loop's clock
    dirty: bool = False
    holding: bool = False
    refreshing: bool = False
    closed: bool = False
    timer: asyncio.TimerHandle | None = None
    last_refresh: float = float("-inf")
    last_lease_try: float = float("-inf")
    view: Sequence[Entry] | None = None
    period: PeriodInfo | ContestInfo | None = None  # the contest's info on a contest channel
    period_end: float | None = None  # epoch seconds
    # one position read and one view read shared by concurrent subscribers (realtime/share.py)
    positions: Shared[Position] = field(kw_only=True)
    views: Shared[BoardView] | Shared[ContestView] | None = None  # lb and contest channels
    #: the full view as published, while the channel has subscribers seen through a privacy mode
    seen: Seen | None = None
    #: `feed`: the reps who hide from TV screens, while displays listen (their items skip the displays)
    tv_hidden: frozenset[int] = frozenset()
