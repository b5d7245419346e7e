"""Commands for the runner's own records: pain and profile."""

from typing import Annotated

import typer

commands = typer.Typer(rich_markup_mode=None)


@commands.command()
def pain(
    score: Annotated[
        str,
        typer.Argument(
            metavar="SCORE|history",
            help="Your back pain now, 0 (none) to 10 (worst); or 'history' to see the journal.",
        ),
    ],
    when: Annotated[
        str | None,
        typer.Option(
            "--when",
            help="morning, during-run, after-run, during-exercise, after-session or evening "
            "(required for a score; with history, shows only that moment).",
        ),
    ] = None,
    where: Annotated[
        str,
        typer.Option("--where", help="How far it reaches: back, buttock, thigh or below-knee."),
    ] = "back",
    side: Annotated[str, typer.Option("--side", help="central, left, right or both.")] = "central",
    note: Annotated[str, typer.Option("--note", help="Anything worth remembering.")] = "",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Log a pain score, or show the journal with weekly means and the trend."""
    from difflib import get_close_matches

    from backstride.cli.local_action import local_action
    from backstride.cli.pain_views import render_logged, render_pain_history
    from backstride.errors import InvalidInput
    from backstride.services.pain import log_pain, pain_history, parse_score

    if score.strip().lower() == "history":
        with local_action(write=False) as action:
            render_pain_history(pain_history(action, when), as_json=as_json)
        return
    if not score.strip().isdigit() and get_close_matches(score.strip().lower(), ["history"]):
        raise InvalidInput(
            f"{score!r} is neither a score nor 'history': did you mean 'history'? "
            "(a score is a whole number from 0 to 10)"
        )
    value = parse_score(score)
    if when is None:
        raise InvalidInput(
            "say when with --when: morning, during-run, after-run, during-exercise, "
            "after-session or evening"
        )
    with local_action() as action:
        entry = log_pain(action, value, when, where, side, note).entry
    render_logged(entry, as_json=as_json)


@commands.command()
def profile(
    name: Annotated[str | None, typer.Option("--name", help="What to call you.")] = None,
    units: Annotated[str | None, typer.Option("--units", help="km or mi.")] = None,
    birth_year: Annotated[
        int | None, typer.Option("--birth-year", help="For example 1985.")
    ] = None,
    equipment: Annotated[
        str | None,
        typer.Option(
            "--equipment",
            help="What you own, comma-separated: mat, stability-ball, towel, wall (or none).",
        ),
    ] = None,
    run_days: Annotated[
        str | None,
        typer.Option(
            "--run-days",
            help="Your usual runs as day:type[@HH:MM], comma-separated, e.g. "
            "tue:easy@07:00,thu:intervals@18:00,sat:long@08:00 (types: easy, long, "
            "intervals, race, rest).",
        ),
    ] = None,
    time_zone: Annotated[
        str | None,
        typer.Option(
            "--time-zone",
            help="Your IANA time zone, e.g. Europe/London (decides your 'today'; '' goes back "
            "to this machine's zone).",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show your profile; any option changes it (the rest stays as it was)."""
    from backstride.cli.local_action import local_action
    from backstride.cli.profile_views import render_profile
    from backstride.services.profile import edit_profile, show_profile

    changing = any(v is not None for v in (name, units, birth_year, equipment, run_days, time_zone))
    with local_action() as action:
        if changing:
            shown = edit_profile(
                action,
                name=name,
                units=units,
                birth_year=birth_year,
                equipment=equipment,
                run_days=run_days,
                time_zone=time_zone,
            )
        else:
            shown = show_profile(action)
    render_profile(shown, changed=changing, as_json=as_json)
