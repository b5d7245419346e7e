"""Why the safety status allows no programme today, in the runner's words, and the next step."""

from backstride.domain.safety_status import SafetyStatus
from backstride.errors import Hint

NO_SCREENING = (
    "no screening yet: the screening comes first, so that warning signs are checked before "
    "any exercise is prescribed"
)
EMERGENCY_REFUSAL = (
    "a warning sign that needs an emergency department now stands in your record; no exercise "
    "until a doctor has seen you"
)
URGENT_REFUSAL = (
    "your record says to see a doctor within days; keep to gentle everyday activity and no new "
    "programme until they have seen you, then screen again and say so"
)
BLOCK_REFUSALS: dict[str, str] = {
    "no_full_screening": "only a check-in is stored: a full screening comes first",
    "stale": "your last full screening is more than 4 weeks old: screen again before the next "
    "programme (DOMAIN.md 2.1.4)",
    "old_contract": "your last screening was taken before the version-2 questions (pregnancy, "
    "tummy pain, feeling faint): screen again before the next programme",
}


def refusal_hint(status: SafetyStatus) -> Hint | None:
    """The next step beside a refusal: a screening, when one would change the answer."""
    return "screen" if status.next_step in ("screen", "rescreen") else None


def refusal_of(status: SafetyStatus) -> str | None:
    """Why the safety status allows no programme today, in plain words (None when it does)."""
    if status.level is None:
        return NO_SCREENING
    if status.level == "emergency":
        return EMERGENCY_REFUSAL
    if status.level == "urgent_doctor":
        return URGENT_REFUSAL
    if status.block is not None:
        return BLOCK_REFUSALS[status.block]
    return None
