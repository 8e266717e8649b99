"""The assembly: every feature, in the order their hooks run, and the runtime they plug into.

The API, the worker, the game server, the CLI and the tests make their runtime here, so each
process runs the same features. A feature is added by writing its package with a `feature.py`
and listing its `FEATURE` below (docs/architecture.md, "How to add a feature").
"""

from __future__ import annotations

from functools import lru_cache

from litestar.types import ControllerRouterHandler
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine

from server.accounts.feature import FEATURE as ACCOUNTS
from server.activities.feature import FEATURE as ACTIVITIES
from server.admin.feature import FEATURE as ADMIN
from server.chat.feature import FEATURE as CHAT
from server.contests.feature import FEATURE as CONTESTS
from server.core.clock import Clock
from server.core.feature import Feature
from server.core.runtime import Registry, Runtime
from server.core.settings import Settings
from server.displays.feature import FEATURE as DISPLAYS
from server.experiments.feature import FEATURE as EXPERIMENTS
from server.fantasy.feature import FEATURE as FANTASY
from server.habits.feature import FEATURE as HABITS
from server.insights.feature import FEATURE as INSIGHTS
from server.integrations.feature import FEATURE as INTEGRATIONS
from server.leaderboards.feature import FEATURE as LEADERBOARDS
from server.ledger.sync import schedule_rebuild
from server.levels.feature import FEATURE as LEVELS
from server.notifications.feature import FEATURE as NOTIFICATIONS
from server.privacy.feature import FEATURE as PRIVACY
from server.rewards.feature import FEATURE as REWARDS
from server.social.feature import FEATURE as SOCIAL
from server.targets.feature import FEATURE as TARGETS

#: Activity hooks run in this order inside the activity's transaction (the feed's win items
#: first, then the habit loop, whose row locks go before the notices' and the contests'; the
#: levels' XP and the targets' rollups last, once every bonus of the transaction is queued).
FEATURES: tuple[Feature, ...] = (ACCOUNTS, ACTIVITIES, LEADERBOARDS, SOCIAL, HABITS, NOTIFICATIONS, CONTESTS,
                                 REWARDS, DISPLAYS, INTEGRATIONS, CHAT, LEVELS, TARGETS, PRIVACY, INSIGHTS, FANTASY,
                                 EXPERIMENTS, ADMIN)


def build_registry(features: tuple[Feature, ...] = FEATURES) -> Registry:
    reg = Registry()
    reg.views_stale.append(schedule_rebuild)  # the ledger rebuilds a view the accounts say moved
    for feature in features:
        feature.install(reg)
    return reg


@lru_cache(maxsize=1)
def registry() -> Registry:
    """The registry of this process (one: every runtime made here shares it)."""
    return build_registry()


def make_runtime(settings: Settings, *, clock: Clock | None = None, engine: AsyncEngine | None = None,
                 redis: Redis | None = None) -> Runtime:
    """A runtime with every feature installed (a clock, engine or Redis client of the caller's, if given)."""
    return Runtime(settings, registry=registry(), clock=clock, engine=engine, redis=redis)


def routes() -> list[ControllerRouterHandler]:
    return [handler for feature in FEATURES for handler in feature.routes]
