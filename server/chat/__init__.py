"""Chat: wins posted to Slack and Microsoft Teams channels through incoming webhooks (docs/chat.md)."""
