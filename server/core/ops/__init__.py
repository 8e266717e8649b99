"""What operating the processes needs and no feature does: settings checks, the database and
Redis as dependencies (probes, backoff, one clear line), the packaged migrations' config."""
