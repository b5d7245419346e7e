"""A state machine over care links: link, change scopes, revoke, read and write, in any order,
never lets a clinician reach a scope the runner has not given at that moment; every pass is
audited once and nothing refused is."""

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import hypothesis.strategies as st
from hypothesis import HealthCheck, settings
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from screening_base import CALM

from backstride.config import load_settings
from backstride.domain.care import SCOPES, Scope
from backstride.domain.screening import screen
from backstride.domain.screening_answers import ScreeningAnswers
from backstride.errors import NotFound
from backstride.services.care import accept_invitation, change_scopes, invite_clinician, revoke_link
from backstride.services.care_gate import authorize
from backstride.services.client_records import (
    client_load,
    client_pain,
    client_records,
    client_routine,
    client_runs,
    client_screenings,
    client_sessions,
)
from backstride.services.context import Action
from backstride.services.pain import log_pain
from backstride.services.screening import record_screening
from backstride.storage.care_audit import audit_entries
from backstride.storage.database import Database
from backstride.storage.users import ensure_user

READS: dict[str, tuple[Scope, Callable[[Action], Any]]] = {
    "screenings": ("screening", client_screenings),
    "pain": ("pain_sessions", client_pain),
    "sessions": ("pain_sessions", client_sessions),
    "runs": ("runs_load", client_runs),
    "load": ("runs_load", client_load),
    "routine": ("programme", client_routine),
}
WRITES: tuple[Scope, ...] = ("programme", "notes")
CLINICIANS = ("cleo", "dan")
scope_sets = st.frozensets(st.sampled_from(SCOPES), min_size=1)


class CareLinks(RuleBasedStateMachine):
    """One runner, two would-be clinicians; the model is the scopes each holds now."""

    def __init__(self) -> None:
        super().__init__()
        self.database = Database(load_settings().effective_database_url)
        self.now = datetime(2026, 11, 2, 8, tzinfo=UTC)
        tag = uuid.uuid4().hex[:8]
        with self.database.transaction() as session:
            self.runner = ensure_user(session, f"anna-{tag}", self.now)
            self.ids = {
                name: ensure_user(session, f"{name}-{tag}", self.now) for name in CLINICIANS
            }
            own = self._action(session, self.runner)
            record_screening(own, screen(ScreeningAnswers.model_validate(CALM)), "screen")
            log_pain(own, 3, "morning", note="a private note")
        self.held: dict[str, frozenset[Scope]] = {}
        self.links: dict[str, str] = {}
        self.audited = 0

    def _action(self, session: Any, actor: str) -> Action:
        self.now += timedelta(seconds=1)
        return Action(session, actor, self.runner, self.now)

    @rule(who=st.sampled_from(CLINICIANS), scopes=scope_sets)
    def link(self, who: str, scopes: frozenset[Scope]) -> None:
        with self.database.transaction() as session:
            code = invite_clinician(self._action(session, self.runner), sorted(scopes))
            clinician = self._action(session, self.ids[who])
            taken = accept_invitation(
                Action(session, self.ids[who], self.ids[who], clinician.now), code
            )
        self.links[who] = taken.id
        self.held[who] = scopes

    @precondition(lambda self: bool(self.held))
    @rule(data=st.data(), scopes=scope_sets)
    def change(self, data: st.DataObject, scopes: frozenset[Scope]) -> None:
        who = data.draw(st.sampled_from(sorted(self.held)))
        with self.database.transaction() as session:
            change_scopes(self._action(session, self.runner), self.links[who], sorted(scopes))
        self.held[who] = scopes

    @precondition(lambda self: bool(self.links))
    @rule(data=st.data())
    def revoke(self, data: st.DataObject) -> None:
        who = data.draw(st.sampled_from(sorted(self.links)))
        with self.database.transaction() as session:
            revoke_link(self._action(session, self.runner), self.links[who])
        self.held.pop(who, None)

    @rule(who=st.sampled_from(CLINICIANS), what=st.sampled_from(sorted(READS)))
    def read(self, who: str, what: str) -> None:
        scope, reader = READS[what]
        self._attempt(who, scope, lambda action: reader(action))

    @rule(who=st.sampled_from(CLINICIANS), scope=st.sampled_from(WRITES))
    def write(self, who: str, scope: Scope) -> None:
        self._attempt(who, scope, lambda action: authorize(action, scope, "a change", change=True))

    @rule(who=st.sampled_from(CLINICIANS))
    def read_the_timeline(self, who: str) -> None:
        held = self.held.get(who)
        try:
            with self.database.transaction() as session:
                records = client_records(self._action(session, self.ids[who]))
        except NotFound:
            assert held is None
            return
        assert held is not None and records.scopes == held
        self.audited += len(held & {"screening", "pain_sessions", "runs_load"})
        assert any("pain" in entry.summary for entry in records.entries) == (
            "pain_sessions" in held
        )

    def _attempt(self, who: str, scope: Scope, call: Callable[[Action], Any]) -> None:
        allowed = scope in self.held.get(who, frozenset())
        try:
            with self.database.transaction() as session:
                call(self._action(session, self.ids[who]))
        except NotFound:
            assert not allowed, (who, scope, self.held)
            return
        assert allowed, (who, scope, self.held)
        self.audited += 1

    @invariant()
    def every_pass_is_audited_once(self) -> None:
        with self.database.transaction(write=False) as session:
            trail = audit_entries(session, self.runner, limit=10_000)
        assert len(trail) == self.audited
        assert {entry.clinician_id for entry in trail} <= set(self.ids.values())

    def teardown(self) -> None:
        self.database.close()


CareLinks.TestCase.settings = settings(
    max_examples=25,
    stateful_step_count=20,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_care_links_never_open_more_than_the_scopes_in_force = CareLinks.TestCase
