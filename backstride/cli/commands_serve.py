"""The `serve` command: the web app on uvicorn, on this machine only unless told otherwise."""

from typing import Annotated

import typer

commands = typer.Typer(rich_markup_mode=None)
LOOPBACK = "127.0.0.1"


@commands.command()
def serve(
    host: Annotated[
        str,
        typer.Option(help="Address to listen on; 127.0.0.1 keeps it on this machine."),
    ] = LOOPBACK,
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="Worker processes (each with its own threads).")
    ] = 1,
) -> None:
    """Start the web app: open the address it prints in a browser (the first visit sets it up)."""
    import uvicorn

    from backstride.config import load_settings
    from backstride.storage.database import Database

    settings = load_settings()
    # Migrate once here, so that several workers never race to create the schema.
    Database(settings.effective_database_url, settings.limits).close()
    shown = f"[{host}]" if ":" in host else host
    print(f"backstride is running at http://{shown}:{port}/  (Ctrl-C stops it)", flush=True)
    if host != LOOPBACK:
        print(
            "Listening beyond this machine: put it behind https (a reverse proxy) before "
            "anyone signs in over a network.",
            flush=True,
        )
    uvicorn.run(
        "backstride.web.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        proxy_headers=False,
        server_header=False,
    )
