"""Feedback on an answer reaches the student once: resent only when known not to have arrived.

Telegram has no idempotency key, so a send that was cut off (a kill, a timeout) may or may not
have reached the student. Each send is recorded before it leaves:

- known delivered (Telegram answered): recorded as replied, never sent again;
- known not delivered (Telegram refused it, or it never started): sent again before the reply
  to the student's next message, headed "which did not reach you then";
- unknown (the record of the send is all there is): sent again once, headed "in case my last
  message did not reach you"; that copy is never sent a third time, whatever its outcome.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal

from tutorbot.core.clock import Clock
from tutorbot.core.deliveries import SendState
from tutorbot.core.tutoring import Marked
from tutorbot.services.ports import FeedbackStore
from tutorbot.services.tutor import Tutor

logger = logging.getLogger(__name__)

How = Literal["first", "late", "in_case"]


@dataclass(frozen=True)
class Owed:
    """Feedback to send now, and how to head it."""

    marked: Marked
    how: How


class FeedbackDelivery:
    def __init__(self, store: FeedbackStore, tutor: Tutor, clock: Clock) -> None:
        self._store = store
        self._tutor = tutor
        self._clock = clock
        self._sends = store.feedback_sends

    def for_answer(self, marked: Marked) -> Owed | None:
        """The feedback to send in reply to the answer just marked (or marked before: the
        same message handled again after a restart); None when nothing may be sent."""
        if marked.replied:
            return None
        state = self._sends.states([marked.attempt_id]).get(marked.attempt_id)
        return self._owed(marked, state, "first")

    def owed(self, student_id: int, *, except_message: int | None = None) -> tuple[Owed, ...]:
        """Earlier answers' feedback to send before replying to anything the student sends,
        oldest first; ``except_message``: the answer being handled now (its own reply)."""
        unreplied = self._tutor.unreplied(student_id)
        if unreplied and except_message is not None:
            current = self._store.progress.attempt_for_message(student_id, except_message)
            unreplied = tuple(m for m in unreplied if current is None or m.attempt_id != current.id)
        states = self._sends.states(m.attempt_id for m in unreplied)
        found = (self._owed(m, states.get(m.attempt_id), "late") for m in unreplied)
        return tuple(owed for owed in found if owed is not None)

    def sending(self, owed: Owed) -> None:
        """Just before the first request of ``owed`` leaves (committed)."""
        state: SendState = "resending" if owed.how == "in_case" else "sending"
        self._sends.put(owed.marked.attempt_id, state, self._clock())

    def delivered(self, owed: Owed) -> None:
        with self._store.transaction():
            self._tutor.record_reply(owed.marked.attempt_id)
            self._sends.clear(owed.marked.attempt_id)

    def refused(self, owed: Owed) -> None:
        """Telegram refused the first part: it did not arrive (the earlier copy, for an
        'in case' resend, is still unknown)."""
        if owed.how == "in_case":
            self._sends.put(owed.marked.attempt_id, "sending", self._clock())
        else:
            self._sends.clear(owed.marked.attempt_id)

    def _owed(self, marked: Marked, state: str | None, how: How) -> Owed | None:
        if state is None:
            return Owed(marked, how)
        if state == "sending":
            return Owed(marked, "in_case")
        logger.info("attempt %d: its 'in case' copy went once: not again", marked.attempt_id)
        self._tutor.record_reply(marked.attempt_id)
        return None
