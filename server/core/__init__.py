"""What every package builds on: settings, the typed runtime and its registry, database, Redis client, clock, errors, auth, wire types."""
