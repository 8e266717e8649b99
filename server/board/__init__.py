"""The Redis view of the ledger: leaderboard sorted sets, realtime channels, presence; rebuilt from SQL at will."""
