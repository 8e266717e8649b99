"""The websocket game server: subscriptions, snapshots and live frames for phones, TVs and dashboards."""
