from __future__ import annotations

import pytest

from server.core.ops.dependencies import REPORT


@pytest.fixture(autouse=True)
def fresh_dependency_log():
    """Each test sees its own first "cannot be reached" line (the log is per process, and another
    test may have reported the same dependency less than 30 s ago)."""
    REPORT.reset()
    yield
    REPORT.reset()
