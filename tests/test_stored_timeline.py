"""The timeline kept with a started session: stored as documents, read back as the same steps."""

from backstride.domain.session import Step
from backstride.domain.stored_timeline import TIMELINE_KEY, stored_steps, timeline_document

STEPS = [
    Step("get_ready", "plank", "Forearm plank", "plank", None, 1, 1, 1, 2, 10.0, label="Get ready"),
    Step("hold", "plank", "Forearm plank", "plank", None, 1, 1, 1, 2, 20.0, hold_s=20),
]


def test_the_steps_come_back_as_they_were_stored() -> None:
    assert stored_steps({TIMELINE_KEY: timeline_document(STEPS)}) == STEPS


def test_a_record_without_a_whole_timeline_has_none() -> None:
    document = timeline_document(STEPS)
    assert stored_steps({}) is None
    assert stored_steps({TIMELINE_KEY: "steps"}) is None
    assert stored_steps({TIMELINE_KEY: [{**document[0], "extra": 1}]}) is None
    assert (
        stored_steps({TIMELINE_KEY: [{k: v for k, v in document[0].items() if k != "cue"}]}) is None
    )
