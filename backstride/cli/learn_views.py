"""How education topics look in the terminal."""

from rich import box
from rich.markdown import Markdown
from rich.table import Table
from rich.text import Text

from backstride.cli.console import out_console
from backstride.domain.education import Topic
from backstride.domain.sources import describe_source


def render_topics(topics: tuple[Topic, ...]) -> None:
    """A table of the topics, in reading order."""
    console = out_console()
    table = Table(box=box.SIMPLE_HEAD, title="Things worth knowing", title_justify="left")
    table.add_column("topic", style="bold cyan", no_wrap=True)
    table.add_column("title", style="bold")
    table.add_column("in short")
    for topic in topics:
        table.add_row(topic.id, topic.title, topic.summary)
    console.print(table)
    console.print("Read one: backstride learn TOPIC", style="dim")


def render_lesson(topic: Topic) -> None:
    """One topic in full, with its sources."""
    console = out_console()
    console.print(Text(topic.title, style="bold cyan"))
    console.print(Text(topic.summary, style="italic"))
    console.print()
    console.print(Markdown(topic.body))
    console.print()
    console.print(
        Text("Sources: " + "; ".join(describe_source(s) for s in topic.sources), style="dim")
    )
