"""One registration invitation makes one account, even when two people use it at the same
moment: the second waits on the invitation the first took, then is refused."""

from datetime import UTC, datetime

from race_calls import race, race_database

from backstride.services.accounts import INVITE_GONE, create_account, make_invite
from backstride.storage.accounts import account_by_login

PASSWORD = "a long enough password 42"
NOW = datetime(2026, 12, 4, 9, tzinfo=UTC)


def test_two_registrations_with_one_invitation_at_once_make_one_account() -> None:
    with race_database() as database:
        with database.transaction() as session:
            admin = create_account(session, "anna", PASSWORD, NOW)
            secret = make_invite(session, admin, NOW)
        results = race(
            database,
            lambda session: create_account(session, "cleo", PASSWORD, NOW, invite=secret),
            lambda session: create_account(session, "dan", PASSWORD, NOW, invite=secret),
        )
        assert len(results) == 2 and str(results[1]) == INVITE_GONE
        with database.transaction(write=False) as session:
            assert account_by_login(session, "cleo") is not None
            assert account_by_login(session, "dan") is None
