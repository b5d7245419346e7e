"""Screening results in and out of the database, with the answers that produced them."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from backstride.domain.screening import Screening
from backstride.domain.screening_answers import ScreeningAnswers
from backstride.storage.tables import ScreeningRow

ScreeningKind = Literal["screen", "screen_stopped", "check_in"]


@dataclass(frozen=True, slots=True)
class StoredScreening:
    """A past screening as the history shows it."""

    id: str
    taken_at: datetime
    kind: str
    triage: str
    pattern: str
    rules: list[str]
    rule_table_version: str
    answers: ScreeningAnswers


def save_screening(
    session: Session,
    user_id: str,
    kind: ScreeningKind,
    answers: ScreeningAnswers,
    result: Screening,
    taken_at: datetime,
) -> str:
    """Store a screening with its answers and the rule-table version; return its id."""
    row = ScreeningRow(
        id=str(uuid.uuid4()),
        user_id=user_id,
        taken_at=taken_at,
        kind=kind,
        rule_table_version=result.rule_table_version,
        answers=answers.model_dump(mode="json"),
        triage=result.triage,
        pattern=result.pattern,
        rules=[rule.id for rule in result.fired],
    )
    session.add(row)
    session.flush()
    return row.id


def list_screenings(session: Session, user_id: str) -> list[StoredScreening]:
    """Every screening of the user, newest first."""
    rows = session.scalars(
        select(ScreeningRow)
        .where(ScreeningRow.user_id == user_id)
        .order_by(ScreeningRow.taken_at.desc(), ScreeningRow.id)
    )
    return [
        StoredScreening(
            id=row.id,
            taken_at=row.taken_at,
            kind=row.kind,
            triage=row.triage,
            pattern=row.pattern,
            rules=list(row.rules),
            rule_table_version=row.rule_table_version,
            answers=ScreeningAnswers.model_validate(row.answers),
        )
        for row in rows
    ]


def latest_answers(session: Session, user_id: str) -> ScreeningAnswers | None:
    """The answers of the newest screening or check-in, if any."""
    answers = session.scalar(
        select(ScreeningRow.answers)
        .where(ScreeningRow.user_id == user_id)
        .order_by(ScreeningRow.taken_at.desc())
        .limit(1)
    )
    return None if answers is None else ScreeningAnswers.model_validate(answers)
