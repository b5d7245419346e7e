"""Activity file importers: FIT, GPX, TCX, gzipped or in zip exports, to domain values."""

from backstride.importers.any_file import FileItem, read_any

__all__ = ["FileItem", "read_any"]
