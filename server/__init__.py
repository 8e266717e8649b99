"""RepRally backend: HTTP API, domain rules, storage and the Redis leaderboard view."""
