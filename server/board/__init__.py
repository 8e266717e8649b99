"""The Redis view of the ledger: leaderboard sorted sets, rebuilt from SQL at will."""
