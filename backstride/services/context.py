"""Where a user action runs: one open transaction, who acts, on whom, when, and their zone."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo

from sqlalchemy.orm import Session

from backstride.domain.local_time import zone_named
from backstride.storage.profiles import load_profile
from backstride.storage.users import LOCAL_HANDLE, ensure_user


@dataclass(frozen=True, slots=True)
class Action:
    """What a service function needs, built by the adapter: never by a service.

    The actor and the runner are the same person when runners act on their own data; they
    differ when a physiotherapist acts on a client's data with the client's consent.
    """

    session: Session
    actor_id: str
    """The account that asked for this action."""
    runner_id: str
    """The runner whose data this action reads and writes."""
    now: datetime
    zone: tzinfo = UTC
    """The runner's time zone: their "today" and the day each of their sessions fell on."""

    @property
    def today(self) -> date:
        """The runner's calendar day now."""
        return self.now.astimezone(self.zone).date()

    def local(self, moment: datetime) -> datetime:
        """A stored (UTC) moment on the runner's clock."""
        return moment.astimezone(self.zone)


def runner_zone(session: Session, runner_id: str, fallback: tzinfo) -> tzinfo:
    """The zone in the runner's profile, else the adapter's fallback (the CLI: the machine's)."""
    name = load_profile(session, runner_id).time_zone
    return zone_named(name) if name else fallback


def local_runner_action(session: Session, now: datetime, fallback_zone: tzinfo) -> Action:
    """The Action of the one local runner (created on first use), acting on their own data."""
    runner_id = ensure_user(session, LOCAL_HANDLE, now)
    return Action(
        session, runner_id, runner_id, now, runner_zone(session, runner_id, fallback_zone)
    )
