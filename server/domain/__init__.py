"""Game rules as plain code: no web, database or Redis imports live here."""
