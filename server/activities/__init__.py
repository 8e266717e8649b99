"""The activity endpoints (single, batch, reversal) and the org's activity types."""
