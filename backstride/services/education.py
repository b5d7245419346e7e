"""Reading the packaged education topics."""

from functools import cache

from backstride.domain.education import Library, Topic, load_library


@cache
def library() -> Library:
    """The packaged topics, read and checked once per process."""
    return load_library()


def list_topics() -> tuple[Topic, ...]:
    """Every topic in reading order."""
    return library().topics


def read_lesson(topic_id: str) -> Topic:
    """One topic by id; an unknown id raises with close matches."""
    return library().get(topic_id)
