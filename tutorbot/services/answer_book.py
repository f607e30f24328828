"""The answers students give: each marked and stored once per message, its feedback marked
as delivered, and "I was right" overrides. The Tutor's (tutorbot/services/tutor.py)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from tutorbot.core import scheduling
from tutorbot.core.clock import Clock
from tutorbot.core.deck import Deck, Question
from tutorbot.core.errors import UnknownAttempt, UnknownDeck, UnknownQuestion
from tutorbot.core.records import Attempt
from tutorbot.core.tutoring import (
    Marked,
    Marker,
    misconception_marks,
    point_marks,
    stored_verdict,
)
from tutorbot.services.ports import TutorStore

logger = logging.getLogger(__name__)


class AnswerBook:
    def __init__(
        self, store: TutorStore, deck: Callable[[str], Deck], clock: Clock, marker: Marker
    ) -> None:
        self._store = store
        self._deck = deck
        self._clock = clock
        self._mark = marker

    def for_message(self, student_id: int, message_id: int) -> Marked | None:
        """The answer in this message, if it was marked before (replayed)."""
        earlier = self._store.progress.attempt_for_message(student_id, message_id)
        return self._marked(earlier, replayed=True) if earlier is not None else None

    def record(
        self, student_id: int, deck: Deck, question: Question, text: str, message_id: int | None
    ) -> Marked:
        """Mark ``text`` as the answer to ``question`` (the pending one), store it, reschedule
        the question and clear the pending question, all at once."""
        question = question.with_extra_phrasings(
            self._store.reviews.phrasings(deck.id, question.id, student_id)
        )
        verdict = self._mark(question, text)
        now = self._clock()
        progress = self._store.progress
        with self._store.transaction():
            card = progress.card(student_id, deck.id, question.id)
            card_before = card.card_json if card else None
            attempt = progress.add_attempt(
                student_id=student_id,
                deck_id=deck.id,
                question_id=question.id,
                answer=text,
                message_id=message_id,
                points=point_marks(verdict),
                misconceptions=misconception_marks(verdict),
                score=verdict.score,
                passed=verdict.passed,
                card_before=card_before,
                now=now,
            )
            if attempt is None:  # another handler stored this message meanwhile
                assert message_id is not None  # only a message id can clash
                stored = progress.attempt_for_message(student_id, message_id)
                assert stored is not None  # the clash means it exists
                return self._marked(stored, replayed=True)
            card_json, due = scheduling.review(card_before, scheduling.rating_for(verdict), now)
            progress.put_card(student_id, deck.id, question.id, card_json, due)
            self._store.students.clear_pending(student_id)
            self._store.students.set_last_question(student_id, deck.id, question.id)
        logger.info(
            "student %d answered %s/%s: score %.2f", student_id, deck.id, question.id, verdict.score
        )
        return Marked(attempt.id, deck, question, text, verdict, False, False, False)

    def record_reply(self, attempt_id: int) -> None:
        if not self._store.progress.mark_replied(attempt_id):
            raise UnknownAttempt(attempt_id)

    def unreplied(self, student_id: int) -> tuple[Marked, ...]:
        found = []
        for attempt in self._store.progress.unreplied(student_id):
            try:
                found.append(self._marked(attempt, replayed=True))
            except (UnknownDeck, UnknownQuestion):  # gone from the content: nothing to show
                logger.info("attempt %d: its question is gone, no feedback to send", attempt.id)
        return tuple(found)

    def override(self, student_id: int, attempt_id: int) -> Marked:
        progress = self._store.progress
        attempt = progress.attempt(attempt_id)
        if attempt is None or attempt.student_id != student_id:
            raise UnknownAttempt(attempt_id)
        before = self._marked(attempt, replayed=False)
        if attempt.overridden:
            return before
        now = self._clock()
        with self._store.transaction():
            progress.mark_overridden(attempt.id)
            if before.can_override:  # the rule that offers "I was right": a teacher reviews it
                self._store.reviews.queue(attempt.id, now)
            latest = progress.latest_attempt_id(student_id, attempt.deck_id, attempt.question_id)
            if latest == attempt.id:  # a later answer to the question has rescheduled it already
                card_json, due = scheduling.review(
                    attempt.card_before, scheduling.Rating.Good, attempt.created_at
                )
                progress.put_card(student_id, attempt.deck_id, attempt.question_id, card_json, due)
        return replace(before, overridden=True)  # the one thing the transaction changed

    def _marked(self, attempt: Attempt, *, replayed: bool) -> Marked:
        deck = self._deck(attempt.deck_id)
        question = deck.question(attempt.question_id).with_extra_phrasings(
            self._store.reviews.phrasings(deck.id, attempt.question_id, attempt.student_id)
        )
        return Marked(
            attempt_id=attempt.id,
            deck=deck,
            question=question,
            answer=attempt.answer,
            verdict=stored_verdict(question, attempt),
            overridden=attempt.overridden,
            replayed=replayed,
            replied=attempt.replied,
        )
