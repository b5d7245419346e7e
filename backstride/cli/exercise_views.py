"""How exercises look in the terminal: the catalogue table and one exercise in full."""

import os
import sys
from collections.abc import Callable

from rich import box
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from backstride.cli.console import out_console, print_json
from backstride.domain.catalogue import UNIVERSAL_STOP_SIGNS
from backstride.domain.exercise import Dose, Exercise
from backstride.domain.patterns import PATTERN_LABELS, PATTERNS
from backstride.domain.plain_sources import plain_source
from backstride.domain.sources import describe_source
from backstride.services.exercise_result import exercise_detail_result, exercise_list_result
from backstride.services.exercises import ExerciseDetail, ExerciseSelection

FIT_STYLE = {"suitable": "green", "optional": "yellow", "avoid": "red"}


def render_exercise_list(selection: ExerciseSelection, *, as_json: bool) -> None:
    """Print the chosen exercises as a table, or as a JSON list of objects."""
    exercises, fit_key = selection.exercises, selection.pattern
    if as_json:
        print_json(exercise_list_result(selection))
        return
    console = out_console()
    if not exercises:
        console.print("No exercise matches those filters. Try fewer filters.")
        return
    title = f"{len(exercises)} exercises"
    if fit_key:
        title += f", rated for {fit_key.replace('_', ' ')} pain (exercises to avoid are hidden)"
    table = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", pad_edge=False)
    table.add_column("exercise (id)", min_width=max(len(e.id) for e in exercises))
    if not fit_key:
        table.add_column("category")
    table.add_column("needs", max_width=15)
    table.add_column("dose", max_width=14)
    if fit_key:
        table.add_column("fit", no_wrap=True)
    for exercise in exercises:
        row: list[RenderableType] = [
            Text.assemble((exercise.name, "bold"), "\n", (exercise.id, "cyan")),
            *([] if fit_key else [exercise.category.replace("_", " ")]),
            ", ".join(item.replace("_", " ") for item in exercise.equipment),
            short_dose(exercise.default_dose, exercise.sides),
        ]
        if fit_key:
            fit = exercise.patterns[fit_key].fit
            row.append(Text(fit, style=FIT_STYLE[fit]))
        table.add_row(*row)
    console.print(table)
    console.print("Show one in full: backstride exercises show ID", style="dim")


def short_dose(dose: Dose, sides: str) -> str:
    """A dose in a few characters for a table cell: '45-60 s x 3-5', '8-12 reps'."""
    if dose.hold_s is not None and dose.reps is not None:
        text = f"{dose.hold_s} s x {dose.reps}"
    elif dose.hold_s is not None:
        text = f"{dose.hold_s} s hold"
    elif dose.reps is not None:
        text = f"{dose.reps} reps"
    else:
        text = dose.summary
    return text + (" a side" if sides != "both" else "")


def render_exercise_detail(
    detail: ExerciseDetail, *, as_json: bool, show_sources: bool = False
) -> None:
    """Print one exercise in full: how to do it, how much, what to watch, where it leads.

    Sources are named plainly; `show_sources` shows their ids and the notes on how each seed
    was read, as the catalogue holds them.
    """
    exercise = detail.exercise
    if as_json:
        print_json(exercise_detail_result(detail))
        return
    console = out_console()
    cite = _cited_ids if show_sources else _cited_plainly
    console.print(_header(exercise, show_sources))
    console.print(_how_to(exercise))
    console.print(_doses(exercise, show_sources))
    console.print(_ladder(detail))
    console.print(_safety(exercise, cite))
    console.print(_pattern_table(exercise, cite))
    sources = sorted({dose.source for dose in exercise.doses} | set(exercise.seeds))
    if show_sources:
        listed = [describe_source(s) for s in sources]
    else:
        listed = list(dict.fromkeys(p for p in (_plain(s) for s in sources) if p))
    console.print(Text("Sources: " + "; ".join(listed), style="dim"))


def shows_braille() -> bool:
    """True on a terminal that can show braille figures (not a pipe, not a dumb terminal)."""
    return sys.stdout.isatty() and os.environ.get("TERM", "") not in ("", "dumb")


def render_figure_sketch(exercise_id: str) -> None:
    """The working pose in braille, only on a terminal that can show it (not a pipe, not dumb)."""
    if not shows_braille():
        return
    from backstride.services.figures import figure_sketch

    console = out_console()
    for line in figure_sketch(exercise_id):
        console.print(Text(line))
    console.print(
        Text(
            f"Moving figure: backstride exercises show {exercise_id} --figure FILE.svg", style="dim"
        )
    )


def _plain(source: str) -> str:
    """A source as a runner would name it; empty for backstride's own section numbers."""
    return plain_source(source)


def _cited_ids(text: str, source: str) -> Text:
    return Text.assemble(text, (f"  [{source}]", "dim"))


