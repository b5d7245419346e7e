"""Alembic migrations for backstride's schema (batch mode on SQLite)."""
