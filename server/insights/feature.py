"""Manager insights: the summary, early warning at each team's day close, one-click responses
and their outcomes, and the weekly digest."""

from __future__ import annotations

from server.core.feature import Feature
from server.core.runtime import Registry
from server.insights.api import InsightsController


def install(reg: Registry) -> None:
    return None


FEATURE = Feature("insights", routes=(InsightsController,), install=install)
