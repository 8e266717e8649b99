"""Contests: rules, lifecycle (draft, live, closed, prizes), live standings in Redis."""
