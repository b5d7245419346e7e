"""A clinician's programme changes for a client: make one, undo one, list them; the runner's view.

Every call passes the one gate (services/care_gate.authorize) with the change's scope, which
writes the audit row, before anything of the runner's is read; the domain checks the change
against the runner's safety status and refuses what the rules forbid (nothing is stored then:
the error ends the transaction). Issue 18 point 5.
"""

from dataclasses import dataclass

from backstride.domain.care import Scope
from backstride.domain.programme_changes import (
    KIND_SCOPE,
    KIND_WORDS,
    KINDS,
    REASON_MAX,
    ChangeAsked,
    InForce,
    ProgrammeChange,
    check_change,
    in_force,
)
from backstride.domain.todays_routine import routine_request
from backstride.errors import Conflict, InvalidInput, NotFound
from backstride.services.care_gate import authorize, authorize_any
from backstride.services.context import Action
from backstride.services.exercises import catalogue
from backstride.services.routine import read_record
from backstride.storage.accounts import account_of
from backstride.storage.profiles import load_profile
from backstride.storage.programme_changes import (
    add_programme_change,
    lock_programme,
    programme_changes,
)

NO_CHANGE = "no programme change {id!r} for this runner"


@dataclass(frozen=True, slots=True)
class ProgrammeView:
    """Every version (newest first), those in force, and the undone ones."""

    history: list[ProgrammeChange]
    in_force: InForce
    undone: frozenset[str]

    @property
    def in_force_ids(self) -> frozenset[str]:
        """The ids of the changes in force."""
        return frozenset(row.id for row in self.in_force.changes())


def _view(history: list[ProgrammeChange]) -> ProgrammeView:
    undone = frozenset(row.undoes for row in history if row.undoes is not None)
    return ProgrammeView(list(reversed(history)), in_force(history), undone)


def _login(action: Action) -> str:
    account = account_of(action.session, action.actor_id)
    return account.login if account is not None else action.actor_id


def _kind_of(kind: str) -> ChangeAsked:
    found = next((k for k in KINDS if k == kind), None)
    if found is None:
        raise InvalidInput(
            f"kind {kind[:40]!r} is not valid: choose from {', '.join(KINDS)}", field="kind"
        )
    return ChangeAsked(found, "")


def make_change(action: Action, asked: ChangeAsked) -> ProgrammeChange:
    """Check and store one change for the client; NotFound without the scope, SafetyRefusal
    naming the rule for a change the safety rules forbid, InvalidInput for a bad value."""
    kind = _kind_of(asked.kind).kind
    authorize(action, KIND_SCOPE[kind], f"changed the programme: {KIND_WORDS[kind]}", change=True)
    lock_programme(action.session, action.runner_id)
    cat = catalogue()
    owned = frozenset(load_profile(action.session, action.runner_id).equipment)
    request = routine_request(read_record(action, cat), owned, action.today)
    checked = check_change(cat, asked, request)
    author = (action.actor_id, _login(action))
    return add_programme_change(action.session, action.runner_id, author, checked, action.now)


def undo_change(action: Action, change_id: str, reason: str) -> ProgrammeChange:
    """Undo one change (itself a new version); the state before it comes back."""
    authorize_any(action)
    lock_programme(action.session, action.runner_id)
    history = programme_changes(action.session, action.runner_id)
    target = next((row for row in history if row.id == change_id), None)
    if target is None:
        raise NotFound(NO_CHANGE.format(id=change_id[:40]))
    kind = target.asked.kind
    authorize(
        action, KIND_SCOPE[kind], f"undid a programme change: {KIND_WORDS[kind]}", change=True
    )
    if target.undoes is not None:
        raise InvalidInput("an undo cannot itself be undone: make the change again instead")
    if any(row.undoes == target.id for row in history):
        raise Conflict(f"programme change {target.version} is undone already")
    text = reason.strip()
    if not text or len(text) > REASON_MAX:
        raise InvalidInput(f"give a reason for the undo (1 to {REASON_MAX} characters)")
    asked = ChangeAsked(
        kind,
        text,
        target.asked.exercise_id,
        target.asked.max_reps,
        target.asked.max_hold_s,
        target.asked.sessions,
        target.asked.note,
    )
    author = (action.actor_id, _login(action))
    return add_programme_change(
        action.session, action.runner_id, author, asked, action.now, undoes=target.id
    )


def client_programme(action: Action) -> ProgrammeView:
    """The client's programme changes the clinician's scopes cover (programme, notes)."""
    scopes = authorize_any(action)
    kinds = {kind for kind, scope in KIND_SCOPE.items() if scope in scopes}
    if not kinds:
        raise NotFound(f"no programme changes for runner {action.runner_id[:40]!r} among yours")
    scope: Scope = "programme" if "programme" in scopes else "notes"
    authorize(action, scope, "read the programme changes")
    history = [
        row
        for row in programme_changes(action.session, action.runner_id)
        if row.asked.kind in kinds
    ]
    return _view(history)


def my_programme(action: Action) -> ProgrammeView:
    """The runner's own programme changes: every version, who made it, which are in force."""
    if action.actor_id != action.runner_id:
        raise NotFound("no programme changes here")
    return _view(programme_changes(action.session, action.runner_id))


def changes_in_force(action: Action) -> InForce:
    """The changes in force on the runner's programme (today's routine applies them)."""
    return in_force(programme_changes(action.session, action.runner_id))


def sessions_a_week(action: Action, asked: int | None, default: int = 3) -> int:
    """The strength sessions a week: as asked, else as a clinician set them, else the default."""
    if asked is not None:
        return asked
    setting = changes_in_force(action).sessions
    return setting.asked.sessions or default if setting is not None else default
