"""Commands that move a runner's data: export, import-data and delete-my-data."""

from pathlib import Path
from typing import Annotated

import typer

from backstride.errors import BackstrideError

commands = typer.Typer(rich_markup_mode=None)


class StillOnDisk(BackstrideError):
    """Deleted, but the old bytes remain until another program lets go of the database file."""


@commands.command()
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write it.")],
    file_format: Annotated[
        str, typer.Option("--format", help="json (one file) or csv (a folder of tables).")
    ] = "json",
) -> None:
    """Write everything you have recorded, in a documented, versioned format."""
    from backstride.cli.data_views import render_exported
    from backstride.cli.local_action import local_action
    from backstride.cli.output_file import check_output, write_output, write_output_folder
    from backstride.domain.choices import pick
    from backstride.services.portability import (
        EXPORT_FORMATS,
        export_csv_files,
        export_data,
        export_json,
    )

    chosen = pick("format", file_format, EXPORT_FORMATS, field="format")
    check_output(output, "--output", folder=chosen == "csv")
    with local_action() as action:
        document = export_data(action)
    if chosen == "csv":
        write_output_folder(output, export_csv_files(document), "--output")
    else:
        write_output(output, export_json(document), "--output")
    render_exported(document, output)


@commands.command("import-data")
def import_data(
    path: Annotated[Path, typer.Argument(help="An export file (json) or folder (csv).")],
) -> None:
    """Restore an export; importing the same file again changes nothing."""
    from backstride.cli.backup_file import read_backup
    from backstride.cli.data_views import render_imported
    from backstride.cli.local_action import local_action
    from backstride.config import load_settings
    from backstride.services.portability import import_data as restore

    document = read_backup(path, load_settings().limits)
    with local_action() as action:
        restored = restore(action, document)
    render_imported(restored)


@commands.command("delete-my-data")
def delete_my_data(
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete every record you have here, for good (export first if you may want it)."""
    from backstride.cli.console import out_console
    from backstride.cli.local_action import local_action, local_database
    from backstride.config import load_settings
    from backstride.errors import Cancelled
    from backstride.jobs.kept_files import forget_uploads
    from backstride.services.portability import delete_my_data as delete

    console = out_console()
    if not yes:
        try:
            typed = console.input("Delete all your backstride data for good? Type 'delete': ")
        except (KeyboardInterrupt, EOFError):
            typed = ""
        if typed.strip().lower() != "delete":
            raise Cancelled("nothing was deleted")
    with local_action() as action:
        delete(action)
        runner_id = action.runner_id
    forget_uploads(load_settings().data_dir, runner_id)
    if not local_database().forget_deleted():
        raise StillOnDisk(
            "your records are deleted, but another program has the database open, so their "
            "old bytes stay in its files (the write-ahead log and free pages) until it "
            "closes; close it, then run backstride delete-my-data again to finish"
        )
    console.print("All your data has been deleted.")
