"""The web app: server-rendered pages for runners, on the same services as the CLI."""
