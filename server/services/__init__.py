"""Use cases: they combine domain rules, SQL repositories and the Redis board view."""
