"""Websocket game server (see docs/realtime-protocol.md once it lands)."""
