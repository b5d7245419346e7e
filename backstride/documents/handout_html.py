"""The handout as one self-contained HTML file: inline style and drawings, no script.

Laid out for A4 paper (each exercise kept on one page where it fits) and for a phone screen.
"""

from html import escape

from backstride.documents.figure_svg import static_svg
from backstride.domain.handout import Handout, HandoutExercise
from backstride.domain.text_blocks import blocks

STYLE = """
@page { size: A4; margin: 14mm 14mm 16mm; }
body { font-family: "DejaVu Sans", system-ui, sans-serif; color: #1b1f24; line-height: 1.35;
  max-width: 46rem; margin: 0 auto; padding: 0 12px; font-size: 10pt; }
h1 { font-size: 18pt; margin: 0.2em 0; } h2 { font-size: 13pt; margin: 0.2em 0 0.3em; }
h3 { font-size: 11pt; margin: 0.6em 0 0.1em; }
.meta, .why { color: #4a535e; }
.level { border: 2px solid #4a535e; border-radius: 6px; padding: 6px 10px; margin: 10px 0; }
.level-emergency { border-color: #a1151b; } .level-urgent_doctor { border-color: #7a4d00; }
.exercise { border-top: 1px solid #c9d1d9; padding-top: 6px; margin-top: 10px; }
.exercise h2, .exercise .dose, .exercise .drawing { break-after: avoid; page-break-after: avoid; }
.stops-all { border: 1px solid #a1151b; border-radius: 6px; padding: 4px 10px; }
.dose { font-weight: 700; }
.pinned { font-weight: 700; color: #0b5cad; }
.note { border: 1px solid #0b5cad; border-radius: 6px; padding: 4px 10px; margin: 10px 0; }
.drawing svg { width: 100%; height: auto; max-height: 38mm; }
.stop { color: #a1151b; }
.net { border: 2px solid #a1151b; border-radius: 6px; padding: 6px 10px; margin-top: 16px;
  break-inside: avoid; page-break-inside: avoid; }
ul, ol { margin: 0.2em 0 0.4em 1.2em; padding: 0; }
"""


def handout_html(handout: Handout) -> str:
    """The whole handout."""
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>backstride handout, {handout.made_on:%d %b %Y}</title>",
        f"<style>{STYLE}</style></head><body>",
        "<h1>Your back programme</h1>",
        f'<p class="meta">From backstride on {handout.made_on:%A %d %B %Y}. Not a diagnosis.</p>',
        f'<section class="level level-{escape(handout.level or "none")}">',
        f"<h2>{escape(handout.headline)}</h2><p>{escape(handout.next_steps)}</p></section>",
    ]
    if handout.note:
        who, text = handout.note
        parts.append(
            f'<section class="note"><h3>A note from {escape(who)}</h3><p>{escape(text)}</p>'
            "</section>"
        )
    if handout.no_programme:
        parts.append(f"<p><strong>No exercises today.</strong> {escape(handout.no_programme)}</p>")
    else:
        parts.append(
            f"<p>{len(handout.exercises)} exercises, {handout.rounds} rounds, about "
            f"{handout.minutes} minutes; {handout.rest_between_s} s rest between exercises. "
            "Score your back pain 0-10 after each exercise.</p>"
        )
        parts.append('<section class="stops-all"><h3 class="stop">Stop any exercise if</h3>')
        parts.append(_list("ul", handout.stop_any_if) + "</section>")
        parts.extend(_exercise(number, item) for number, item in enumerate(handout.exercises, 1))
    parts.append(_safety_net(handout.safety_net))
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _exercise(number: int, item: HandoutExercise) -> str:
    optional = " <em>(optional)</em>" if item.optional else ""
    drawing = f'<div class="drawing">{static_svg(item.figure)}</div>' if item.figure else ""
    return "\n".join(
        [
            '<section class="exercise">',
            f"<h2>{number}. {escape(item.name)}{optional}</h2>",
            f'<p class="pinned">{escape(item.pinned.capitalize())}</p>' if item.pinned else "",
            f'<p class="dose">{escape(item.dose)}</p>',
            f'<p class="why">{escape(item.why)}</p>',
            drawing,
            f"<p><strong>Start:</strong> {escape(item.start)}</p>",
            _list("ol", item.steps),
            "<h3>Cues</h3>",
            _list("ul", item.cues),
            "<h3>Common mistakes</h3>",
            _list("ul", item.mistakes),
            "<h3>Take care</h3>",
            _list("ul", item.cautions),
            '<h3 class="stop">Also stop this one if</h3>',
            _list("ul", item.stop_if),
            "</section>",
        ]
    )


def _safety_net(text: str) -> str:
    """The level's safety net: lead lines with their "- " items as lists."""
    parts = ['<section class="net"><h2>When to get help</h2>']
    for lead, items in blocks(text):
        parts.append(f"<p>{escape(lead)}</p>")
        if items:
            parts.append(_list("ul", tuple(items)))
    parts.append("</section>")
    return "\n".join(parts)


def _list(tag: str, items: tuple[str, ...]) -> str:
    return f"<{tag}>" + "".join(f"<li>{escape(i)}</li>" for i in items) + f"</{tag}>"
