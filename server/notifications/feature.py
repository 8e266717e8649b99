"""Notifications: devices, preferences, the in-app inbox, the push outbox and its FCM sender."""

from __future__ import annotations

from server.core.feature import Feature
from server.core.runtime import Registry
from server.notifications import jobs, service, triggers
from server.notifications.api import NotificationController


def install(reg: Registry) -> None:
    reg.notice_sinks.append(service.write_outbox)
    reg.activity_hooks.append(triggers.team_wins)
    reg.activity_hooks.append(triggers.rank_changes)
    reg.job("notifications_live", 0.25, jobs.live_job)
    reg.job("push_sender", 0.5, jobs.push_job)


FEATURE = Feature("notifications", routes=(NotificationController,), install=install)
