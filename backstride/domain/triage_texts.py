"""The words a screening result speaks: next steps and safety net per level, pattern notes.

Written for backstride; levels and their meaning follow DOMAIN.md 2.1.2, patterns 2.2.
"""

from typing import Final

NEXT_STEPS: Final[dict[str, str]] = {
    "emergency": (
        "Go to an emergency department now, or call your local emergency number. Do not "
        "exercise and do not wait to see if it passes. Take this result with you."
    ),
    "urgent_doctor": (
        "Book an appointment with a doctor within the next few days and tell them what you "
        "answered here. Until they have seen you, keep to gentle everyday activity and do not "
        "start a new exercise programme."
    ),
    "see_clinician": (
        "Book a routine appointment with a GP or physiotherapist. While you wait, backstride can "
        "offer a gentle, low-load routine guided by your pain, and will ask the warning-sign "
        "questions again before every session."
    ),
    "self_care": (
        "Nothing in your answers needs a doctor right now. Stay active, keep running as your "
        "back allows, and follow the exercise programme with pain monitoring. Screen again if "
        "anything changes."
    ),
}

_EMERGENCY_SIGNS = (
    "new numbness between your legs or around your back passage or genitals; new trouble "
    "passing urine or controlling your bowels; new pain or numbness in both legs; a leg "
    "getting weaker or a foot that drops; a fever with your back pain"
)

SAFETY_NET: Final[dict[str, str]] = {
    "emergency": (
        "If you cannot get to an emergency department yourself, call your emergency number. "
        "These signs matter even if the pain itself is mild."
    ),
    "urgent_doctor": (
        "Go to an emergency department straight away, without waiting for your appointment, "
        f"if any of these appear: {_EMERGENCY_SIGNS}."
    ),
    "see_clinician": (
        f"Go to an emergency department straight away if any of these appear: "
        f"{_EMERGENCY_SIGNS}. See a doctor within days if you lose weight without trying, feel "
        "unwell, or the pain stops easing at rest or at night."
    ),
    "self_care": (
        f"Go to an emergency department straight away if any of these appear: "
        f"{_EMERGENCY_SIGNS}. See a doctor within days if you lose weight without trying, feel "
        "unwell, or the pain stops easing at rest or at night. Book a routine appointment if "
        "pain spreads below the knee or is no better after six weeks."
    ),
}

PATTERN_REASONS: Final[dict[str, str]] = {
    "radicular": (
        "Your answers suggest a nerve may be involved (pain or symptoms below the knee, "
        "tingling, numbness or weakness in a leg)."
    ),
    "inflammatory": (
        "Your answers suggest inflammatory back pain: a gradual start at a younger age, "
        "lasting months, with features such as long morning stiffness or easing with movement."
    ),
    "spasm": (
        "Your answers suggest a muscle spasm: a sudden start, a locked or gripping feeling, "
        "and no pain shooting down the leg."
    ),
    "arthritic_degenerative": (
        "Your answers suggest a long-standing, wear-and-tear type ache: a gradual, diffuse "
        "ache across the low back for months, with short morning stiffness."
    ),
    "nonspecific_mechanical": (
        "Your answers suggest mechanical back pain, the most common kind: it changes with "
        "posture and load and has no sign of a specific cause."
    ),
}
