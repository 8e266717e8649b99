"""SQL helpers for the hot path: PostgreSQL statements through the driver, bulk inserts as one statement."""
