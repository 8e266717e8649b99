"""Privacy-respecting boards: modes per org, team, board and display; reps who hide from TVs."""

from __future__ import annotations

from server.core.feature import Feature
from server.privacy.api import PrivacyController, TvVisibilityController

FEATURE = Feature("privacy", routes=(PrivacyController, TvVisibilityController))
