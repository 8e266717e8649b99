"""Orgs, teams, users and API keys: sign-up, login, the directory other features read."""
