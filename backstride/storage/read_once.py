"""One read per transaction: the runner's record is read from the database once per action.

A command composes several services (a week plan builds today's routine and the load advice,
each reading the profile, sessions, pain and screenings); each storage read decorated here is
answered from the transaction's own memory after the first time. Any flush (a write) in the
transaction, and any insert, update or delete statement, forgets every remembered read, so a
read after a write sees the write.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar, cast

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session

P = ParamSpec("P")
R = TypeVar("R")
_KEY = "backstride_reads"


def read_once(
    read: Callable[Concatenate[Session, P], R],
) -> Callable[Concatenate[Session, P], R]:
    """Remember a storage read's answer for the rest of the transaction (lists are copied)."""

    @wraps(read)
    def remembered(session: Session, *args: P.args, **kwargs: P.kwargs) -> R:
        reads: dict[Any, Any] = session.info.setdefault(_KEY, {})
        key = (read.__qualname__, args, tuple(sorted(kwargs.items())))
        if key not in reads:
            reads[key] = read(session, *args, **kwargs)
        answer = reads[key]
        return cast(R, list(answer)) if isinstance(answer, list) else cast(R, answer)

    return cast(Callable[Concatenate[Session, P], R], remembered)


@event.listens_for(Session, "after_flush")
def _forget_after_a_write(session: Session, _context: Any) -> None:
    session.info.pop(_KEY, None)


@event.listens_for(Session, "do_orm_execute")
def _forget_before_a_bulk_write(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info.pop(_KEY, None)


@event.listens_for(Session, "after_transaction_end")
def _forget_at_the_end(session: Session, _transaction: Any) -> None:
    session.info.pop(_KEY, None)
