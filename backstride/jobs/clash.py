"""A write that met another process writing the same row at the same moment, tried once more."""

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import IntegrityError

T = TypeVar("T")


def once_more_on_clash(step: Callable[[], T]) -> T:
    """Run a storing step in its own transaction; when a unique key clashes (the same file
    stored by another worker meanwhile), run it once more: it then reads what the other stored
    (a duplicate, or a job another worker holds) instead of failing."""
    try:
        return step()
    except IntegrityError:
        return step()
