"""Education topics: short packaged lessons on why backs hurt and what helps."""

import difflib
import tomllib
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from backstride.domain.exercise import KEBAB_ID, SourceTag
from backstride.errors import DataError, UnknownName


class Topic(BaseModel):
    """One lesson: a title, a one-line summary, a Markdown body and its sources."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    id: str = Field(pattern=KEBAB_ID.pattern)
    order: int = Field(ge=1)
    title: str
    summary: str
    sources: list[SourceTag] = Field(min_length=1)
    body: str = Field(min_length=200)


@dataclass(frozen=True, slots=True)
class Library:
    """Every education topic, in reading order."""

    topics: tuple[Topic, ...]

    def get(self, topic_id: str) -> Topic:
        """The topic with this id; an unknown one raises with close matches."""
        wanted = topic_id.strip().lower()
        for topic in self.topics:
            if topic.id == wanted:
                return topic
        ids = [topic.id for topic in self.topics]
        close = difflib.get_close_matches(wanted, ids, n=3, cutoff=0.5)
        close += [i for i in ids if len(wanted) >= 3 and wanted in i and i not in close]
        raise UnknownName("topic", topic_id, close[:3], "valid topics: " + ", ".join(ids))


def read_topic(source: Traversable) -> Topic:
    """Parse and validate one topic file; its file name must be its id."""
    try:
        topic = Topic.model_validate(tomllib.loads(source.read_text(encoding="utf-8")))
    except (tomllib.TOMLDecodeError, ValidationError) as error:
        raise DataError(f"{source.name}: {error}") from error
    if source.name != f"{topic.id}.toml":
        raise DataError(f"{source.name}: the file name must be the id, {topic.id}.toml")
    return topic


def load_library(directory: Traversable | None = None) -> Library:
    """Read every packaged topic file, ordered by its `order` field."""
    folder = directory if directory is not None else files("backstride.data") / "education"
    topics = [read_topic(entry) for entry in folder.iterdir() if entry.name.endswith(".toml")]
    return Library(tuple(sorted(topics, key=lambda topic: (topic.order, topic.id))))
