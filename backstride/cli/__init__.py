"""The terminal adapter: Typer commands that call services and render with Rich."""
