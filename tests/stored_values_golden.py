"""What importing the real sample files stores, reduced to digests and a few plain values."""

import hashlib
import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from backstride.services.imports import read_file
from backstride.storage.sample_codec import pack_samples, unpack_samples

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"
GOLDEN = Path(__file__).resolve().parent / "data" / "stored_values_golden.json"
PATTERNS = ("fit/*/*.fit", "gpx/*.gpx", "tcx/*.tcx", "strava_export/*.zip")


def sample_files() -> list[Path]:
    """Every real sample file the importers read, in a stable order."""
    return sorted(path for pattern in PATTERNS for path in SAMPLES.glob(pattern))


def _digest(value: object) -> str:
    return hashlib.sha256(repr(value).encode()).hexdigest()[:16]


def stored_values(path: Path) -> list[dict[str, Any]]:
    """Per item the file holds: its outcome and, per activity, what the database would keep."""
    found = []
    for read in read_file(path.name, path.read_bytes()):
        item = read.item
        activities = []
        for activity, numbers in zip(item.activities, read.numbers, strict=True):
            stored = unpack_samples(pack_samples(activity.samples))
            summary = json.dumps(asdict(numbers), sort_keys=True, default=str)
            activities.append(
                {
                    "sport": activity.sport,
                    "sub_sport": activity.sub_sport,
                    "start": activity.start.isoformat(),
                    "local_offset_min": activity.local_offset_min,
                    "elapsed_s": activity.elapsed_s,
                    "distance_m": activity.distance_m,
                    "samples": len(stored),
                    "first_sample": list(stored[0]) if stored else None,
                    "last_sample": list(stored[-1]) if stored else None,
                    "samples_digest": _digest(stored),
                    "moving_s": numbers.moving_s,
                    "metrics_digest": _digest(summary),
                }
            )
        found.append(
            {
                "label": item.label,
                "outcome": item.outcome,
                "reason": item.reason,
                "activities": activities,
            }
        )
    return found


def all_stored_values() -> dict[str, list[dict[str, Any]]]:
    """The stored values of every sample file, keyed by its path under the samples folder."""
    return {str(path.relative_to(SAMPLES)): stored_values(path) for path in sample_files()}


if __name__ == "__main__":
    GOLDEN.write_text(json.dumps(all_stored_values(), indent=1, sort_keys=True) + "\n")
    print(f"wrote {GOLDEN}")
