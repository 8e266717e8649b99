"""The manual-clock app fixture (tests/targets/support.py) for this folder's tests."""

from tests.targets.support import clocked  # noqa: F401 - a fixture
