"""Load advice: when pain got worse and the weekly load jumped, say to trim the next runs.

Rule LA1: pain worse by the minimal important change (2 points or 30 %, DOMAIN.md 2.3 [MIC],
judged by pain.pain_trend) AND a weekly load rise above 30 % (load.LARGE_JUMP_PCT, DOMAIN.md 2.7
[NIELSEN14-SUMMARY]) -> make the next runs shorter or easier until the pain settles (DOMAIN.md
2.4, last paragraph: reduce the next run when pain is above its baseline), then grow the week by
no more than 10-20 % (DOMAIN.md 2.7: a comfortable default by convention, not proof).
"""

from datetime import date

from backstride.domain.load import LARGE_JUMP_PCT, WeekChange
from backstride.domain.pain import MIC_FRACTION, MIC_POINTS, TREND_VERDICTS, PainEntry, pain_trend

LOAD_ADVICE_RULE = "LA1"
LOAD_ADVICE_SOURCE = "DOMAIN.md 2.7 NIELSEN14-SUMMARY; DOMAIN.md 2.4; DOMAIN.md 2.3 MIC"
REGROW_PCT = (10, 20)  # DOMAIN.md 2.7: the usual comfortable weekly rise (convention)
_NOUNS = {"km": "distance", "min": "training time", "AU": "training load"}


def load_advice(
    weekly_change_pct: float | None,
    pain_trend_verdict: str,
    *,
    pain_change_points: float | None = None,
    week_before_total: float | None = None,
    unit: str = "km",
) -> str | None:
    """LA1's advice, or None when pain is not worse or the week did not rise above 30 %.

    `weekly_change_pct` is load.weekly_change's change_pct for the week that rose, and
    `week_before_total` the total of the week it is compared with (for the numbers to aim at);
    `pain_trend_verdict` and `pain_change_points` come from pain.pain_trend. The change is
    compared to a millionth of a percent, so a float that should be exactly 30 % is not flagged.
    """
    if pain_trend_verdict not in TREND_VERDICTS:
        raise ValueError(
            f"unknown pain trend verdict {pain_trend_verdict!r}: use one of "
            + ", ".join(TREND_VERDICTS)
        )
    if unit not in _NOUNS:
        raise ValueError(f"unknown load unit {unit!r}: use one of " + ", ".join(_NOUNS))
    if weekly_change_pct is None or pain_trend_verdict != "worse":
        return None
    if round(weekly_change_pct, 6) <= LARGE_JUMP_PCT:
        return None
    mic = f"{MIC_POINTS} points or {round(MIC_FRACTION * 100)} %"
    pain = (
        f"your pain is up {pain_change_points:.1f} points"
        if pain_change_points is not None
        else "your pain has got worse"
    )
    low, high = REGROW_PCT
    aim = ""
    if week_before_total is not None and week_before_total > 0:
        aim = (
            f" (about {week_before_total * (100 + low) / 100:.1f}-"
            f"{week_before_total * (100 + high) / 100:.1f} {unit} after the "
            f"{week_before_total:.1f} {unit} week before the jump)"
        )
    return (
        f"{LOAD_ADVICE_RULE} (load and pain): your weekly {_NOUNS[unit]} rose "
        f"{_above_threshold(weekly_change_pct)} %, more than the {LARGE_JUMP_PCT} % that counts "
        f"as a large jump, and {pain}, at least the minimal important change of {mic}. Trim "
        "the next runs, shorter or easier, until the pain settles back; after that, let the "
        f"week grow by no more than {low}-{high} %{aim}. [{LOAD_ADVICE_SOURCE}]"
    )


def _above_threshold(pct: float) -> str:
    """The change with the fewest decimals that still shows it above the threshold."""
    for decimals in range(4):
        shown = f"{pct:.{decimals}f}"
        if float(shown) > LARGE_JUMP_PCT:
            return shown
    return f"{pct:.6f}"


def load_advice_today(weeks: list[WeekChange], entries: list[PainEntry], today: date) -> str | None:
    """LA1 for today from the weekly distance (km) changes and the pain journal, or None.

    The week judged is the latest with a flagged rise among this week (unfinished, but its
    total can only grow) and the last full one, so a jump is still said the week after it.
    """
    jumped = [week for week in weeks[-2:] if week.large_jump]
    if not jumped:
        return None
    trend = pain_trend(entries, today)
    week = jumped[-1]
    index = weeks.index(week)
    before = weeks[index - 1].total if index > 0 else None
    return load_advice(
        week.change_pct,
        trend.verdict,
        pain_change_points=trend.change_points,
        week_before_total=before,
        unit="km",
    )
