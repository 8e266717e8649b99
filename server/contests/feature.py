"""Contests and SPIFFs: formats, lifecycle, live standings, results and prizes."""

from __future__ import annotations

from server.contests import instant, jobs, service, standings
from server.contests.api import ContestController
from server.contests.instant_api import InstantWinController
from server.core.feature import Feature
from server.core.runtime import Registry


def install(reg: Registry) -> None:
    reg.activity_hooks.append(standings.on_activities)
    reg.reversal_hooks.append(standings.on_reversal)
    reg.activity_hooks.append(instant.on_activities)
    reg.job("contests", 5.0, jobs.tick)
    reg.job("contest_standings_reconcile", 60.0, jobs.reconcile_standings)
    reg.board_subjects["contest"] = service.require_contest


FEATURE = Feature("contests", routes=(ContestController, InstantWinController), install=install)
