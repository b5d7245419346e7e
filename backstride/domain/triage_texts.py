"""The words a screening result speaks: next steps and safety net per level, pattern notes.

Written for backstride; levels and their meaning follow DOMAIN.md 2.1.2, the complete safety
net 2.1.4, patterns 2.2.
"""

from typing import Final

HEADLINES: Final[dict[str, str]] = {
    "emergency": "GO TO AN EMERGENCY DEPARTMENT NOW, or call your emergency number.",
    "urgent_doctor": "See a doctor within the next few days.",
    "see_clinician": "Book a routine appointment with a GP or physiotherapist.",
    "self_care": "No warning signs found: you can look after this yourself.",
}
"""The first line of a result at each level, before anything else is said."""

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

# One plain phrase per rule of the screening (backstride/domain/screening.py RULES), so the
# safety net names every E rule and every U rule (DOMAIN.md 2.1.2, and 2.1.4 "Safety net
# (complete)", which adds E10 and U10 and widens U5 and U8).
EMERGENCY_SIGNS: Final[tuple[tuple[str, str], ...]] = (
    (
        "E1",
        "new numbness or an odd feeling in the skin between your legs, or around your genitals "
        "or back passage",
    ),
    ("E2", "new trouble passing urine, or leaking it without warning"),
    ("E3", "new loss of bowel control, or not feeling when you need to go"),
    ("E4", "a new change in sexual function or in how your genitals feel"),
    ("E5", "new pain, numbness or tingling in both legs, or leg pain spreading to the other leg"),
    (
        "E6",
        "a leg getting weaker, both legs weak, a foot that drops or drags, or walking getting hard",
    ),
    (
        "E7",
        "a fever or shivers, even without any other sign; or feeling unwell with a weak immune "
        "system, drug injection, a recent infection or constant pain",
    ),
    ("E8", "pain that began with a serious accident, such as a fall from a height or a collision"),
    ("E9", "a past cancer with new numbness, weakness, trouble walking or a bladder change"),
    (
        "E10",
        "at 50 or over, sudden severe pain also felt in your tummy, or with feeling faint, "
        "clammy or collapsing",
    ),
)

URGENT_SIGNS: Final[tuple[tuple[str, str], ...]] = (
    ("U1", "any past cancer, and now new back pain"),
    ("U2", "losing weight without trying"),
    ("U3", "feeling generally unwell, without a fever"),
    ("U4", "a weakened immune system, or injecting drugs"),
    (
        "U5",
        "steroid tablets for 3 months or more; thin bones with a sudden start, a fall or new "
        "severe pain; a fall at 65 or over",
    ),
    (
        "U6",
        "pain that is constant and never eases with rest or a change of position, even at night",
    ),
    ("U7", "new weakness or numbness in one leg, even if it is not getting worse"),
    ("U8", "a first-ever back pain under 15, or at 60 or over"),
    ("U9", "your back newly changing shape, or pain between the shoulder blades while unwell"),
    (
        "U10",
        "an infection (urine, skin, chest) or a procedure such as a spinal injection, surgery or a "
        "catheter in the last 3 months",
    ),
)


def _listed(heading: str, signs: tuple[tuple[str, str], ...]) -> str:
    """A heading line and one sign a line, so each clause stays short and easy to scan."""
    return heading + "\n" + "\n".join(f"- {phrase}" for _, phrase in signs)


_GO_NOW = _listed(
    "Go to an emergency department straight away if any of these appear:", EMERGENCY_SIGNS
)
_WITHIN_DAYS = _listed("See a doctor within days if any of these appear:", URGENT_SIGNS)

SAFETY_NET: Final[dict[str, str]] = {
    "emergency": (
        "If you cannot get to an emergency department yourself, call your emergency number. "
        "These signs matter even if the pain itself is mild."
    ),
    "urgent_doctor": _listed(
        "Do not wait for your appointment: go to an emergency department straight away if "
        "any of these appear:",
        EMERGENCY_SIGNS,
    ),
    "see_clinician": f"{_GO_NOW}\n\n{_WITHIN_DAYS}",
    "self_care": (
        f"{_GO_NOW}\n\n{_WITHIN_DAYS}\n\nBook a routine appointment if pain spreads below the knee "
        "or is no better after six weeks."
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
