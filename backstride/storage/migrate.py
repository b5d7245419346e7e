"""Applying the Alembic migrations, automatically on first use and on upgrade."""

from importlib.resources import files
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

if TYPE_CHECKING:  # Alembic (with mako) is imported only when a migration has to run
    from alembic.config import Config

HEAD_REVISION = "0003"


def alembic_config(connection: Connection) -> "Config":
    """An Alembic configuration bound to one open connection (no alembic.ini needed)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(files("backstride.storage") / "migrations"))
    config.attributes["connection"] = connection
    return config


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at, or None for an empty database."""
    # Only reads: a command that finds the schema current never waits for a writer.
    with engine.connect().execution_options(backstride_write=False) as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def ensure_schema(engine: Engine) -> None:
    """Bring the schema to the newest revision; a database already there costs one query."""
    if current_revision(engine) == HEAD_REVISION:
        return
    upgrade(engine, "head")


def upgrade(engine: Engine, revision: str) -> None:
    """Run the migrations up to a revision, in one transaction."""
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Run the migrations down to a revision ('base' empties the schema)."""
    from alembic import command

    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), revision)
