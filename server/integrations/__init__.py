"""CRM connectors (issue 16): integrations, the durable inbox, and the worker that turns it into activities."""
