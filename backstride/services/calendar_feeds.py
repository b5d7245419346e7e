"""The plan as a private calendar feed: a secret link, revocable, that calendar apps poll."""

import secrets
from datetime import UTC, tzinfo
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from backstride.documents.calendar_ics import CalendarPlan, plan_calendar
from backstride.services.accounts import session_hash
from backstride.services.context import Action
from backstride.services.plans import week_plan
from backstride.storage.accounts import account_of
from backstride.storage.calendar_feeds import (
    StoredFeed,
    feed_by_hash,
    feed_of_user,
    forget_feed,
    replace_feed,
)

__all__ = [
    "StoredFeed",
    "calendar_feed",
    "feed_owner",
    "make_calendar_feed",
    "plan_ics",
    "revoke_calendar_feed",
]
SECRET_BYTES = 32
"""43 characters of URL-safe base64: 256 bits, never guessed."""
MAX_SECRET_CHARS = 64


def plan_ics(action: Action, runs: str | None, weeks: int, sessions: int) -> bytes:
    """The plan as the iCalendar text `backstride plan --ics` writes, in the runner's zone."""
    view = week_plan(action, runs, weeks, sessions, None)
    source = CalendarPlan(view.days, view.routine_text, view.routine_refusal, view.made_at)
    zone: tzinfo = ZoneInfo("UTC") if action.zone is UTC else action.zone
    return plan_calendar(source, zone).content


def make_calendar_feed(action: Action, weeks: int, sessions: int) -> str:
    """A new feed of the plan (the runner's old one stops working); its secret, shown once."""
    plan_ics(action, None, weeks, sessions)  # the same checks as the plan itself
    secret = secrets.token_urlsafe(SECRET_BYTES)
    replace_feed(
        action.session, action.runner_id, session_hash(secret), action.now, weeks, sessions
    )
    return secret


def calendar_feed(action: Action) -> StoredFeed | None:
    """The runner's feed (without its secret, which is never kept), if they have one."""
    return feed_of_user(action.session, action.runner_id)


def revoke_calendar_feed(action: Action) -> bool:
    """Stop the runner's feed at once; False when they had none."""
    return forget_feed(action.session, action.runner_id)


def feed_owner(session: Session, secret: str) -> StoredFeed | None:
    """The feed a secret opens; None for a revoked or made-up one, or a disabled account."""
    if not secret or len(secret) > MAX_SECRET_CHARS:
        return None
    feed = feed_by_hash(session, session_hash(secret))
    if feed is None:
        return None
    account = account_of(session, feed.user_id)
    return None if account is None or account.disabled else feed
