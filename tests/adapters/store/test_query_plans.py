"""What SQLite does for the work done on every update: no statement reads a student's whole
history (EXPLAIN QUERY PLAN of every statement the tutor runs; sorting a deck's worth of cards
is fine), and reading the delivery queue does not sort it."""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import cycle

import pytest

from tests.fakes import FakeClock
from tutorbot.adapters.store import Store
from tutorbot.adapters.store.outbox import Outbox
from tutorbot.core.deliveries import NewMessage
from tutorbot.services.tutor import Tutor

ANN = 11
ANSWERS = ("they would stay neutral", "no idea", "in 1922", "turned west")


def statements(store: Store, action: Callable[[], object]) -> list[str]:
    """The statements (with their values) that ``action`` ran on the store's connection."""
    seen: list[str] = []
    store.connection.set_trace_callback(seen.append)
    try:
        action()
    finally:
        store.connection.set_trace_callback(None)
    return [
        s for s in seen if s.split(None, 1)[0].upper() in {"SELECT", "INSERT", "UPDATE", "DELETE"}
    ]


def plan(store: Store, sql: str) -> list[str]:
    return [row[3] for row in store.connection.execute("EXPLAIN QUERY PLAN " + sql)]


ONE_ROW_OR_ONE_QUESTION = (
    "(rowid=?)",
    "(student_id=? AND message_id=?)",
    "(student_id=? AND deck_id=? AND question_id=?)",
)


def history_wide(line: str) -> bool:
    """A step on the attempts table that can read more than one row or one question's
    answers: a scan, or a search on a prefix such as (student_id=?) or (student_id=? AND
    message_id>?). Unconfirmed feedback has its own index: those rows are few."""
    on_attempts = re.search(r"\battempts\b|attempts_|autoindex_attempts", line)
    if not on_attempts or "attempts_unreplied" in line:
        return False
    return not line.endswith(ONE_ROW_OR_ONE_QUESTION)


@pytest.fixture
def history(tutor: Tutor, clock: FakeClock) -> Tutor:
    """Ann with 60 answers across the deck, a third of their feedback unconfirmed."""
    tutor.enrol(ANN, "Ann")
    tutor.choose_deck(ANN, "treaties")
    questions = cycle(q.id for q in tutor.deck("treaties").questions)
    for n in range(60):
        tutor.ask(ANN, "treaties", next(questions))
        marked = tutor.answer(ANN, ANSWERS[n % len(ANSWERS)], message_id=n + 1)
        if n % 3:
            tutor.record_reply(marked.attempt_id)
        clock.advance(minutes=10)
    return tutor


@pytest.mark.parametrize(
    "work",
    ["unreplied", "answer", "next question", "progress", "plan a quiz"],
)
def test_per_update_work_never_reads_the_whole_history(
    history: Tutor, store: Store, work: str
) -> None:
    actions: dict[str, Callable[[], object]] = {
        "unreplied": lambda: history.unreplied(ANN),
        "answer": lambda: (
            history.ask(ANN, "treaties", "berlin"),
            history.answer(ANN, "stay neutral", message_id=1000),
        ),
        "next question": lambda: history.next_question(ANN),
        "progress": lambda: history.progress(ANN),
        "plan a quiz": lambda: history.plan_quiz(ANN, 3),
    }
    ran = statements(store, actions[work])
    assert ran
    steps = [(sql, line) for sql in ran for line in plan(store, sql)]
    assert [s for s in steps if history_wide(s[1])] == []


def test_unconfirmed_feedback_is_found_through_its_own_index(history: Tutor, store: Store) -> None:
    [sql] = [s for s in statements(store, lambda: history.unreplied(ANN)) if "replied = 0" in s]
    assert any("attempts_unreplied" in line for line in plan(store, sql))


def test_forgetting_a_student_finds_their_queue_rows_and_phrasings_by_index(store: Store) -> None:
    by_student = plan(store, "SELECT id FROM outbox WHERE student_id = 5")
    by_attempt = plan(store, "SELECT id FROM accepted_phrasings WHERE attempt_id = 5")
    assert any("USING" in line and "INDEX" in line for line in by_student), by_student
    assert any("USING" in line and "INDEX" in line for line in by_attempt), by_attempt


def test_reading_the_queue_in_send_order_needs_no_sort(store: Store, clock: FakeClock) -> None:
    store.students.ensure(5, clock())
    outbox = Outbox(store.db)
    outbox.enqueue(
        [NewMessage(key=f"k{n}", student_id=5, kind="text", text="hi") for n in range(5)], clock()
    )
    [sql] = statements(store, lambda: outbox.queued(10))
    lines = plan(store, sql)
    assert not [line for line in lines if "TEMP B-TREE" in line], lines
    assert not [line for line in lines if line.startswith("SCAN outbox")], lines
