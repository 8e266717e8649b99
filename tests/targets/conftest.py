"""The manual-clock app fixtures (tests/targets/support.py) for this folder's tests."""

from tests.targets.support import clocked, clocked_habits  # noqa: F401 - fixtures
