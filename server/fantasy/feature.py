"""Fantasy leagues: drafted teams of reps in weekly head-to-head matchups (docs/mechanics.md)."""

from __future__ import annotations

from server.core.feature import Feature
from server.core.runtime import Registry
from server.fantasy import service
from server.fantasy.api import FantasyController

#: How often the worker makes the picks whose clock ran out (a pick clock is at least 10 s).
AUTO_PICK_EVERY_S = 2.0


def install(reg: Registry) -> None:
    reg.job("fantasy.auto_picks", AUTO_PICK_EVERY_S, service.auto_picks)


FEATURE = Feature("fantasy", routes=(FantasyController,), install=install)
