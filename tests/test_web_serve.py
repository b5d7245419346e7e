"""`backstride serve` as a self-hoster starts it: a real uvicorn, on loopback, two workers."""

import subprocess

import httpx2
from web_server import served

PASSWORD = "a calm back on long runs"


def _form(client: httpx2.Client, path: str, **fields: str) -> httpx2.Response:
    if "backstride_form" not in client.cookies:
        client.get("/", follow_redirects=True)
    data = {"form_token": client.cookies["backstride_form"], **fields}
    return client.post(path, data=data, headers={"origin": str(client.base_url).rstrip("/")})


def test_serve_prints_its_address_and_listens_on_loopback_only() -> None:
    with served() as (url, printed):
        with httpx2.Client(base_url=url) as browser:
            assert browser.get("/").headers["location"] == "/setup"
        listening = subprocess.run(["ss", "-ltnH"], capture_output=True, text=True).stdout
        port = url.rsplit(":", 1)[1]
        lines = [line for line in listening.splitlines() if f":{port} " in line]
        assert lines and all("127.0.0.1:" in line for line in lines), lines
    assert f"backstride is running at {url}/" in printed[0]


def test_throttling_holds_across_two_workers() -> None:
    with served("--workers", "2") as (url, _):
        with httpx2.Client(base_url=url) as admin:
            assert _form(admin, "/setup", login="anna", password=PASSWORD).status_code == 303
        codes = []
        for _ in range(8):  # a fresh connection each time, so both workers take some
            with httpx2.Client(base_url=url) as guesser:
                sent = _form(guesser, "/login", login="anna", password="a wrong guess")
                codes.append(sent.status_code)
        assert codes[:5] == [401] * 5
        assert codes[5:] == [429] * 3
        with httpx2.Client(base_url=url) as owner:
            assert _form(owner, "/login", login="anna", password=PASSWORD).status_code == 429
