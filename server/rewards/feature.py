"""Rewards: the catalog, redemptions and the wallet."""

from __future__ import annotations

from server.core.feature import Feature
from server.rewards.api import RewardController

FEATURE = Feature("rewards", routes=(RewardController,))
