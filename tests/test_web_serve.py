"""`backstride serve` as a self-hoster starts it: a real uvicorn, on loopback, two workers."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx2
import pytest

PASSWORD = "a calm back on long runs"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def served(*args: str) -> Iterator[tuple[str, list[str]]]:
    """The CLI's `serve` in its own process group, stopped (all workers) at the end."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "backstride", "serve", "--port", str(port), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ},
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx2.get(url + "/static/style.css", timeout=1)
                break
            except httpx2.TransportError:
                assert process.poll() is None, "backstride serve stopped at start-up"
                time.sleep(0.2)
        else:
            pytest.fail("backstride serve did not answer within 60 s")
        printed: list[str] = []
        yield url, printed
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            out, _ = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            out, _ = process.communicate()
        if "printed" in locals():
            printed.append(out)


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
