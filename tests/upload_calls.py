"""Uploads in tests: files sent the way the upload page's form sends them."""

from pathlib import Path

import httpx2
from fastapi.testclient import TestClient
from web_client import form_token


def upload_files(
    client: TestClient, paths: list[Path], names: list[str] | None = None
) -> httpx2.Response:
    """Send files through the upload form (multipart, with the browser's form token)."""
    shown = names or [path.name for path in paths]
    files = [
        ("files", (name, path.read_bytes(), "application/octet-stream"))
        for name, path in zip(shown, paths, strict=True)
    ]
    return client.post(
        "/runs/upload",
        data={"form_token": form_token(client, "/runs/upload")},
        files=files,
        headers={"origin": str(client.base_url)},
    )
