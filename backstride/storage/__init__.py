"""Storage: SQLAlchemy tables, the engine with safe SQLite settings, migrations, queries."""
