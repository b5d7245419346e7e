"""A dashboard row's numbers as the clients page shows them: the pain line and its words."""

from datetime import timedelta

from markupsafe import Markup

from backstride.documents.pain_chart import pain_sparkline
from backstride.domain.load import UNIT_LABELS
from backstride.services.care_dashboard import ClientNumbers, ClientRow


def pain_words(numbers: ClientNumbers) -> str:
    """How the pain line was made, with its range and latest value."""
    daily = numbers.pain_daily or []
    known = [(offset, value) for offset, value in enumerate(daily) if value is not None]
    if not known:
        return f"no pain logged in the last {len(daily)} days"
    low, high = min(v for _, v in known), max(v for _, v in known)
    offset, latest = known[-1]
    day = numbers.first_day + timedelta(days=offset)
    return (
        f"daily mean pain on the {len(known)} of the last {len(daily)} days with entries "
        "(a dot each): "
        f"{low:.1f} to {high:.1f} out of 10, latest {latest:.1f} on "
        f"{day:%a %d %b}"
    )


def pain_line(numbers: ClientNumbers) -> Markup | None:
    """The pain sparkline as inline SVG (None when pain is not shared)."""
    if numbers.pain_daily is None:
        return None
    return Markup(pain_sparkline(numbers.first_day, numbers.pain_daily, pain_words(numbers)))


def load_words(item: ClientRow) -> str:
    """The weekly load change with how it was computed (or why there is none)."""
    numbers = item.numbers
    if "runs_load" not in item.link.scopes or numbers.load_unit is None:
        return "not shared"
    if numbers.load_change_pct is None:
        return "no week to compare yet"
    unit = UNIT_LABELS[numbers.load_unit]
    return (
        f"{numbers.load_change_pct:+.0f} % this week on last week (weekly load: the sum of the "
        f"week's daily loads, in {unit})"
    )
