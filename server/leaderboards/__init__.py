"""Leaderboard reads: pages, around-me and my ranks, from the Redis view."""
