"""Leaderboards: reads of every board, window and segment."""

from __future__ import annotations

from server.core.feature import Feature
from server.leaderboards.api import LeaderboardController

FEATURE = Feature("leaderboards", routes=(LeaderboardController,))
