"""The profile as a result shape: what `profile --json` prints and the API will return."""

from backstride.domain.profile import Profile
from backstride.services.result_model import ResultModel


class ProfileResult(Profile, ResultModel):
    """The runner's profile, field for field as the domain model holds it."""


def profile_result(profile: Profile) -> ProfileResult:
    """The profile in its one result shape."""
    return ProfileResult.model_validate(profile, from_attributes=True)
