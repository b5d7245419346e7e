"""Settings the admin changes while the app runs (open registration), one JSON value each."""

from typing import Any

from sqlalchemy.orm import Session

from backstride.storage.tables import SiteSettingRow


def site_setting(session: Session, key: str, default: dict[str, Any]) -> dict[str, Any]:
    """A stored setting, or the default when it was never set."""
    row = session.get(SiteSettingRow, key)
    return default if row is None else row.value


def set_site_setting(session: Session, key: str, value: dict[str, Any]) -> None:
    """Store a setting."""
    row = session.get(SiteSettingRow, key)
    if row is None:
        session.add(SiteSettingRow(key=key, value=value))
    else:
        row.value = value
    session.flush()
