"""The runner's handout: today's programme put on paper, as HTML or PDF."""

from backstride.documents.handout_html import handout_html
from backstride.documents.handout_pdf import pdf_of
from backstride.domain.handout import Handout, handout_of
from backstride.services.context import Action
from backstride.services.figures import figure_book
from backstride.services.routine import today_overview


def runner_handout(action: Action) -> Handout:
    """What today's handout holds: the routine and its figures, or what to do instead."""
    overview = today_overview(action)
    found = overview.programme.note if overview.programme else None
    note = (found.author_login, found.asked.note) if found else None
    return handout_of(
        overview.plan, overview.status, overview.refusal, action.today, figure_book(), note
    )


def handout_document(action: Action) -> str:
    """The handout as one self-contained HTML file (prints on A4 and reads on a phone)."""
    return handout_html(runner_handout(action))


def handout_pdf(action: Action) -> bytes:
    """The handout as a PDF (WeasyPrint, from the same HTML; nothing fetched from elsewhere)."""
    return pdf_of(handout_document(action))
