"""Importing the real sample files stores the same values as before the import got faster."""

import json

import pytest
from stored_values_golden import GOLDEN, SAMPLES, sample_files, stored_values

needs_samples = pytest.mark.skipif(not SAMPLES.is_dir(), reason="../shared/samples is absent")
EXPECTED = json.loads(GOLDEN.read_text())


@needs_samples
def test_every_sample_file_recorded_is_still_there() -> None:
    assert sorted(str(p.relative_to(SAMPLES)) for p in sample_files()) == sorted(EXPECTED)


@needs_samples
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_stored_values_match_those_recorded_before(name: str) -> None:
    assert stored_values(SAMPLES / name) == EXPECTED[name]


@needs_samples
def test_a_few_recorded_values_read_as_expected() -> None:
    # Values read off the recording, to show what it holds: a fenix 2 run of 47 minutes.
    (item,) = EXPECTED["fit/run/fitparse_activity-small-fenix2-run.fit"]
    (run,) = item["activities"]
    assert run["sport"] == "running"
    assert run["samples"] == 2809
    assert run["first_sample"][:4] == [0.0, 0.0, 69, 112.0]
    assert run["distance_m"] == 9008.22
