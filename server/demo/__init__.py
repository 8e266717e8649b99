"""Demo data for `dev.py up`, and a simulated stream of activities posted through the real HTTP API."""
