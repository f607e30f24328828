"""The inbox: updates stored once, in the order they came, until handled."""

from __future__ import annotations

from datetime import timedelta

from tests.fakes import START
from tutorbot.adapters.store import Store
from tutorbot.adapters.store.inbox import Inbox


def test_an_update_is_stored_once_and_a_repeat_is_recognised(store: Store) -> None:
    inbox = Inbox(store.db)
    assert inbox.receive(7, '{"update_id": 7}', START)
    assert not inbox.receive(7, '{"update_id": 7, "again": true}', START)
    assert [(s.update_id, s.body, s.state) for s in inbox.unfinished()] == [
        (7, '{"update_id": 7}', "new")
    ]


def test_unfinished_updates_come_back_in_arrival_order_until_done(store: Store) -> None:
    inbox = Inbox(store.db)
    for update_id, minute in ((30, 0), (10, 1), (20, 2)):  # ids need not grow (Telegram's may not)
        inbox.receive(update_id, "{}", START + timedelta(minutes=minute))
    inbox.start(10)
    inbox.start(20)
    inbox.finish(20)
    assert [(s.update_id, s.state) for s in inbox.unfinished()] == [(30, "new"), (10, "started")]
    inbox.abandon(10)
    inbox.finish(30)
    assert inbox.unfinished() == ()
    assert (inbox.state(10), inbox.state(30), inbox.state(99)) == ("abandoned", "done", None)


def test_a_finished_update_is_not_started_again(store: Store) -> None:
    inbox = Inbox(store.db)
    inbox.receive(5, "{}", START)
    inbox.finish(5)
    inbox.start(5)
    assert inbox.state(5) == "done"


def test_pruning_forgets_only_old_handled_updates(store: Store) -> None:
    inbox = Inbox(store.db)
    inbox.receive(1, "{}", START)
    inbox.receive(2, "{}", START)
    inbox.receive(3, "{}", START + timedelta(days=3))
    inbox.finish(1)
    inbox.finish(3)
    assert inbox.prune(START + timedelta(days=2)) == 1
    assert [s.update_id for s in inbox.unfinished()] == [2]  # never handled: kept
    assert inbox.state(3) == "done"
    assert inbox.receive(1, "{}", START + timedelta(days=3))  # forgotten


def test_a_handled_update_keeps_its_id_but_not_its_body(store: Store) -> None:
    inbox = Inbox(store.db)
    inbox.receive(4, '{"update_id": 4, "message": {}}', START)
    inbox.finish(4)
    body = store.connection.execute("SELECT body FROM inbox WHERE update_id = 4").fetchone()[0]
    assert body == ""
    assert not inbox.receive(4, '{"update_id": 4, "message": {}}', START)
