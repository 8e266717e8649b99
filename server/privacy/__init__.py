"""Privacy-respecting boards: who sees which rows of a leaderboard (docs/mechanics.md)."""
