"""The API's profile: read it, and change some of its fields."""

from typing import Annotated

from fastapi import APIRouter, Depends, Request

from backstride.services.profile import change_profile, show_profile
from backstride.services.profile_result import ProfileResult, profile_result
from backstride.web.api.body import json_text, model_body_doc, validated
from backstride.web.api.caller import Reader, Writer, api_action
from backstride.web.api.problems import ApiRoute
from backstride.web.api.requests import ProfileChange

router = APIRouter(route_class=ApiRoute, tags=["profile"])
Body = Annotated[str, Depends(json_text)]


@router.get("/profile", response_model=ProfileResult)
def get_profile(request: Request, caller: Reader) -> ProfileResult:
    """The runner's profile (defaults until edited)."""
    with api_action(request, caller, write=False) as action:
        return profile_result(show_profile(action))


@router.patch("/profile", response_model=ProfileResult, openapi_extra=model_body_doc(ProfileChange))
def patch_profile(request: Request, caller: Writer, body: Body) -> ProfileResult:
    """Change the fields given; the others keep their value."""
    change = validated(ProfileChange, body)
    values = change.model_dump(include=change.model_fields_set)
    with api_action(request, caller, write=True) as action:
        return profile_result(change_profile(action, values))
