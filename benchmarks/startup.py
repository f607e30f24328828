"""How long ``tutorbot run`` takes from start to polling, and what its imports cost.

Run from the repository root: ``python -m benchmarks.startup`` (``--runs N``).

Each run starts ``python -m tutorbot run`` as a new process (the bundled deck, a new SQLite
database, the fake Bot API server of ``tests/fake_bot_api.py`` on 127.0.0.1) and times it
from the moment the process is spawned to the moment its first ``getUpdates`` reaches the
server: interpreter start, imports, loading the decks, opening (and checking) the database,
getMe, and the start of polling. It then stops the bot with SIGTERM. Also printed: the time
to import what ``tutorbot run`` imports, in a fresh interpreter, and whether that pulls in
matplotlib (only /report's chart needs it).
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.fake_bot_api import FakeBotApi, FakeBotApiServer

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
TOKEN = "123456:" + "Startup_benchmark-0123456789abcdefgh"
IMPORTS = "import tutorbot.cli, tutorbot.bot, tutorbot.bot.daily, tutorbot.bot.teacher"


def start_to_polling(api: FakeBotApi, server: FakeBotApiServer, folder: Path) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TUTORBOT_")}
    env.update(
        PYTHONPATH=str(ROOT),
        TUTORBOT_TOKEN=TOKEN,
        TUTORBOT_API_BASE_URL=server.base_url,
        TUTORBOT_DB=str(folder / "bot.sqlite3"),
        TUTORBOT_CONTENT=str(ROOT / "content"),
    )
    polls = api.polls
    began = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "tutorbot", "run"],
        env=env,
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while api.polls == polls:  # counted as the request arrives (it then long-polls)
            if time.monotonic() - began > 60 or process.poll() is not None:
                raise RuntimeError("the bot did not start polling")
            time.sleep(0.002)
        return time.monotonic() - began
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def import_cost() -> tuple[float, bool]:
    """Seconds to import what ``tutorbot run`` imports, in a fresh interpreter, and whether
    matplotlib is among them."""
    code = (
        "import sys, time\n"
        "began = time.perf_counter()\n"
        f"{IMPORTS}\n"
        "print(time.perf_counter() - began, 'matplotlib' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, matplotlib = done.stdout.split()
    return float(seconds), matplotlib == "True"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="bot starts to time")
    args = parser.parse_args(argv)
    imports = [import_cost() for _ in range(args.runs)]
    print(
        f"imports of `tutorbot run`: median {statistics.median(s for s, _ in imports):.3f} s;"
        f" matplotlib imported at start-up: {'yes' if imports[0][1] else 'no'}"
    )
    api = FakeBotApi(token=TOKEN)
    times = []
    with FakeBotApiServer(api) as server:
        for run in range(args.runs):
            with tempfile.TemporaryDirectory() as folder:
                times.append(start_to_polling(api, server, Path(folder)))
            logger.info("run %d: %.3f s", run + 1, times[-1])
    print(
        f"`tutorbot run` start to polling ({args.runs} runs):"
        f" median {statistics.median(times):.3f} s,"
        f" min {min(times):.3f} s, max {max(times):.3f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
