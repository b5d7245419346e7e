"""The clinician's dashboard order: clients by need, each with the reasons that placed them.

The order is the one issue 18 sets out (app policy): an emergency or urgent result (the level
now, domain.safety_status) or a new leg symptom (from the pain journal or the latest screening)
first; then two regressions in a row; pain worse by the minimal important change
(DOMAIN.md 2.3 [MIC]); a weekly load jump over 30 % (DOMAIN.md 2.7 [NIELSEN14-SUMMARY]); no
session in 7 days; then everyone else. Ties keep a stable order by login.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from backstride.domain.load import LARGE_JUMP_PCT
from backstride.domain.pain import MIC_POINTS, PainEntry
from backstride.domain.screening import Level
from backstride.domain.screening_answers import ScreeningAnswers
from backstride.domain.session_record import SessionRecord

QUIET_DAYS = 7
"""No exercise session for this many days puts a client on the list (issue 18)."""
REGRESSIONS_IN_A_ROW = 2
LEG_REACHES = ("thigh", "below_knee")
"""Pain that reaches the thigh or below the knee counts as a leg symptom (DOMAIN.md 2.1.4)."""
LEG_RECENT_DAYS = 7
LEG_BEFORE_DAYS = 28
"""A leg symptom is new when none was logged in the 28 days before the last 7 (app policy)."""


@dataclass(frozen=True, slots=True)
class ClientSigns:
    """What the dashboard knows of one client, computed by the services from their records."""

    runner_id: str
    login: str
    level: Level | None
    """The level of the latest screening or check-in (None: never screened)."""
    new_leg_symptoms: bool
    regressions_in_a_row: int
    pain_change: float | None
    """Mean pain of the last 7 days minus the 7 days before (NRS points; None: too few)."""
    load_change_pct: float | None
    """This week's load against last week's, in percent (None: no week to compare)."""
    days_since_session: int | None
    """Days since the last exercise session (None: never had one)."""
    sessions_shared: bool = True
    """False when the client does not share sessions: then no session sign is judged."""


@dataclass(frozen=True, slots=True)
class DashboardRow:
    """One client in the dashboard: their place (0 is most urgent) and why, in words."""

    signs: ClientSigns
    rank: int
    reasons: tuple[str, ...]


def _reasons(signs: ClientSigns) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    if signs.level in ("emergency", "urgent_doctor"):
        found.append((0, f"latest screening result: {signs.level.replace('_', ' ')}"))
    if signs.new_leg_symptoms:
        found.append((0, "new leg symptoms reported"))
    if signs.regressions_in_a_row >= REGRESSIONS_IN_A_ROW:
        found.append((1, f"{signs.regressions_in_a_row} regressions in a row"))
    if signs.pain_change is not None and signs.pain_change >= MIC_POINTS:
        found.append(
            (
                2,
                f"pain {signs.pain_change:+.1f} points: the last 7 days' mean against the 7 "
                f"before, at or over the minimal important change of {MIC_POINTS}",
            )
        )
    if signs.load_change_pct is not None and signs.load_change_pct > LARGE_JUMP_PCT:
        found.append(
            (
                3,
                f"weekly load {signs.load_change_pct:+.0f} % on the week before "
                f"(over {LARGE_JUMP_PCT} %)",
            )
        )
    quiet = signs.days_since_session
    if signs.sessions_shared and (quiet is None or quiet >= QUIET_DAYS):
        words = (
            "no exercise session yet" if quiet is None else f"no exercise session in {quiet} days"
        )
        found.append((4, words))
    return found


def dashboard_row(signs: ClientSigns) -> DashboardRow:
    """One client's place: the most urgent of their reasons (5 when there is none)."""
    found = _reasons(signs)
    rank = min((place for place, _ in found), default=5)
    return DashboardRow(signs, rank, tuple(words for _, words in found))


def dashboard_order(clients: Iterable[ClientSigns]) -> list[DashboardRow]:
    """The clients by need, most urgent first; ties by login, then id."""
    rows = [dashboard_row(signs) for signs in clients]
    return sorted(rows, key=lambda row: (row.rank, row.signs.login, row.signs.runner_id))


def regressions_in_a_row(sessions: Sequence[SessionRecord]) -> int:
    """The longest run of "regress" decisions, per exercise, ending at its latest session.

    Each log stores the decision its dose was planned with (domain.progression_history).
    """
    runs: dict[str, int] = {}
    for record in sorted(sessions, key=lambda item: item.started_at):
        for log in record.logs:
            decision = log.planned.get("decision", {})
            regressed = isinstance(decision, dict) and decision.get("action") == "regress"
            runs[log.exercise_id] = runs.get(log.exercise_id, 0) + 1 if regressed else 0
    return max(runs.values(), default=0)


def new_leg_symptoms(entries: Iterable[PainEntry], today: date) -> bool:
    """Leg pain logged in the last 7 days, and none in the 28 days before (entries local)."""
    recent_first = today - timedelta(days=LEG_RECENT_DAYS - 1)
    before_first = recent_first - timedelta(days=LEG_BEFORE_DAYS)
    leg_days = [e.recorded_at.date() for e in entries if e.reaches in LEG_REACHES]
    recent = any(recent_first <= day <= today for day in leg_days)
    before = any(before_first <= day < recent_first for day in leg_days)
    return recent and not before


def screening_leg_symptoms(
    records: Iterable[tuple[datetime, ScreeningAnswers | None]], now: datetime
) -> bool:
    """A screening or check-in of the last 7 days records leg pain, numbness or tingling that is
    new this episode, and none of the 28 days before records any (the pain journal's rule above).

    Sources: screening-answers.md (leg_symptom_side, numbness_tingling_leg, leg_symptom_onset
    "new"); a check-in's answers are read against the answers before it, so symptoms the last
    screening did not have are stored as new (DOMAIN.md 2.1.4).
    """
    recent_first = now - timedelta(days=LEG_RECENT_DAYS)
    before_first = recent_first - timedelta(days=LEG_BEFORE_DAYS)
    recent = before = False
    for taken_at, answers in records:
        if answers is None or not _reports_legs(answers):
            continue
        if recent_first < taken_at <= now and answers.leg_symptom_onset == "new":
            recent = True
        elif before_first <= taken_at <= recent_first:
            before = True
    return recent and not before


def _reports_legs(answers: ScreeningAnswers) -> bool:
    return answers.leg_symptom_side != "none" or answers.numbness_tingling_leg != "none"
