"""Playing a sound file with whichever command-line audio player this machine has."""

import shutil
import subprocess
from pathlib import Path


def play(path: Path) -> bool:
    """Play the file with the first audio player found; False when there is none."""
    for player in ("paplay", "aplay", "afplay", "ffplay"):
        found = shutil.which(player)
        if found:
            extra = ["-nodisp", "-autoexit"] if player == "ffplay" else []
            subprocess.run([found, *extra, str(path)], check=False)
            return True
    return False
