from __future__ import annotations

from datetime import timedelta

from tests.fakes import START
from tutorbot.adapters.store import Store
from tutorbot.adapters.store.classes import Classes
from tutorbot.adapters.store.daily import DailyPushes
from tutorbot.adapters.store.outbox import Outbox
from tutorbot.core.deliveries import NewMessage


def test_store_reaches_the_classes_and_delivery_schema(store: Store) -> None:
    assert store.schema_version >= 3


def test_class_names_are_unique_per_teacher_ignoring_case(store: Store) -> None:
    classes = Classes(store.db)
    assert classes.create(1, "9B", "CODEAAAAAA", START) is not None
    assert classes.create(1, "9b", "CODEBBBBBB", START) is None
    assert classes.create(2, "9B", "CODECCCCCC", START) is not None
    assert classes.create(3, "7A", "CODEAAAAAA", START) is None  # codes are unique too
    assert classes.named(1, "9B") == classes.named(1, "9b")
    assert classes.named(3, "9B") is None


def test_sizes_count_members_and_active_ones(store: Store) -> None:
    classes = Classes(store.db)
    klass = classes.create(1, "9B", "CODEAAAAAA", START)
    assert klass is not None
    classes.create(1, "7A", "CODEBBBBBB", START)
    for student in (10, 11, 12):
        store.students.enrol(student, f"s{student}", START)
        assert classes.join(klass.id, student, START)
    assert not classes.join(klass.id, 10, START)
    store.students.set_active(12, False)
    sizes = {s.klass.name: (s.members, s.active) for s in classes.of_teacher(1)}
    assert sizes == {"7A": (0, 0), "9B": (3, 2)}
    assert classes.teaches(1, 11)
    assert not classes.teaches(2, 11)


def test_forgetting_a_student_removes_their_membership_and_messages(store: Store) -> None:
    classes, outbox = Classes(store.db), Outbox(store.db)
    klass = classes.create(1, "9B", "CODEAAAAAA", START)
    assert klass is not None
    store.students.enrol(10, "s", START)
    classes.join(klass.id, 10, START)
    outbox.enqueue([NewMessage("k1", 10, "text", text="hi")], START)
    store.students.delete(10)
    assert classes.members(klass.id) == ()
    assert outbox.counts().total == 0


def test_enqueue_is_idempotent_on_the_key(store: Store) -> None:
    outbox = Outbox(store.db)
    store.students.enrol(10, "s", START)
    message = NewMessage("daily:10:x", 10, "quiz")
    assert outbox.enqueue([message], START) == 1
    assert outbox.enqueue([message], START) == 0
    assert outbox.counts().queued == 1


def test_a_message_is_taken_for_sending_once(store: Store) -> None:
    outbox = Outbox(store.db)
    store.students.enrol(10, "s", START)
    outbox.enqueue([NewMessage("k", 10, "text", text="hi")], START)
    (row,) = outbox.queued(10)
    assert outbox.start_sending(row.id, START)
    assert not outbox.start_sending(row.id, START)
    assert outbox.queued(10) == ()


def test_rows_left_sending_by_a_crash_become_unconfirmed_not_queued(store: Store) -> None:
    outbox = Outbox(store.db)
    store.students.enrol(10, "s", START)
    outbox.enqueue([NewMessage(f"k{i}", 10, "text", text="hi") for i in range(3)], START)
    first, second, _ = outbox.queued(10)
    outbox.start_sending(first.id, START)
    outbox.finish(first.id, "sent", START)
    outbox.start_sending(second.id, START)  # the process dies here
    assert outbox.recover_interrupted(START) == 1
    counts = outbox.counts()
    assert (counts.sent, counts.unconfirmed, counts.queued) == (1, 1, 1)


def test_due_daily_pushes_and_advancing_once(store: Store) -> None:
    pushes = DailyPushes(store.db)
    for student in (10, 11):
        store.students.enrol(student, "s", START)
    pushes.set_time(10, START.time(), START)
    pushes.set_time(11, START.time(), START + timedelta(hours=2))
    assert [d.student_id for d in pushes.due(START)] == [10]
    assert pushes.advance(10, START, START + timedelta(days=1))
    assert not pushes.advance(10, START, START + timedelta(days=1))
    assert pushes.due(START) == ()
