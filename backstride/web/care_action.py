"""The Action of a clinician acting on a client: actor the signed-in account, runner the client.

A clinician's read writes its audit row in the same transaction, so these transactions write.
Nobody is their own client: a runner's own data has its own routes, and a programme change is
a clinician's (so /clients/<own id> is the same 404 as a stranger's).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC

from fastapi import Request

from backstride.errors import NotFound
from backstride.services.care_gate import NOT_A_CLIENT
from backstride.services.context import Action, runner_zone
from backstride.web.auth import database, now

ID_MAX_CHARS = 36


@contextmanager
def client_action(request: Request, actor_id: str, runner_id: str) -> Iterator[Action]:
    """One transaction in which the actor reaches the client's data only through authorize."""
    if not runner_id or len(runner_id) > ID_MAX_CHARS or runner_id == actor_id:
        raise NotFound(NOT_A_CLIENT.format(runner=runner_id[:40]))
    moment = now(request)
    with database(request).transaction() as session:
        yield Action(session, actor_id, runner_id, moment, runner_zone(session, runner_id, UTC))
