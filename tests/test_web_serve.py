"""`backstride serve` as a self-hoster starts it: a real uvicorn, on loopback, two workers."""

import ipaddress
from pathlib import Path

import httpx2
from web_server import served

PASSWORD = "a calm back on long runs"


def _listening_on(port: int) -> set[str]:
    """The addresses a port listens on, from the kernel's own tables (IPv4 and IPv6)."""
    found = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: listening
                if width == 8:
                    found.add(str(ipaddress.IPv4Address(bytes.fromhex(address)[::-1])))
                else:
                    found.add(f"ipv6:{address}")
    return found


def _form(client: httpx2.Client, path: str, **fields: str) -> httpx2.Response:
    if "backstride_form" not in client.cookies:
        client.get("/", follow_redirects=True)
    data = {"form_token": client.cookies["backstride_form"], **fields}
    return client.post(path, data=data, headers={"origin": str(client.base_url).rstrip("/")})


def test_serve_prints_its_address_and_listens_on_loopback_only() -> None:
    with served() as (url, printed):
        with httpx2.Client(base_url=url) as browser:
            assert browser.get("/").headers["location"] == "/setup"
        port = int(url.rsplit(":", 1)[1])
        assert _listening_on(port) == {"127.0.0.1"}
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
