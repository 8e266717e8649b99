"""The HTTP layer: thin Litestar controllers over the services."""
