from tests.support.realtime import ws  # noqa: F401 - fixtures
