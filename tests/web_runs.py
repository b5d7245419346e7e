"""Real activity files imported for a web account, as the upload would store them."""

import hashlib
from datetime import UTC, datetime
from pathlib import Path

from fastapi.testclient import TestClient
from web_client import database_of

from backstride.domain.activity import Activity, Sample
from backstride.domain.activity_metrics import metrics
from backstride.services.context import Action
from backstride.services.imports import import_file
from backstride.storage.accounts import account_by_login
from backstride.storage.activities import save_activity

SAMPLES = Path("/work/shared/samples")
FIT_RUN = SAMPLES / "fit/run/gap_2022-05-29_Laufen_Landal_Park_venusq.fit"
TCX_RUN = SAMPLES / "tcx/runpandas_11km.tcx"
TCX_RIDE = SAMPLES / "tcx/tcxreader_mapmyride_biking.tcx"


def user_of(client: TestClient, login: str) -> str:
    """The user id behind a login."""
    with database_of(client).transaction() as session:
        found = account_by_login(session, login)
        assert found is not None
        return found[0].user_id


def store_steady_runs(client: TestClient, login: str, starts: list[datetime], km: float) -> None:
    """Steady runs at 6 min/km (a start and an end sample) stored for that account."""
    user_id = user_of(client, login)
    with database_of(client).transaction() as session:
        for start in starts:
            seconds = km * 360
            samples = (Sample(0.0, 0.0), Sample(seconds, km * 1000))
            run = Activity("steady.gpx", "running", None, start, 0, seconds, km * 1000, samples)
            key = hashlib.sha256(start.isoformat().encode()).hexdigest()
            save_activity(session, user_id, run, metrics(run), key)


def import_for(client: TestClient, login: str, *paths: Path) -> None:
    """Import these files into that account's record, each through the one import service."""
    user_id = user_of(client, login)
    with database_of(client).transaction() as session:
        action = Action(session, user_id, user_id, datetime.now(UTC))
        for path in paths:
            outcomes = import_file(action, path.name, path.read_bytes())
            assert {outcome.outcome for outcome in outcomes} == {"imported"}, outcomes


def import_directly(login: str, *paths: Path) -> None:
    """Import files for an account of the served app (tests/web_server.py), in its database."""
    from web_server import served_action

    with served_action(login) as action:
        for path in paths:
            import_file(action, path.name, path.read_bytes())
