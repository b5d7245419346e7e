"""`backstride users`: the machine's owner manages web accounts from the command line."""

import io

import pytest
from cli_calls import call
from web_client import another_browser, sign_in, sign_up, web_app

PASSWORD = "a calm back on long runs"


def _with_password(monkeypatch: pytest.MonkeyPatch, password: str = PASSWORD) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))


def test_create_list_disable_enable_and_reset(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = call(capsys, "users", "list")
    assert code == 0 and "No web accounts yet" in out
    _with_password(monkeypatch)
    code, out, _ = call(capsys, "users", "create", "anna", "--password-stdin")
    assert code == 0 and "anna (admin)" in out  # the first account is the admin
    _with_password(monkeypatch)
    assert call(capsys, "users", "create", "ben", "--password-stdin")[0] == 0
    code, out, _ = call(capsys, "users", "list")
    assert out.splitlines()[0].startswith("anna\tadmin\tactive")
    assert out.splitlines()[1].startswith("ben\trunner\tactive")
    with web_app() as browser:
        assert sign_in(browser, "ben").status_code == 303
        assert browser.get("/today").status_code == 200
        assert call(capsys, "users", "disable", "ben")[0] == 0
        assert browser.get("/today").status_code == 303  # its session ended at once
        assert sign_in(another_browser(browser), "ben").status_code == 401
        assert call(capsys, "users", "enable", "ben")[0] == 0
        _with_password(monkeypatch, "a brand new passphrase")
        assert call(capsys, "users", "reset-password", "ben", "--password-stdin")[0] == 0
        assert sign_in(another_browser(browser), "ben").status_code == 401
        assert sign_in(another_browser(browser), "ben", "a brand new passphrase").status_code == 303


def test_the_cli_creates_accounts_even_when_registration_is_closed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from web_client import post_form

    with web_app() as admin:
        sign_up(admin, "anna")
        post_form(admin, "/admin/registration", open="no")
    _with_password(monkeypatch)
    code, out, _ = call(capsys, "users", "create", "ben", "--password-stdin")
    assert code == 0 and "Created the account ben." in out


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["users", "create", "a b", "--password-stdin"], "login 'a b' is not valid"),
        (["users", "create", "local", "--password-stdin"], "is taken"),
        (["users", "disable", "nobody"], "no account has the login 'nobody'"),
        (["users", "reset-password", "nobody", "--password-stdin"], "no account has the login"),
    ],
)
def test_bad_users_input_is_named(
    args: list[str], said: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_password(monkeypatch)
    code, _, err = call(capsys, *args)
    assert code == 2
    assert said in err


def test_a_short_password_is_refused_and_nothing_is_created(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _with_password(monkeypatch, "short")
    code, _, err = call(capsys, "users", "create", "anna", "--password-stdin")
    assert code == 2 and "at least 10" in err
    assert "No web accounts yet" in call(capsys, "users", "list")[1]
