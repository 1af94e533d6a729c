"""Storage layer: SQLAlchemy models, engine, migrations and backups. Knows nothing of Qt or app/."""
