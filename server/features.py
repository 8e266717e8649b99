"""Importing this module installs every feature's hooks (`server.services.hooks`) and timed
jobs (`server.worker`). The API, the worker and the tests import it once at start."""

# ruff: noqa: F401
# Push notifications (issue 4)
# Streaks, daily missions and badges (issue 5)
import server.services.habits
import server.services.notifications

# Contests (issue 6)
# Kudos, reactions, feed and rewards (issue 6)
from server.services import contest_lifecycle, contest_standings, kudos, rewards
