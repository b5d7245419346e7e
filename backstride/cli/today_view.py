"""The `today` screen until routines exist: what backstride does and where to start."""

from rich.panel import Panel
from rich.text import Text

from backstride.cli.console import out_console

GO_NOW = (
    "Go to an emergency department now if, since your back pain began, you have new numbness "
    "between your legs or around your back passage or genitals, new trouble passing urine or "
    "controlling your bowels, new pain or numbness in both legs, or a leg that is getting weaker."
)


def render_today() -> None:
    """Say what backstride does today, show the safety net, and name the first command."""
    console = out_console()
    intro = Text()
    intro.append("backstride", style="bold cyan")
    intro.append(
        " coaches runners with low back pain: it checks for warning signs, picks exercises "
        "that suit your pain, guides you through them and adjusts the dose by how your back "
        "answers.\n\n"
    )
    intro.append("Available now: ", style="bold")
    intro.append(
        "the safety screening and check-in, your pain journal and profile, the full exercise "
        "catalogue from the five source articles (doses, cautions, ladders), and short "
        "lessons.\n"
    )
    intro.append("Coming next: ", style="bold")
    intro.append("today's routine, a guided player, and doses that follow your pain.")
    console.print(Panel(intro, title="Today", title_align="left", border_style="cyan"))
    console.print(Panel(Text(GO_NOW), title="Safety first", border_style="red", title_align="left"))
    console.print(
        Text.assemble(
            ("Start here: ", "bold"),
            ("backstride screen", "bold green"),
            "  then  ",
            ("backstride pain 3 --when morning", "bold green"),
            "  and  ",
            ("backstride exercises", "bold green"),
        )
    )
    console.print(
        "backstride is not a diagnosis. If unsure, or pain keeps getting worse, "
        "see a doctor or physiotherapist.",
        style="dim",
    )
