"""Hand-written fakes shared by the tests: a controllable clock and a plain marker."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tutorbot.core.deck import Question
from tutorbot.core.marking import MARKED_LENGTH, MisconceptionFound, PointResult, Verdict

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class FakeClock:
    """A clock the test moves by hand: ``clock()`` is now, ``clock.advance(minutes=5)``.

    With ``step`` set, every reading moves time on by that much afterwards.
    """

    def __init__(self, start: datetime = START, *, step: timedelta = timedelta(0)) -> None:
        if start.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self.now = start
        self.step = step

    def __call__(self) -> datetime:
        current = self.now
        self.now = current + self.step
        return current

    def advance(self, delta: timedelta | None = None, **units: float) -> datetime:
        self.now += (delta or timedelta(0)) + timedelta(**units)
        return self.now

    def set(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self.now = moment


def phrase_marker(question: Question, answer: str) -> Verdict:
    """Credits a key point (or finds a misconception) when the answer contains one of its
    phrasings word for word, ignoring case, in the first ``MARKED_LENGTH`` characters, as the
    real marker does. Stands in for the real marker where a test is about the tutor, not
    about marking."""
    text = answer[:MARKED_LENGTH].casefold()
    points = []
    for point in question.key_points:
        phrase = next((a for a in point.accept if a.casefold() in text), None)
        points.append(PointResult(point, phrase is not None, 1.0 if phrase else 0.0, phrase or ""))
    found = tuple(
        MisconceptionFound(m, phrase)
        for m in question.misconceptions
        for phrase in [next((a for a in m.accept if a.casefold() in text), None)]
        if phrase is not None
    )
    return Verdict(question, tuple(points), found, truncated=len(answer) > MARKED_LENGTH)
