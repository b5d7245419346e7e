"""What played sessions tell the safety status: leg symptoms that keep see_clinician."""

from backstride.domain.safety_status import SessionFlag
from backstride.domain.session_record import SessionRecord

LEG_SYMPTOMS_REASON = (
    "A session reported new or spreading leg symptoms; until a full screening has asked about "
    "them again, the programme stays low load and a clinician should examine the leg "
    "(DOMAIN.md 2.4 nerve rule)."
)


def session_flags(sessions: list[SessionRecord]) -> list[SessionFlag]:
    """What played sessions reported that keeps see_clinician until a full re-screen."""
    flags = []
    for record in sessions:
        legs = record.routine.get("ended_by") == "leg_symptoms" or any(
            bool(log.done.get("leg_symptoms")) for log in record.logs
        )
        if legs:
            flags.append(SessionFlag(record.started_at, "leg_symptoms", LEG_SYMPTOMS_REASON))
    return flags
