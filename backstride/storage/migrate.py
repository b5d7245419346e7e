"""Applying the Alembic migrations, automatically on first use and on upgrade."""

from importlib.resources import files
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from backstride.errors import BackstrideError

if TYPE_CHECKING:  # Alembic (with mako) is imported only when a migration has to run
    from alembic.config import Config

HEAD_REVISION = "0011"


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


def known_revisions() -> set[str]:
    """The revisions this version of backstride has migrations for."""
    folder = files("backstride.storage") / "migrations" / "versions"
    return {
        entry.name.split("_", 1)[0]
        for entry in folder.iterdir()
        if entry.name.endswith(".py") and entry.name[:4].isdigit()
    }


def ensure_schema(engine: Engine) -> None:
    """Bring the schema to the newest revision; a database already there costs one query.

    A database a newer backstride has already migrated is refused with a sentence, not
    touched: this version cannot know what the newer tables mean.
    """
    revision = current_revision(engine)
    if revision == HEAD_REVISION:
        return
    if revision is not None and revision not in known_revisions():
        raise BackstrideError(
            f"this database was set up by a newer backstride (schema {revision}; this version "
            f"knows up to {HEAD_REVISION}): install the newer version again, or point "
            "BACKSTRIDE_DATA_DIR or BACKSTRIDE_DATABASE_URL at another database"
        )
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
