"""Targets and attainment, and the daily per-rep rollups they (and the insights) read."""

from __future__ import annotations

from server.core.feature import Feature
from server.core.runtime import Registry
from server.targets import rollups
from server.targets.api import TargetController


def install(reg: Registry) -> None:
    # Listed after every feature that queues ledger rows in the activity transaction (habits'
    # bonuses), so the rollups see them all.
    reg.activity_hooks.append(rollups.on_activities)
    reg.reversal_hooks.append(rollups.on_reversal)
    reg.achievement_hooks.append(rollups.on_achievements)


FEATURE = Feature("targets", routes=(TargetController,), install=install)
