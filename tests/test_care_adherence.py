"""Adherence over 14 days and the last session, as a dashboard row counts them."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from backstride.domain.care_adherence import adherence, last_session_words
from backstride.domain.session_record import ExerciseLog, SessionRecord

TODAY = date(2026, 11, 20)


def _session(days_ago: int, *, completed: bool = True, skipped: int = 0) -> SessionRecord:
    start = datetime(2026, 11, 20, 7, tzinfo=UTC) - timedelta(days=days_ago)
    logs = tuple(
        ExerciseLog(i, "plank", "plank", {}, {"work_done": 0 if i < skipped else 3}, None)
        for i in range(4)
    )
    return SessionRecord(start, start + timedelta(minutes=20), 1200.0, completed, None, {}, logs)


def test_sessions_and_exercises_are_counted_over_the_last_14_days_only() -> None:
    sessions = [
        _session(20),  # before the window
        _session(13),  # its first day
        _session(6, completed=False, skipped=2),
        _session(0, skipped=1),
    ]
    found = adherence(sessions, TODAY, UTC, 3)
    assert (found.sessions_finished, found.sessions_planned) == (2, 6)
    assert (found.exercises_done, found.exercises_planned) == (9, 12)
    assert found.sessions_words() == (
        "2 of 6 sessions finished in the last 14 days (3 planned a week)"
    )
    assert found.exercises_words() == (
        "9 of 12 exercises done in the sessions played in the last 14 days"
    )
    assert adherence(sessions, TODAY, UTC, 2).sessions_planned == 4


def test_the_window_is_the_clients_own_days() -> None:
    assert adherence([_session(14)], TODAY, UTC, 3).sessions_finished == 0  # a day too early
    # In Honolulu (UTC-10) that session fell on the evening before, still outside; a session
    # at 07:00 UTC 13 days ago fell on day 14 ago there, so it leaves the window.
    assert adherence([_session(13)], TODAY, UTC, 3).sessions_finished == 1
    honolulu = adherence([_session(13)], TODAY, ZoneInfo("Pacific/Honolulu"), 3)
    assert honolulu.sessions_finished == 0


def test_no_session_played_says_so() -> None:
    assert adherence([], TODAY, UTC, 3).exercises_words() == (
        "no exercise planned in a session played in the last 14 days"
    )
    assert last_session_words([], TODAY, UTC) == "no exercise session yet"


def test_the_last_session_says_its_day_how_it_ended_and_how_long_ago() -> None:
    assert last_session_words([_session(3), _session(1, completed=False)], TODAY, UTC) == (
        "last session Thu 19 Nov, stopped early (yesterday)"
    )
    assert last_session_words([_session(0)], TODAY, UTC).endswith("finished (today)")
    assert last_session_words([_session(5)], TODAY, UTC).endswith("(5 days ago)")
