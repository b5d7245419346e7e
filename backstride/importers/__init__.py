"""Importers: activity files (GPX, TCX, and later FIT and archives) to domain Activity values."""
