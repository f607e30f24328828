"""A phrasing's opening condition (``If the motor runs, ...``) usually restates the
question and weighs nothing; but when the rest of the phrasing only restates the
question, the condition is the answer, and it is what an answer must show."""

from __future__ import annotations

import pytest

from tutorbot.core.deck import KeyPoint, Question
from tutorbot.core.marking import mark

_CONDUCTOR = Question(
    id="q",
    prompt="Lee wants to test an object with a circuit. How will he know if the object is a"
    " conductor?",
    key_points=(
        KeyPoint(
            "p",
            "If the motor runs, the object is a conductor.",
            ("If the motor runs, the object is a conductor.",),
        ),
    ),
    pass_mark=1,
)


@pytest.mark.parametrize(
    ("answer", "shown"),
    [
        pytest.param("the motor will run", True, id="the-condition"),
        pytest.param("he will know if the motor runs", True, id="the-condition-as-a-condition"),
        pytest.param("the object is a conductor", False, id="the-question-restated"),
        pytest.param("the motor will not run", False, id="denied"),
    ],
)
def test_a_condition_answering_the_question_must_be_shown(answer: str, shown: bool) -> None:
    assert mark(_CONDUCTOR, answer).passed is shown


_BULB = Question(
    id="q",
    prompt="What happens to bulb A when the switch is closed?",
    key_points=(
        KeyPoint(
            "p",
            "When the switch is closed, bulb A lights up.",
            ("When the switch is closed, bulb A lights up.",),
        ),
    ),
    pass_mark=1,
)


@pytest.mark.parametrize(
    ("answer", "shown"),
    [
        pytest.param("bulb a lights up", True, id="the-answer"),
        pytest.param("the switch is closed", False, id="only-the-condition"),
    ],
)
def test_a_condition_restating_the_question_stays_free(answer: str, shown: bool) -> None:
    assert mark(_BULB, answer).passed is shown
