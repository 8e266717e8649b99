"""Fixtures of the realtime tests: two game-server processes and websocket clients."""

from tests.support.realtime import cluster, ws  # noqa: F401 - fixtures
