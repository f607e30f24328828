"""The ``tutorbot`` command: check decks, mark answers, revise in a terminal, run the bot."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from tutorbot.adapters import deck_files
from tutorbot.config import Settings, load_settings
from tutorbot.core.deck import Deck
from tutorbot.core.deck_examples import check_examples
from tutorbot.core.deck_lint import lint
from tutorbot.core.drafting.build import slug
from tutorbot.core.errors import (
    ContentError,
    NotesError,
    Problem,
    TutorError,
    UnknownDeck,
    UnknownQuestion,
)
from tutorbot.core.findings import located
from tutorbot.core.marking import Verdict, mark

EXIT_PROBLEM = 1
EXIT_USAGE = 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    _configure_logging(args.log_level)
    try:
        settings = load_settings()
        if getattr(args, "content", None) is not None:
            settings = replace(settings, content_dir=args.content)
        result: int = args.func(args, settings)
        return result
    except ContentError as exc:
        for problem in exc.problems:
            print(_with_setting(problem, settings), file=sys.stderr)
        return EXIT_PROBLEM if args.command == "check" else EXIT_USAGE
    except TutorError as exc:
        print(f"tutorbot: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tutorbot", description=__doc__)
    parser.add_argument(
        "--log-level",
        default="WARNING",
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="logging level for messages on stderr (default: WARNING)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check", help="validate decks, mark their examples, lint them; exit 1 on any problem"
    )
    check.add_argument(
        "paths",
        nargs="*",
        type=Path,
        help="deck files or folders (default: the content folder, TUTORBOT_CONTENT)",
    )
    check.add_argument(
        "--no-examples", action="store_true", help="do not mark the questions' examples"
    )
    check.add_argument(
        "--strict", action="store_true", help="treat lint warnings as problems (exit 1)"
    )
    check.set_defaults(func=_check)

    mark_cmd = commands.add_parser("mark", help="mark answers to one question, one JSON line each")
    mark_cmd.add_argument("deck", help="a deck file, or the id of a deck in the content folder")
    mark_cmd.add_argument("question", help="the question id")
    mark_cmd.add_argument("--answer", help="one answer; without it, read one answer per stdin line")
    _content_option(mark_cmd)
    mark_cmd.set_defaults(func=_mark)

    draft = commands.add_parser(
        "draft", help="draft a deck from revision notes (plain text or Markdown), offline"
    )
    draft.add_argument("notes", type=Path, help="the notes file")
    draft.add_argument(
        "-o", "--output", type=Path, help="the deck file to write (default: standard output)"
    )
    draft.set_defaults(func=_draft)

    console = commands.add_parser("console", help="revise in the terminal")
    console.add_argument("--db", type=Path, help="SQLite file for progress (default: TUTORBOT_DB)")
    console.add_argument("--deck", help="deck id to start with (default: ask)")
    _content_option(console)
    console.set_defaults(func=_console)

    run = commands.add_parser("run", help="run the Telegram bot (needs TUTORBOT_TOKEN)")
    _content_option(run)
    run.set_defaults(func=_run)

    backup = commands.add_parser(
        "backup", help="copy the database to PATH, safely while the bot runs"
    )
    backup.add_argument("path", type=Path, help="the backup file to write (replaced if it exists)")
    backup.add_argument("--db", type=Path, help="the database to copy (default: TUTORBOT_DB)")
    backup.set_defaults(func=_backup)

    phrasings = commands.add_parser(
        "phrasings", help="print the phrasings teachers accepted, as YAML to paste into the deck"
    )
    phrasings.add_argument("deck", help="a deck file, or the id of a deck in the content folder")
    phrasings.add_argument("--db", type=Path, help="SQLite file (default: TUTORBOT_DB)")
    phrasings.set_defaults(func=_phrasings)
    return parser


def _content_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--content",
        type=Path,
        help="folder (or file) of decks (default: TUTORBOT_CONTENT, else ./content, "
        "else the bundled deck)",
    )


def _with_setting(problem: Problem, settings: Settings) -> Problem:
    """A missing content folder's problem, naming the setting and option that choose it."""
    if problem.line is None and problem.file == str(settings.content_dir):
        return Problem(
            problem.file,
            None,
            f"{problem.message} (the content folder: set TUTORBOT_CONTENT or pass --content)",
        )
    return problem


