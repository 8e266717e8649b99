"""Chat: wins posted to Slack and Microsoft Teams through the channels' incoming webhooks."""

from __future__ import annotations

from server.chat import jobs, triggers
from server.chat.api import ChatController
from server.core.feature import Feature
from server.core.runtime import Registry


def install(reg: Registry) -> None:
    reg.feed_sinks.append(triggers.feed_sink)
    reg.notice_sinks.append(triggers.notice_sink)
    reg.achievement_hooks.append(triggers.kudos)
    reg.job("chat_sender", 1.0, jobs.send_job)


FEATURE = Feature("chat", routes=(ChatController,), install=install)
