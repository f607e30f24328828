"""Running ``python -m tutorbot`` as a user would, for the command-line tests: the
repository's code, and no ``TUTORBOT_`` setting of this machine's environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run_tutorbot(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``tutorbot ARGS`` in ``cwd`` with the settings ``env``; its exit code and output."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TUTORBOT_")}
    return subprocess.run(
        [sys.executable, "-m", "tutorbot", *args],
        cwd=cwd,
        env={**clean, "PYTHONPATH": str(REPO), **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
