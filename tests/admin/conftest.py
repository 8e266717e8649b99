"""The admin tests borrow the targets tests' app with a clock they turn (for a history of past periods)."""

from tests.targets.support import clocked  # noqa: F401 - fixture
