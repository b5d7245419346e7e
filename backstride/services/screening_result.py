"""A screening and the level now as result shapes: what `screen --json` prints, the API's too."""

from datetime import datetime
from typing import Any

from pydantic import SerializerFunctionWrapHandler, model_serializer

from backstride.domain.patterns import Pattern
from backstride.domain.safety_status import Block, NextStep, SafetyStatus
from backstride.domain.screening import RULE_TABLE_VERSION, Level, Screening
from backstride.services.result_model import IsoMoment, ResultModel
from backstride.services.screening import StoredScreening


class FiredRule(ResultModel):
    """One rule that fired: its id, the level it leads to, why, and its source."""

    id: str
    level: str
    reason: str
    source: str


class InflammatoryCriteria(ResultModel):
    """Which ASAS, Berlin and NICE NG65 items the answers meet, and whether each set is met."""

    asas: list[str]
    asas_positive: bool
    berlin: list[str]
    berlin_positive: bool
    ng65: list[str]
    ng65_referral: bool


class HeldAlarm(ResultModel):
    """An emergency or urgent result that still stands, and since when."""

    level: Level
    since: datetime
    rules: list[str]
    record_id: str | None


class StatusResult(ResultModel):
    """The level now, from the whole history: what every command shows first."""

    level: Level | None
    exercises_allowed: bool
    next_step: NextStep
    held: HeldAlarm | None
    reasons: list[FiredRule]
    block: Block | None
    screened_at: datetime | None
    doctor_assessed_at: datetime | None
    pattern: Pattern | None
    unsure: list[str]
    notes: list[str]
    rule_table_version: str


class ScreeningResult(ResultModel):
    """One screening's result in the contract's shape, the details behind it, the level now."""

    triage: Level
    pattern: Pattern
    rules: list[str]
    reasons: list[str]
    next_steps: str
    safety_net: str
    pattern_reason: str
    fired: list[FiredRule]
    exercises_allowed: bool
    inflammatory_criteria: InflammatoryCriteria
    rule_table_version: str
    unsure: list[str]
    status: StatusResult | None = None
    """The level now the stored result leads to; left out of the JSON for one not stored."""

    @model_serializer(mode="wrap")
    def _without_absent_status(self, handler: SerializerFunctionWrapHandler) -> Any:
        fields = handler(self)
        if isinstance(fields, dict) and fields.get("status") is None:
            fields.pop("status", None)  # a result not stored (--no-save) has no level now
        return fields


class StoredScreeningResult(ResultModel):
    """One past screening or check-in as the history lists it, newest first."""

    id: str
    taken_at: IsoMoment
    kind: str
    triage: str
    pattern: str
    rules: list[str]
    rule_table_version: str


def _fired(rule: object) -> FiredRule:
    return FiredRule.model_validate(rule, from_attributes=True)


def status_result(status: SafetyStatus) -> StatusResult:
    """The level now in its one result shape."""
    held = status.held
    return StatusResult(
        level=status.level,
        exercises_allowed=status.exercises_allowed,
        next_step=status.next_step,
        held=None
        if held is None
        else HeldAlarm(
            level=held.level,
            since=held.taken_at,
            rules=list(held.rules),
            record_id=held.record_id,
        ),
        reasons=[_fired(rule) for rule in status.reasons],
        block=status.block,
        screened_at=status.screened_at,
        doctor_assessed_at=status.cleared_at,
        pattern=status.current.pattern if status.current else None,
        unsure=list(status.unsure),
        notes=list(status.notes),
        rule_table_version=RULE_TABLE_VERSION,
    )


def screening_result(result: Screening, status: SafetyStatus | None = None) -> ScreeningResult:
    """A screening (and, when given, the level now it leads to) in its one result shape."""
    criteria = result.criteria
    return ScreeningResult(
        triage=result.triage,
        pattern=result.pattern,
        rules=[rule.id for rule in result.fired],
        reasons=[rule.reason for rule in result.fired],
        next_steps=result.next_steps,
        safety_net=result.safety_net,
        pattern_reason=result.pattern_reason,
        fired=[_fired(rule) for rule in result.fired],
        exercises_allowed=result.exercises_allowed,
        inflammatory_criteria=InflammatoryCriteria(
            asas=list(criteria.asas_items),
            asas_positive=criteria.asas_positive,
            berlin=list(criteria.berlin_items),
            berlin_positive=criteria.berlin_positive,
            ng65=list(criteria.ng65_items),
            ng65_referral=criteria.ng65_referral,
        ),
        rule_table_version=result.rule_table_version,
        unsure=list(result.unsure),
        status=None if status is None else status_result(status),
    )


def stored_screening_result(item: StoredScreening) -> StoredScreeningResult:
    """One past screening in its result shape."""
    return StoredScreeningResult(
        id=item.id,
        taken_at=item.taken_at,
        kind=item.kind,
        triage=item.triage,
        pattern=item.pattern,
        rules=list(item.rules),
        rule_table_version=item.rule_table_version,
    )
