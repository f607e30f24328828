"""The one place the services are built: ``build_services`` gives every service once, on one
store and one clock, for the bot and the console alike."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from tutorbot.adapters.chart import missed_points_chart
from tutorbot.adapters.store import Store
from tutorbot.adapters.store.inbox import Inbox
from tutorbot.core.clock import Clock
from tutorbot.core.deck import Deck
from tutorbot.core.marking import mark
from tutorbot.core.pacing import Pacer
from tutorbot.core.tutoring import Marker
from tutorbot.services.classroom import Classroom
from tutorbot.services.daily_quiz import DailyQuiz
from tutorbot.services.deck_library import DeckLibrary
from tutorbot.services.delivery import DeliveryWorker, Sender
from tutorbot.services.feedback_delivery import FeedbackDelivery
from tutorbot.services.tutor import Tutor


@dataclass(frozen=True)
class Services:
    tutor: Tutor
    library: DeckLibrary
    """The decks teachers uploaded (the Tutor's)."""
    classroom: Classroom
    daily_quiz: DailyQuiz
    feedback_delivery: FeedbackDelivery
    inbox: Inbox
    """Every update the bot received, stored before it is handled (tutorbot/bot/intake.py)."""
    store: Store
    clock: Clock

    def delivery_worker(self, sender: Sender, pacer: Pacer | None = None) -> DeliveryWorker:
        """The worker sending the outbox through ``sender`` (the bot's, over Telegram)."""
        return DeliveryWorker(
            self.store, self.tutor, self.daily_quiz, sender, self.clock, pacer=pacer
        )


def build_services(
    store: Store,
    decks: Iterable[Deck],
    clock: Clock,
    *,
    teachers: frozenset[int] = frozenset(),
    timezone: ZoneInfo | None = None,
    marker: Marker = mark,
    tutor: Tutor | None = None,
) -> Services:
    """Every service on ``store``: ``teachers`` may run classes, ``timezone`` is a student's
    until they set theirs. ``tutor``: one built already on this store and clock (tests)."""
    decks = tuple(decks)
    if tutor is None:
        library = DeckLibrary(store.uploaded_decks, decks, clock)
        tutor = Tutor(store, decks, clock, marker=marker, library=library)
    daily_quiz = DailyQuiz(store, tutor, timezone or ZoneInfo("Europe/London"), clock)
    tutor.continue_quizzes_with(daily_quiz)
    return Services(
        tutor=tutor,
        library=tutor.library,
        classroom=Classroom(store, tutor, teachers, clock, missed_points_chart),
        daily_quiz=daily_quiz,
        feedback_delivery=FeedbackDelivery(store, tutor, clock),
        inbox=store.inbox,
        store=store,
        clock=clock,
    )
