"""The one gate, authorize(action, scope): who may reach which part of a runner's data.

Runners acting on their own data pass. Anyone else passes only through a live care link from
the runner that holds the scope, and each pass is written to the runner's audit trail in the
same transaction as the read or change it allowed. When the admin restricts the clinician
role, a link to an account not marked as a clinician passes nothing. Everyone else meets the
same NotFound a second runner does, so nobody learns whether the runner or the data exists.
"""

from backstride.domain.care import SCOPES, Scope, may_reach
from backstride.errors import NotFound
from backstride.services.clinician_role import may_be_clinician
from backstride.services.context import Action
from backstride.storage.accounts import account_of
from backstride.storage.care_audit import add_audit_entry
from backstride.storage.care_links import live_care_link

NOT_A_CLIENT = "no runner {runner!r} among yours"


def authorize(action: Action, scope: Scope, what: str = "", *, change: bool = False) -> None:
    """Pass, or raise NotFound; a clinician's pass is audited.

    `what` is a verb phrase the runner reads after the clinician's login ("read runs").
    """
    if action.actor_id == action.runner_id:
        return
    link = live_care_link(action.session, action.runner_id, action.actor_id)
    allowed = may_reach(action.actor_id, action.runner_id, link, scope)
    if not allowed or not may_be_clinician(action.session, action.actor_id):
        raise NotFound(NOT_A_CLIENT.format(runner=action.runner_id[:40]))
    account = account_of(action.session, action.actor_id)
    login = account.login if account is not None else action.actor_id
    add_audit_entry(
        action.session,
        action.runner_id,
        (action.actor_id, login),
        scope,
        what or f"{'changed' if change else 'read'} {scope.replace('_', ' ')}",
        change,
        action.now,
    )


def authorize_any(action: Action) -> frozenset[Scope]:
    """The scopes the actor holds on this runner (all for the runner); NotFound with none."""
    if action.actor_id == action.runner_id:
        return frozenset(SCOPES)
    link = live_care_link(action.session, action.runner_id, action.actor_id)
    if link is None or not link.live or not may_be_clinician(action.session, action.actor_id):
        raise NotFound(NOT_A_CLIENT.format(runner=action.runner_id[:40]))
    return link.scopes
