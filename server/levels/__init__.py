"""Levels (XP): permanent progression derived from the ledger."""
