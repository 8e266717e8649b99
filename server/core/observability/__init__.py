"""Operability: Prometheus metrics (`metrics`), structured logs (`logs`), the HTTP request
middleware that feeds both (`http`) and the small metrics endpoint of the game server and the
worker (`exporter`). docs/observability.md lists every metric and log field."""
