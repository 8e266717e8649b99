"""CRM connectors: HubSpot, Salesforce and Standard Webhooks, applied exactly once (docs/integrations.md)."""

from __future__ import annotations

from server.core.feature import Feature
from server.core.runtime import Registry
from server.integrations import jobs, service
from server.integrations.api import HookController, IntegrationController

#: How often the worker looks for new inbox events (an index probe when there are none): the
#: lag from a delivery to its points is this plus the time to apply it.
INBOX_EVERY_S = 0.1


def install(reg: Registry) -> None:
    reg.entry_causes.append(service.entry_causes)
    reg.job("integrations_inbox", INBOX_EVERY_S, jobs.inbox_job)
    reg.job("integrations_reconcile", 5.0, jobs.reconcile_job)
    reg.job("integrations_unmatched", 60.0, jobs.unmatched_job)


FEATURE = Feature("integrations", routes=(IntegrationController, HookController), install=install)
