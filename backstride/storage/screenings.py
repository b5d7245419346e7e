"""Screening results in and out of the database, with the answers that produced them."""

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from backstride.domain.safety_status import RecordKind, ScreeningRecord
from backstride.domain.screening import LEVELS, Level, Screening
from backstride.domain.screening_answers import ScreeningAnswers, stored_answers
from backstride.storage.read_once import read_once
from backstride.storage.tables import ScreeningRow

ScreeningKind = RecordKind


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
    answers: ScreeningAnswers | None
    """None for a record stored before answers contract version 2."""

    def record(self) -> ScreeningRecord:
        """The record as the safety status reads it."""
        triage: Level = next((level for level in LEVELS if level == self.triage), "emergency")
        kind: RecordKind = (
            "check_in"
            if self.kind == "check_in"
            else "screen_stopped"
            if self.kind == "screen_stopped"
            else "screen"
        )
        return ScreeningRecord(
            self.id, self.taken_at, kind, self.answers, triage, tuple(self.rules)
        )


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


@read_once
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
            answers=stored_answers(row.answers),
        )
        for row in rows
    ]
