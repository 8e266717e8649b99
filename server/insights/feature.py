"""Manager insights: the summary, early warning at each team's day close, one-click responses
and their outcomes, and the weekly digest."""

from __future__ import annotations

from server.core.feature import Feature
from server.core.runtime import Registry
from server.insights import jobs
from server.insights.api import AlertController, InsightsController


def install(reg: Registry) -> None:
    reg.job("insights_day_close", 300.0, jobs.day_close_job)
    reg.job("insights_outcomes", 3600.0, jobs.outcomes_job)
    reg.job("insights_digest", 900.0, jobs.digest_job)


FEATURE = Feature("insights", routes=(InsightsController, AlertController), install=install)
