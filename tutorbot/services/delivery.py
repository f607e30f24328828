"""The delivery worker: sends queued messages (broadcasts, pushes, daily quizzes) from the
SQLite outbox through a ``Sender``, within Telegram's limits, each at most once.

- Pacing (tutorbot/core/pacing.py): at most 30 messages a second overall, one a second per chat.
  The worker takes each message's slot from the pacer, marks the message 'sending', and its
  request leaves at once: the bot's throttle (tutorbot/bot/throttle.py) shares the pacer and
  lets a request through unchecked when ``SLOT_TAKEN`` is set. One throttle, so nothing waits
  between the mark and the request.
- 429: the sender raises ``RetryLater``; every send pauses ``retry_after`` and the message is
  queued again (up to ``max_tries``).
- 403: ``Blocked``; the student is marked inactive, the message and anything else queued for
  them is finished as blocked, nothing is retried. ``Tutor.enrol`` (their /start) reactivates.
- Each row is marked 'sending' (committed) just before its Bot API request leaves, and
  sent/blocked/failed after. A process killed in between leaves it 'sending'; ``recover`` at
  start-up makes those 'unconfirmed' and they are NOT sent again. Telegram has no idempotency
  key, so a resend could reach the student twice; for broadcasts a duplicate is worse than a
  message that is, at the very worst, lost (the window is one HTTP call per in-flight
  message). At most once.
- A teacher's broadcast gets a progress message (edited every few seconds) and, once nothing
  of it is queued, one final count: sent, blocked, failed, and any unconfirmed apart. The
  final count is the teacher's last message about the broadcast.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Protocol

from tutorbot.core.clock import Clock
from tutorbot.core.deliveries import BroadcastProgress, OutboxMessage
from tutorbot.core.errors import EmptyDeck, NoDeckChosen, TutorError
from tutorbot.core.pacing import Pacer, RateLimits
from tutorbot.core.tutoring import Asked
from tutorbot.services.daily_quiz import DailyQuiz, quiz_intro
from tutorbot.services.ports import DeliveryStore
from tutorbot.services.tutor import Tutor

logger = logging.getLogger(__name__)

SLOT_TAKEN: ContextVar[bool] = ContextVar("tutorbot_slot_taken", default=False)
"""Set while the worker sends a message whose slot it took from the pacer already."""
DAILY_NO_DECK = "⏰ Time for your daily quiz! First choose what to revise: send /decks."


class Blocked(Exception):
    """403: the student blocked the bot (or deleted their account)."""


class RetryLater(Exception):
    """429 (or a network failure worth another go): try again after ``seconds``."""

    def __init__(self, seconds: float, reason: str = "429") -> None:
        super().__init__(f"{reason}: retry after {seconds}s")
        self.seconds = seconds


class SendFailed(Exception):
    """This message cannot be delivered (bad request, unknown chat, …): not retried."""


class Sender(Protocol):
    async def send_text(self, chat_id: int, text: str) -> None: ...

    async def send_question(self, chat_id: int, asked: Asked, intro: str) -> None: ...

    async def show_progress(
        self, chat_id: int, progress: BroadcastProgress, message_id: int | None
    ) -> None:
        """Edit the progress message ``message_id`` (None: there is none yet, do nothing),
        or, when ``progress.done``, send the final count as a new message (after the progress
        message, if that is still being sent)."""


@dataclass
class DrainResult:
    sent: int = 0
    blocked: int = 0
    failed: int = 0
    retried: int = 0


class DeliveryWorker:
    def __init__(
        self,
        store: DeliveryStore,
        tutor: Tutor,
        quiz: DailyQuiz,
        sender: Sender,
        clock: Clock,
        *,
        limits: RateLimits | None = None,
        pacer: Pacer | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        max_in_flight: int = 16,
        max_tries: int = 5,
        progress_every: float = 3.0,
    ) -> None:
        self._store = store
        self._tutor = tutor
        self._quiz = quiz
        self._sender = sender
        self._clock = clock
        self._mono = monotonic
        self._sleep = sleep
        self.pacer = pacer if pacer is not None else Pacer(limits)
        """Shared with the bot's throttle when there is one (``pacer``)."""
        self._outbox = store.outbox
        self._max_in_flight = max_in_flight
        self._max_tries = max_tries
        self.progress_every = progress_every
        self._last_progress: dict[int, float] = {}

    def recover(self) -> int:
        """At start-up: messages a previous process left mid-send are not sent again."""
        return self._outbox.recover_interrupted(self._clock())

    async def drain(self, should_stop: Callable[[], bool] = lambda: False) -> DrainResult:
        """Send until nothing is queued (or ``should_stop()``); in-flight sends are awaited."""
        result = DrainResult()
        in_flight: dict[int, asyncio.Task[None]] = {}
        try:
            while not should_stop():
                rows = [r for r in self._outbox.queued(256) if r.student_id not in in_flight]
                if not rows:
                    if not in_flight:
                        break
                    await asyncio.wait(in_flight.values(), return_when=asyncio.FIRST_COMPLETED)
                    await self._progress()
                    continue
                launched = 0
                for row in rows:
                    if should_stop():
                        break
                    if (
                        row.student_id in in_flight
                        or self.pacer.chat_free_at(row.student_id) > self._mono()
                    ):
                        continue
                    while len(in_flight) >= self._max_in_flight:
                        await asyncio.wait(in_flight.values(), return_when=asyncio.FIRST_COMPLETED)
                    await self._wait_for_slot(row.student_id)
                    if should_stop():
                        continue
                    self.pacer.record(row.student_id, self._mono())
                    task = asyncio.create_task(self._deliver(row, result))
                    in_flight[row.student_id] = task
                    task.add_done_callback(_forget(in_flight, row.student_id))
                    launched += 1
                    await self._progress()
                if not launched:
                    await self._idle(rows, in_flight)
            if in_flight:
                await asyncio.gather(*in_flight.values())
            await self._progress(force=True)
        except asyncio.CancelledError:
            for task in in_flight.values():  # killed: abandon the sends mid-call, like a crash
                task.cancel()
            raise
        return result

    async def _idle(
        self, rows: list[OutboxMessage], in_flight: dict[int, asyncio.Task[None]]
    ) -> None:
        """Nothing could be sent this round: wait for a send to end or a chat to be free."""
        if in_flight:
            await asyncio.wait(in_flight.values(), return_when=asyncio.FIRST_COMPLETED)
            return
        soonest = min(self.pacer.chat_free_at(r.student_id) for r in rows)
        await self._sleep(max(soonest - self._mono(), 0.01))

    async def _wait_for_slot(self, chat_id: int) -> None:
        while True:  # a 429 met meanwhile can push the slot back
            wait = self.pacer.earliest(chat_id, self._mono()) - self._mono()
            if wait <= 0:
                return
            await self._sleep(wait)

    async def _deliver(self, row: OutboxMessage, result: DrainResult) -> None:
        SLOT_TAKEN.set(True)  # this task's context only
        if not self._outbox.start_sending(row.id, self._clock()):
            return  # no longer queued (the student blocked the bot meanwhile)
        try:
            await self._send(row)
        except Blocked:
            with self._store.transaction():
                self._outbox.finish(row.id, "blocked", self._clock())
                self._store.students.set_active(row.student_id, False)
                self._outbox.drop_queued_for(row.student_id, self._clock(), "blocked")
            result.blocked += 1
            logger.info("student %d blocked the bot: marked inactive", row.student_id)
        except RetryLater as exc:
            self.pacer.pause(self._mono(), exc.seconds)
            if row.tries + 1 >= self._max_tries:
                self._outbox.finish(row.id, "failed", self._clock(), str(exc))
                result.failed += 1
            else:
                self._outbox.requeue(row.id, self._clock(), str(exc))
                result.retried += 1
        except (SendFailed, TutorError) as exc:
            self._outbox.finish(row.id, "failed", self._clock(), str(exc))
            result.failed += 1
            logger.warning("message %s not delivered: %s", row.key, exc)
        except Exception as exc:  # a bug in one message must not stop the queue
            self._outbox.finish(row.id, "failed", self._clock(), repr(exc))
            result.failed += 1
            logger.exception("message %s failed", row.key)
        else:
            self._outbox.finish(row.id, "sent", self._clock())
            result.sent += 1

    async def _send(self, row: OutboxMessage) -> None:
        if row.kind == "text":
            await self._sender.send_text(row.student_id, row.text or "")
        elif row.kind == "question":
            assert row.deck_id is not None  # the schema's contract for kind 'question'
            question_id = row.question_id
            if question_id is None:
                planned = self._tutor.plan_quiz(row.student_id, 1, row.deck_id)
                if not planned:
                    raise EmptyDeck(row.deck_id)
                question_id = planned[0].id
            asked = self._tutor.ask(row.student_id, row.deck_id, question_id)
            await self._sender.send_question(row.student_id, asked, "A question from your teacher")
        else:
            try:
                step = self._quiz.start(row.student_id)
            except (NoDeckChosen, EmptyDeck):
                await self._sender.send_text(row.student_id, DAILY_NO_DECK)
                return
            await self._sender.send_question(row.student_id, step.asked, quiz_intro(step))

    async def _progress(self, *, force: bool = False) -> None:
        """Edit progress messages every ``progress_every`` s; send each final count once."""
        now = self._mono()
        for broadcast_id in self._outbox.unfinished_broadcasts():
            if not force and now - self._last_progress.get(broadcast_id, float("-inf")) < (
                self.progress_every
            ):
                continue
            broadcast = self._outbox.broadcast(broadcast_id)
            assert broadcast is not None  # listed as unfinished a moment ago
            counts = self._outbox.counts(broadcast_id)
            done = counts.queued + counts.sending == 0
            if not done and (
                counts.done == 0 or self.pacer.earliest(broadcast.teacher_id, now) > now
            ):
                continue  # nothing to say yet, or an update can wait; students' messages cannot
            self._last_progress[broadcast_id] = now
            if done and not self._outbox.claim_finish(broadcast_id, self._clock()):
                continue
            progress = BroadcastProgress(broadcast.class_name, broadcast.kind, counts, done)
            await self._wait_for_slot(broadcast.teacher_id)
            self.pacer.record(broadcast.teacher_id, self._mono())
            taken = SLOT_TAKEN.set(True)
            try:
                await self._sender.show_progress(
                    broadcast.teacher_id, progress, broadcast.progress_message_id
                )
            except (Blocked, RetryLater, SendFailed) as exc:
                logger.warning("progress of broadcast %d not shown: %s", broadcast_id, exc)
            finally:
                SLOT_TAKEN.reset(taken)


def _forget(
    in_flight: dict[int, asyncio.Task[None]], chat_id: int
) -> Callable[[asyncio.Task[None]], None]:
    def done(_: asyncio.Task[None]) -> None:
        in_flight.pop(chat_id, None)

    return done
