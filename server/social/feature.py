"""Social: kudos, the org's recognition feed and its reactions."""

from __future__ import annotations

from server.core.feature import Feature
from server.core.runtime import Registry
from server.social import feed
from server.social.api import KudosController


def install(reg: Registry) -> None:
    reg.activity_hooks.append(feed.wins_to_feed)
    reg.feed_sinks.append(feed.sink)


FEATURE = Feature("social", routes=(KudosController,), install=install)
