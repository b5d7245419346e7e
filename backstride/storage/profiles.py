"""The runner's profile in and out of the database."""

from datetime import datetime

from sqlalchemy.orm import Session

from backstride.domain.profile import Profile
from backstride.storage.read_once import read_once
from backstride.storage.tables import ProfileRow


@read_once
def load_profile(session: Session, user_id: str) -> Profile:
    """The stored profile, or the default one if none was saved yet."""
    row = session.get(ProfileRow, user_id)
    return Profile() if row is None else Profile.model_validate(row.document)


def save_profile(session: Session, user_id: str, profile: Profile, now: datetime) -> None:
    """Replace the stored profile."""
    row = session.get(ProfileRow, user_id)
    document = profile.model_dump(mode="json")
    if row is None:
        session.add(ProfileRow(user_id=user_id, document=document, updated_at=now))
    else:
        row.document = document
        row.updated_at = now
    session.flush()