def _cited_plainly(text: str, source: str) -> Text:
    plain = _plain(source)
    return Text.assemble(text, (f"  ({plain})", "dim") if plain else "")


def _header(exercise: Exercise, show_sources: bool) -> Panel:
    facts = Text()
    facts.append(exercise.summary + "\n\n")
    for label, value in (
        ("Category", exercise.category.replace("_", " ")),
        ("Equipment", ", ".join(item.replace("_", " ") for item in exercise.equipment)),
        ("Works", ", ".join(exercise.target_muscles)),
        ("Style", f"{exercise.mode.replace('_', ' ')}, {exercise.sides.replace('_', ' ')}"),
    ):
        facts.append(f"{label}: ", style="bold")
        facts.append(value + "\n")
    if exercise.aliases:
        facts.append("Also called: ", style="bold")
        facts.append(", ".join(exercise.aliases) + "\n")
    if exercise.description_note:
        facts.append("\n" + exercise.description_note, style="italic yellow")
    family = f" - {exercise.family}" if show_sources else ""
    title = Text.assemble((exercise.name, "bold"), "  ", (f"{exercise.id}{family}", "dim"))
    return Panel(facts, title=title, title_align="left", border_style="cyan")


def _listing(marker: str, items: list[Text], style: str = "") -> Table:
    """Items with a marker and a hanging indent, so wrapped lines stay aligned."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True, style=style)
    grid.add_column()
    for number, item in enumerate(items, start=1):
        grid.add_row(f"  {number}." if marker == "#" else f"  {marker}", item)
    return grid


def _how_to(exercise: Exercise) -> Group:
    return Group(
        Text("How to do it", style="bold underline"),
        Text.assemble(("Start: ", "bold"), exercise.starting_position),
        _listing("#", [Text(step) for step in exercise.steps], "bold"),
        Text("Cues", style="bold"),
        _listing("*", [Text(cue) for cue in exercise.cues], "green"),
        Text("Common mistakes", style="bold"),
        _listing("x", [Text(m) for m in exercise.common_mistakes], "yellow"),
        Text(""),
    )


def _doses(exercise: Exercise, show_sources: bool) -> Table:
    table = Table(title="Dose", title_justify="left", box=box.ROUNDED, show_lines=True)
    table.add_column("", width=1)
    table.add_column("how much", ratio=3)
    table.add_column("source", ratio=2)
    for dose in exercise.doses:
        table.add_row(
            "*" if dose.default else "",
            _dose_text(dose, show_sources),
            _source_text(dose) if show_sources else Text(_plain(dose.source)),
        )
    table.caption = "* the default dose"
    return table


def _dose_text(dose: Dose, show_sources: bool) -> Text:
    text = Text(dose.summary, style="bold" if dose.default else "")
    if dose.frequency:
        text.append(f"\nHow often: {dose.frequency}")
    if dose.choice and show_sources:
        text.append("\nReading chosen: " + dose.choice, style="dim")
    return text


def _source_text(dose: Dose) -> Text:
    text = Text(dose.source)
    text.append("\nfrom a seed article" if dose.from_seed else "\nnot from the seeds", style="dim")
    return text


def _ladder(detail: ExerciseDetail) -> Group:
    current = set(detail.exercise.level_ids)
    line = Text()
    for position, rung in enumerate(detail.ladder):
        if position:
            line.append("  ->  ", style="dim")
        style = "bold cyan" if rung.level_id in current else ""
        line.append(rung.name, style=style)
    parts: list[RenderableType] = [Text("Ladder (easier -> harder)", style="bold underline"), line]
    if len(detail.ladder) == 1:
        parts.append(Text("No variations: progress by reps first, then hold time.", style="dim"))
    for level in detail.exercise.ladder:
        parts.append(Text.assemble(("  " + level.name + ": ", "bold"), level.change))
    parts.append(Text(""))
    return Group(*parts)


def _safety(exercise: Exercise, cite: Callable[[str, str], Text]) -> Group:
    stops = [(note.text, note.source) for note in exercise.stop_signs]
    stops.extend(UNIVERSAL_STOP_SIGNS)
    return Group(
        Text("Take care", style="bold underline"),
        _listing("!", [cite(note.text, note.source) for note in exercise.cautions], "yellow"),
        Text("Stop if", style="bold red"),
        _listing("-", [cite(text, source) for text, source in stops], "red"),
        Text(""),
    )


def _pattern_table(exercise: Exercise, cite: Callable[[str, str], Text]) -> Table:
    table = Table(title="By pain pattern", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("pattern")
    table.add_column("fit")
    table.add_column("why")
    for pattern in PATTERNS:
        fit = exercise.patterns[pattern]
        table.add_row(
            PATTERN_LABELS[pattern],
            Text(fit.fit, style=FIT_STYLE[fit.fit]),
            cite(fit.reason, fit.source),
        )
    return table
