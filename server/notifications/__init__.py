"""Notifications: triggers, the inbox, preferences and push delivery through firebase-admin."""
