"""Care links, invitations, the audit trail and a client's sessions as API result shapes."""

from datetime import date, datetime

from backstride.domain.care import AuditEntry, CareLink, Scope
from backstride.domain.care_alerts import AlertKind, CareAlert
from backstride.domain.screening import Level
from backstride.domain.session_record import SessionRecord
from backstride.services.care_dashboard import ClientRow
from backstride.services.result_model import ResultModel


class CareLinkResult(ResultModel):
    """One link: who consented, who may reach their data, which scopes, and whether it is live."""

    id: str
    runner_id: str
    runner_login: str
    clinician_id: str
    clinician_login: str
    scopes: list[Scope]
    created_at: datetime
    revoked_at: datetime | None
    live: bool


class ClientResult(CareLinkResult):
    """One client on the dashboard: their link, their place by need (0 first) and why."""

    rank: int
    """0: an emergency or urgent result or new leg symptoms; 1: two regressions in a row; 2: pain
    worse by the minimal important change; 3: a weekly load jump over 30 %; 4: no session in 7
    days; 5: none of these (issue 18's order)."""
    level: Level | None
    reasons: list[str]
    unshared: list[Scope]
    """Scopes the client does not share, so the dashboard could not judge them."""
    first_day: date
    """The first of the 14 days (in the client's zone) the pain line and adherence cover."""
    pain_daily: list[float | None] | None
    """Mean pain 0-10 of each of the 14 days (null inside: no entry that day; null: not shared)."""
    sessions_finished: int | None
    sessions_planned: int | None
    """Strength sessions a week (as set by a clinician, else 3) times two."""
    exercises_done: int | None
    exercises_planned: int | None
    """Over the sessions played in the 14 days; done unless none of its work was done."""
    last_session: str | None
    load_change_pct: float | None
    """This week's load against last week's (null: no week to compare, or not shared)."""


class AlertResult(ResultModel):
    """A care alert: which client, what kind of event, when, and whether it was seen."""

    id: str
    runner_id: str
    runner_login: str
    kind: AlertKind
    scope: Scope
    what: str
    raised_at: datetime
    acknowledged_at: datetime | None
    client_page: str
    """The client's page in the web app (a path on this site)."""


class CareInviteResult(ResultModel):
    """A new invitation code for a clinician: shown this once, valid until expires_at."""

    code: str
    scopes: list[Scope]
    expires_at: datetime


class CareRequestResult(ResultModel):
    """A clinician's new link request code for a runner: shown this once, valid until
    expires_at; the runner chooses the scopes when accepting it."""

    code: str
    expires_at: datetime


class AuditEntryResult(ResultModel):
    """One clinician read or change of the runner's data."""

    id: str
    at: datetime
    clinician_id: str
    clinician_login: str
    scope: Scope
    change: bool
    what: str


class ExercisePainResult(ResultModel):
    """One exercise of a session and the pain during it (0-10 NRS, None when not asked)."""

    exercise_id: str
    level_id: str
    pain_during: int | None


class ClientSessionResult(ResultModel):
    """One exercise session of a client, with the pain at each exercise."""

    id: str
    started_at: datetime
    ended_at: datetime | None
    duration_s: float | None
    completed: bool
    rpe: int | None
    exercises: list[ExercisePainResult]


def care_link_result(link: CareLink) -> CareLinkResult:
    """A link in its result shape."""
    return CareLinkResult(
        id=link.id,
        runner_id=link.runner_id,
        runner_login=link.runner_login,
        clinician_id=link.clinician_id,
        clinician_login=link.clinician_login,
        scopes=link.ordered_scopes(),
        created_at=link.created_at,
        revoked_at=link.revoked_at,
        live=link.live,
    )


def audit_entry_result(entry: AuditEntry) -> AuditEntryResult:
    """An audit entry in its result shape."""
    return AuditEntryResult(
        id=entry.id,
        at=entry.at,
        clinician_id=entry.clinician_id,
        clinician_login=entry.clinician_login,
        scope=entry.scope,
        change=entry.change,
        what=entry.what,
    )


def client_session_result(record: SessionRecord) -> ClientSessionResult:
    """A session in its result shape."""
    return ClientSessionResult(
        id=record.id,
        started_at=record.started_at,
        ended_at=record.ended_at,
        duration_s=record.duration_s,
        completed=record.completed,
        rpe=record.rpe,
        exercises=[
            ExercisePainResult(
                exercise_id=log.exercise_id, level_id=log.level_id, pain_during=log.pain_during
            )
            for log in record.logs
        ],
    )


def client_result(item: ClientRow) -> ClientResult:
    """A dashboard row in its result shape."""
    numbers, done = item.numbers, item.numbers.adherence
    return ClientResult(
        **care_link_result(item.link).model_dump(),
        rank=item.row.rank,
        level=item.row.signs.level,
        reasons=list(item.row.reasons),
        unshared=list(item.unshared),
        first_day=numbers.first_day,
        pain_daily=numbers.pain_daily,
        sessions_finished=done.sessions_finished if done else None,
        sessions_planned=done.sessions_planned if done else None,
        exercises_done=done.exercises_done if done else None,
        exercises_planned=done.exercises_planned if done else None,
        last_session=numbers.last_session,
        load_change_pct=numbers.load_change_pct,
    )


def alert_result(alert: CareAlert) -> AlertResult:
    """An alert in its result shape."""
    return AlertResult(
        id=alert.id,
        runner_id=alert.runner_id,
        runner_login=alert.runner_login,
        kind=alert.kind,
        scope=alert.scope,
        what=alert.what,
        raised_at=alert.raised_at,
        acknowledged_at=alert.acknowledged_at,
        client_page=f"/clients/{alert.runner_id}",
    )
