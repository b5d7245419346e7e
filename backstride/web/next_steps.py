"""The web's words for a service's hint: each next step as a link to the page that takes it."""

from dataclasses import dataclass

from backstride.errors import Hint


@dataclass(frozen=True, slots=True)
class Link:
    """Where a next step is taken on the web, and the words on the link."""

    path: str
    words: str


HINT_LINKS: dict[Hint, Link | None] = {
    "screen": Link("/screen", "Take the screening"),
    "screening_history": Link("/screen/history", "See your screenings"),
    "check_in": Link("/check-in", "Check in before the session"),
    "list_exercises": Link("/exercises", "See the exercises"),
    "set_equipment": Link("/profile#equipment", "Say what equipment you have"),
    "set_run_days": Link("/profile#run-days", "Set your running days"),
    "import_runs": None,  # no upload page yet (the issue on run histories in the browser)
    "log_pain": Link("/today", "Log your pain on today's page"),
    "count_cadence": None,  # no cadence page yet (the same issue)
}
"""Every hint a service can give, as the page that takes the runner there (as the CLI's
cli/next_steps.HINT_COMMANDS gives each one a command); None where no page takes it yet."""


def link_of(hint: Hint | None) -> Link | None:
    """The link for a hint, or None when the error gave none."""
    return HINT_LINKS[hint] if hint is not None else None  # None too where no page takes it
