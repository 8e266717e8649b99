"""Levels (XP): permanent progression derived from the ledger, level-up moments, level badges."""

from __future__ import annotations

from server.core.feature import Feature
from server.core.runtime import Registry
from server.levels import service
from server.levels.api import LevelController


def install(reg: Registry) -> None:
    # Listed after every feature that queues ledger rows in the activity transaction (habits'
    # bonuses), so XP counts them all.
    reg.activity_hooks.append(service.on_activities)
    reg.reversal_hooks.append(service.on_reversal)
    reg.event_entries.append(service.on_event_entries)


FEATURE = Feature("levels", routes=(LevelController,), install=install)
