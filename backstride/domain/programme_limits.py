"""What the safety status lets today's programme hold: low load, and the position limits.

The safety status (decided from the whole screening history) fills these in; the routine
builder obeys them. DOMAIN.md 2.1.4 "What the levels allow (sharpened)".
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ProgrammeLimits:
    """Limits on today's programme, each set by a rule whose reason travels in `reasons`."""

    low_load: bool = False
    """see_clinician, children under 16 and the C9 group: the genuinely low-load set."""
    gentle_movement_only: bool = False
    """Under 16 and not yet seen by a clinician: no programme, education and gentle movement."""
    claudication: bool = False
    """Long-standing two-leg symptoms on walking, eased by sitting: flexion-biased, no extension."""
    flexion_sensitive: bool = False
    """Radicular pain: no repeated loaded flexion (the contract has no 'worse with sitting')."""
    pregnancy: bool = False
    """Pregnant or gave birth in the last 6 months (C9): no prone or long supine positions."""
    reasons: tuple[str, ...] = ()
    """One plain sentence per limit that is on, naming its source."""