def _configure_logging(level: str) -> None:
    logging.basicConfig(
        level=level,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if level != "DEBUG":
        logging.getLogger("httpx").setLevel(logging.WARNING)


def _check(args: argparse.Namespace, settings: Settings) -> int:
    paths = args.paths or [settings.content_dir]
    decks = deck_files.load_decks(paths)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for deck in decks:
        if not args.no_examples:
            problems += located(deck, check_examples(deck))
        warnings += located(deck, lint(deck), prefix="warning: ")
    for problem in problems + warnings:
        print(problem, file=sys.stderr)
    questions = sum(len(deck.questions) for deck in decks)
    if problems or (warnings and args.strict):
        count = len(problems) + (len(warnings) if args.strict else 0)
        print(f"{count} problem(s) in {len(decks)} deck(s)", file=sys.stderr)
        return EXIT_PROBLEM
    examples = sum(len(q.examples) for deck in decks for q in deck.questions)
    summary = f"OK: {len(decks)} deck(s), {questions} question(s)"
    if not args.no_examples and examples:
        summary += f", {examples} example(s) agree"
    if warnings:
        summary += f"; {len(warnings)} warning(s) (--strict makes them errors)"
    print(summary)
    return 0


def _mark(args: argparse.Namespace, settings: Settings) -> int:
    deck = _find_deck(args.deck, settings)
    try:
        question = deck.question(args.question)
    except UnknownQuestion as exc:
        ids = ", ".join(q.id for q in deck.questions)
        raise TutorError(f"{exc}; its questions: {ids}") from exc
    answers = (
        [args.answer] if args.answer is not None else (line.rstrip("\n") for line in sys.stdin)
    )
    for answer in answers:
        print(json.dumps(_verdict_json(mark(question, answer)), ensure_ascii=False), flush=True)
    return 0


def _verdict_json(verdict: Verdict) -> dict[str, object]:
    return {
        "question": verdict.question.id,
        "hit": [p.point.id for p in verdict.hit],
        "missed": [p.point.id for p in verdict.missed],
        "misconceptions": [m.misconception.id for m in verdict.misconceptions],
        "score": round(verdict.score, 4),
        "passed": verdict.passed,
    }


def _find_deck(name: str, settings: Settings) -> Deck:
    path = Path(name)
    if path.suffix in {".yaml", ".yml"} or path.is_file():
        if not path.is_file():
            raise TutorError(f"{name}: no such deck file")
        return deck_files.load_decks([path])[0]
    decks = deck_files.load_decks([settings.content_dir])
    for deck in decks:
        if deck.id == name:
            return deck
    known = ", ".join(deck.id for deck in decks)
    raise TutorError(
        f"{UnknownDeck(name)} in {settings.content_dir} (decks: {known}); give a deck file, "
        "or choose the folder with TUTORBOT_CONTENT or --content"
    )


def _draft(args: argparse.Namespace, settings: Settings) -> int:
    from tutorbot.core.drafting import draft, render

    notes: Path = args.notes
    text = read_notes_file(notes)
    drafted = draft(text)
    if settings.llm_url:
        from tutorbot.adapters.llm_client import improved_draft

        drafted = improved_draft(
            text, drafted, settings.llm_url, settings.llm_model, settings.llm_timeout
        )
    text = render(drafted, slug(notes.stem, 12) or "draft", notes.name)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"Drafted {args.output}: check it with: tutorbot check {args.output}", file=sys.stderr)
    return 0


def _console(args: argparse.Namespace, settings: Settings) -> int:
    from tutorbot.console import run_console

    return run_console(settings, db_path=args.db, deck_id=args.deck)


def _run(args: argparse.Namespace, settings: Settings) -> int:
    from tutorbot.bot import run_bot

    run_bot(settings)
    return 0


def _backup(args: argparse.Namespace, settings: Settings) -> int:
    from tutorbot.adapters.store.backup import backup

    source = args.db or settings.db_path
    size = backup(source, args.path)
    print(f"Backed up {source} to {args.path} ({size:,} bytes).")
    return 0


def _phrasings(args: argparse.Namespace, settings: Settings) -> int:
    from tutorbot.adapters.store import Store, StoreError
    from tutorbot.core.deck_phrasings import phrasings_yaml

    deck = _find_deck(args.deck, settings)
    path = args.db or settings.db_path
    if not path.is_file():
        raise StoreError(path, "there is no database there (check TUTORBOT_DB or --db)")
    with Store.open(path) as store:
        accepted = store.reviews.all_phrasings(deck.id)
    sys.stdout.write(phrasings_yaml(deck, accepted))
    return 0


NOTES_MAX_BYTES = 1_000_000


def read_notes_file(path: Path) -> str:
    """The text of a notes file; ``NotesError`` says plainly why it cannot be read."""
    try:
        if path.stat().st_size > NOTES_MAX_BYTES:
            raise NotesError(f"{path}: notes over 1 MB are more than one deck: split them")
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NotesError(f"{path}: the notes are not UTF-8 text: save them as UTF-8") from None
    except OSError as exc:
        raise NotesError(f"{path}: cannot read the notes: {exc.strerror or exc}") from None


if __name__ == "__main__":
    sys.exit(main())
