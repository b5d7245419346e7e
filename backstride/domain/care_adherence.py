"""A client's last two weeks as the dashboard row shows them: adherence, last session, pain.

Adherence (issue 18 point 3) is two counts over the last 14 days in the client's zone: the
sessions finished of those planned (the strength sessions a week, 2-3 as the seed article S004
advises, times two), and the exercises done of those planned in the sessions played (an
exercise counts as done unless its log says none of its work was done; a session stopped early
keeps what it did). Each count carries the words that say how it was made.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

from backstride.domain.local_time import local_day
from backstride.domain.session_record import SessionRecord

ADHERENCE_DAYS = 14


@dataclass(frozen=True, slots=True)
class Adherence:
    """Sessions finished of those planned, and exercises done of those planned, in 14 days."""

    sessions_finished: int
    sessions_planned: int
    exercises_done: int
    exercises_planned: int
    sessions_a_week: int

    def sessions_words(self) -> str:
        """The first count with how it was made."""
        return (
            f"{self.sessions_finished} of {self.sessions_planned} sessions finished in the last "
            f"{ADHERENCE_DAYS} days ({self.sessions_a_week} planned a week)"
        )

    def exercises_words(self) -> str:
        """The second count with how it was made."""
        if self.exercises_planned == 0:
            return "no exercise planned in a session played in the last 14 days"
        return (
            f"{self.exercises_done} of {self.exercises_planned} exercises done in the sessions "
            f"played in the last {ADHERENCE_DAYS} days"
        )


def adherence(
    sessions: Sequence[SessionRecord], today: date, zone: tzinfo, sessions_a_week: int
) -> Adherence:
    """The two counts over the 14 days that end today (sessions still open are left out)."""
    first = today - timedelta(days=ADHERENCE_DAYS - 1)
    played = [
        record
        for record in sessions
        if record.ended_at is not None and first <= local_day(record.started_at, zone) <= today
    ]
    logs = [log for record in played for log in record.logs]
    return Adherence(
        sum(1 for record in played if record.completed),
        sessions_a_week * ADHERENCE_DAYS // 7,
        sum(1 for log in logs if not log.skipped_all),
        len(logs),
        sessions_a_week,
    )


def last_session_words(sessions: Sequence[SessionRecord], today: date, zone: tzinfo) -> str:
    """The latest played session: its day, how it ended and how long ago."""
    played = [record for record in sessions if record.ended_at is not None]
    if not played:
        return "no exercise session yet"
    latest = played[-1]
    day = local_day(latest.started_at, zone)
    ago = (today - day).days
    when = "today" if ago == 0 else "yesterday" if ago == 1 else f"{ago} days ago"
    how = "finished" if latest.completed else "stopped early"
    return f"last session {day:%a %d %b}, {how} ({when})"
