"""The clinician's dashboard order: clients by need, each with the reasons that placed them.

The order is the one issue 18 sets out (app policy): an emergency or urgent result or a new leg
symptom first; then two regressions in a row; pain worse by the minimal important change
(DOMAIN.md 2.3 [MIC]); a weekly load jump over 30 % (DOMAIN.md 2.7 [NIELSEN14-SUMMARY]); no
session in 7 days; then everyone else. Ties keep a stable order by login.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from backstride.domain.load import LARGE_JUMP_PCT
from backstride.domain.pain import MIC_POINTS
from backstride.domain.screening import Level

QUIET_DAYS = 7
"""No exercise session for this many days puts a client on the list (issue 18)."""
REGRESSIONS_IN_A_ROW = 2


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
    if quiet is None or quiet >= QUIET_DAYS:
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
