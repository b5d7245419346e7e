"""The `users` commands: web accounts, for whoever runs this backstride (has its database)."""

import sys
from typing import Annotated

import typer

commands = typer.Typer(rich_markup_mode=None)
users = typer.Typer(
    rich_markup_mode=None,
    help="Web accounts: create, list, reset a password, disable or enable, mark clinicians.",
    no_args_is_help=True,
)
commands.add_typer(users, name="users")
FROM_STDIN = typer.Option(
    "--password-stdin", help="Read the password from standard input instead of asking."
)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first: str = typer.prompt("Password", hide_input=True)
    again: str = typer.prompt("Same password again", hide_input=True)
    if first != again:
        from backstride.errors import InvalidInput

        raise InvalidInput("the two passwords differ: nothing was changed", field="password")
    return first


@users.command("create")
def create(
    login: Annotated[str, typer.Argument(help="The new account's login.")],
    admin: Annotated[bool, typer.Option("--admin", help="Make it an admin.")] = False,
    password_stdin: Annotated[bool, FROM_STDIN] = False,
) -> None:
    """Create a web account (the first one is always the admin)."""
    from backstride.cli.local_action import local_database, now_utc
    from backstride.services.accounts import create_account, make_admin

    password = _password(password_stdin)
    with local_database().transaction() as session:
        account = create_account(session, login, password, now_utc(), by_machine=True)
        if admin and not account.is_admin:
            account = make_admin(session, account.login)
    role = " (admin)" if account.is_admin else ""
    print(f"Created the account {account.login}{role}.")


@users.command("list")
def list_users() -> None:
    """Every web account, with its role and state."""
    from backstride.cli.local_action import local_database
    from backstride.services.accounts import all_accounts

    with local_database().transaction(write=False) as session:
        accounts = all_accounts(session)
    if not accounts:
        print("No web accounts yet: the first visit to `backstride serve` creates the admin.")
    for account in accounts:
        role = "admin" if account.is_admin else "runner"
        role += ", clinician" if account.is_clinician else ""
        state = "disabled" if account.disabled else "active"
        print(f"{account.login}\t{role}\t{state}\tsince {account.created_at:%Y-%m-%d}")


@users.command("reset-password")
def reset(
    login: Annotated[str, typer.Argument(help="The account's login.")],
    password_stdin: Annotated[bool, FROM_STDIN] = False,
) -> None:
    """Give an account a new password; every device it was signed in on is signed out."""
    from backstride.cli.local_action import local_database, now_utc
    from backstride.services.accounts import reset_password

    password = _password(password_stdin)
    with local_database().transaction() as session:
        account = reset_password(session, login, password, now_utc())
    print(f"New password set for {account.login}; its sessions were ended.")


@users.command("disable")
def disable(login: Annotated[str, typer.Argument(help="The account's login.")]) -> None:
    """Stop an account signing in (its data stays); its sessions end at once."""
    _set_disabled(login, True)


@users.command("enable")
def enable(login: Annotated[str, typer.Argument(help="The account's login.")]) -> None:
    """Let a disabled account sign in again."""
    _set_disabled(login, False)


def _set_disabled(login: str, disabled: bool) -> None:
    from backstride.cli.local_action import local_database
    from backstride.services.accounts import disable_account

    with local_database().transaction() as session:
        account = disable_account(session, login, disabled)
    print(f"{account.login} is {'disabled' if disabled else 'enabled'}.")


@users.command("mark-clinician")
def mark_clinician(login: Annotated[str, typer.Argument(help="The account's login.")]) -> None:
    """Mark an account as a clinician (what counts when the admin restricts the role)."""
    _set_clinician(login, True)


@users.command("unmark-clinician")
def unmark_clinician(login: Annotated[str, typer.Argument(help="The account's login.")]) -> None:
    """Take the clinician mark away: while the role is restricted, its links give nothing."""
    _set_clinician(login, False)


def _set_clinician(login: str, marked: bool) -> None:
    from backstride.cli.local_action import local_database
    from backstride.services.clinician_role import clinicians_restricted, mark_clinician

    with local_database().transaction() as session:
        account = mark_clinician(session, login, marked)
        restricted = clinicians_restricted(session)
    state = "marked as a clinician" if marked else "no longer marked as a clinician"
    rule = (
        "only marked accounts may be clinicians here"
        if restricted
        else "every account may be a clinician until the admin restricts it on the account page"
    )
    print(f"{account.login} is {state} ({rule}).")
