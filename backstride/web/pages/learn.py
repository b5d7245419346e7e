"""The lessons: the list of topics and each topic in full, as `backstride learn` shows them."""

from functools import cache

from fastapi import APIRouter, Request
from fastapi.responses import Response
from markdown_it import MarkdownIt
from markupsafe import Markup

from backstride.domain.plain_sources import for_people, plain_source
from backstride.errors import UnknownName
from backstride.services.education import list_topics, read_lesson
from backstride.web.templating import page

router = APIRouter()


@cache
def _markdown() -> MarkdownIt:
    # CommonMark without raw HTML: a lesson's text can only ever become text and markup.
    return MarkdownIt("commonmark", {"html": False})


def lesson_html(body: str) -> Markup:
    """A lesson's Markdown body as HTML (raw HTML in it is escaped, never passed through)."""
    return Markup(_markdown().render(for_people(body)))


@router.get("/learn")
def topics(request: Request) -> Response:
    """Every topic in reading order, each with its one-line summary."""
    return page(request, "learn_list.html", title="Learn", topics=list_topics())


@router.get("/learn/{topic_id}")
def lesson(request: Request, topic_id: str) -> Response:
    """One topic in full with its sources named plainly; an unknown one is 404 with close ids."""
    try:
        topic = read_lesson(topic_id)
    except UnknownName as unknown:
        close = [read_lesson(found) for found in unknown.suggestions]
        return page(
            request, "learn_missing.html", 404, title="No such topic", asked=topic_id, close=close
        )
    sources = list(dict.fromkeys(p for p in map(plain_source, topic.sources) if p))
    return page(
        request,
        "learn_topic.html",
        title=topic.title,
        topic=topic,
        body=lesson_html(topic.body),
        sources=sources,
    )
