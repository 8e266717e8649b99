"""The activity path and the append-only ledger: ingest, scoring, reversal, group commit, view sync."""
