"""``tutorbot run`` starts without importing matplotlib: only /report's chart draws."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_the_bot_modules_load_without_matplotlib() -> None:
    code = (
        "import sys\n"
        "import tutorbot.cli, tutorbot.bot, tutorbot.bot.daily, tutorbot.bot.teacher\n"
        "import tutorbot.services.classroom\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
