"""Storage: SQLAlchemy models, the engine, and small repositories per aggregate."""
