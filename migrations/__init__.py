"""The Alembic migrations, shipped inside the wheel (`server.core.schema` finds them by import)."""
