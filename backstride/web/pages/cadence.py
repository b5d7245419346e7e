"""The cadence page: the baseline, the ladder of +5 spm steps, their adoption, what to do next."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from backstride.domain.cadence_coaching import advice_headline
from backstride.domain.plain_sources import for_people
from backstride.services.cadence import cadence_coaching
from backstride.web.auth import runner_action, signed_in
from backstride.web.next_steps import link_of
from backstride.web.templating import page

router = APIRouter()


@router.get("/cadence")
def cadence(request: Request) -> Response:
    """Cadence coaching from the imported runs, with a click track at the next target."""
    who = signed_in(request)
    with runner_action(request, who, write=False) as action:
        view = cadence_coaching(action)
    advice = view.advice
    target = advice.metronome.spm if advice.metronome else advice.target_spm
    return page(
        request,
        "cadence.html",
        title="Cadence",
        view=view,
        headline=advice_headline(view),
        reason=_sentence(advice.reason),
        baseline_reason=_sentence(view.baseline_reason),
        ladder_reason=_sentence(view.ladder_reason),
        links=[link for link in map(link_of, advice.hints) if link is not None],
        target=target if advice.action != "no_change" else None,
        plain=for_people,
    )


def _sentence(text: str) -> str:
    """Domain words as a sentence on the page: a capital first, a full stop last."""
    plain = for_people(text).strip()
    return plain[:1].upper() + plain[1:] + ("" if plain.endswith(".") else ".")
