"""A database that cannot be written (full disk, I/O error) told as one line, not a traceback.

The CLI may not import the storage driver, so the failure is recognised by what the drivers
attach to their errors: SQLite's error name, PostgreSQL's SQLSTATE, or the OS error number.
"""

import errno

FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
POSTGRES_DISK_FULL = "53100"


def _chain(error: BaseException) -> list[BaseException]:
    """The error, the driver error it wraps (SQLAlchemy's .orig), and their causes."""
    seen: list[BaseException] = []
    todo: list[BaseException | None] = [error]
    while todo:
        current = todo.pop()
        if current is None or any(current is known for known in seen):
            continue
        seen.append(current)
        orig = getattr(current, "orig", None)
        todo.extend(
            [
                orig if isinstance(orig, BaseException) else None,
                current.__cause__,
                current.__context__,
            ]
        )
    return seen


def storage_failure(error: BaseException) -> str | None:
    """What went wrong, in a sentence, when the error is the disk refusing a write; else None."""
    for link in _chain(error):
        name = str(getattr(link, "sqlite_errorname", "") or "")
        if name == "SQLITE_FULL" or getattr(link, "sqlstate", None) == POSTGRES_DISK_FULL:
            return (
                "the disk holding the database is full, so nothing was saved (what was stored "
                "before is intact); free some space and try again"
            )
        if isinstance(link, OSError) and link.errno in FULL_ERRNOS:
            return (
                "the disk is full, so nothing was saved (what was stored before is intact); "
                "free some space and try again"
            )
        if name.startswith("SQLITE_IOERR"):
            return (
                f"the database's disk reported an error ({name}; it may be full or failing), "
                "so nothing was saved (what was stored before is intact); free some space "
                "or check the disk, then try again"
            )
    return None
