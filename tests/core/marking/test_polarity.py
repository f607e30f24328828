"""Polarity and who did what: denials, negative verbs, contrast and stance words."""

from __future__ import annotations

import pytest

from tests.core.marking.questions import shown


def _shown(
    point: str, accept: tuple[str, ...], answer: str, prompt: str = "What happened?"
) -> bool:
    return shown(accept, answer, prompt, point)


BOYCOTT = ("Neither country would join a boycott", ("join a boycott",))
SUPPORT = ("Stalin supported the Nationalists", ("the Nationalists",))
LOANS = ("Banks lent money to Russia", ("banks lent money",))


@pytest.mark.parametrize(
    ("point", "answer", "shown"),
    [
        pytest.param(BOYCOTT, "neither would join a boycott", True, id="negative-point-denied"),
        pytest.param(BOYCOTT, "they would join a boycott", False, id="negative-point-asserted"),
        pytest.param(BOYCOTT, "they refused to join a boycott", True, id="refused-to"),
        pytest.param(LOANS, "the banks refused to lend money", False, id="refused-to-lend"),
        pytest.param(LOANS, "the banks denied lending money", False, id="denied"),
        pytest.param(LOANS, "the banks stopped lending money", False, id="stopped"),
        pytest.param(LOANS, "the banks dropped lending money", False, id="dropped"),
        pytest.param(LOANS, "the banks gave up lending money", False, id="gave-up"),
        pytest.param(LOANS, "the banks did not fail to lend money", True, id="did-not-fail-to"),
        pytest.param(LOANS, "the banks didn't really lend money", False, id="adverb-between"),
        pytest.param(LOANS, "the banks didn't want to lend money", False, id="light-verb-between"),
        pytest.param(
            LOANS, "banks didn't ask questions, they lent money", True, id="negation-stays-put"
        ),
        pytest.param(
            ("They trusted each other", ("trust each other",)),
            "it did not build any trust between them",
            False,
            id="negated-verb-of-its-object",
        ),
        pytest.param(
            ("the other would stay neutral", ("neutrality",)),
            "the other wouldn't stay neutral",
            False,
            id="negated-copula",
        ),
        pytest.param(
            ("Trotsky accused Stalin of betraying communism", ("betraying communism",)),
            "Stalin accused Trotsky of betraying communism",
            False,
            id="point-roles-reversed",
        ),
        pytest.param(
            ("Trotsky accused Stalin of betraying communism", ("betraying communism",)),
            "Stalin was accused by Trotsky of betraying communism",
            True,
            id="point-roles-passive",
        ),
        pytest.param(
            ("Trotsky accused Stalin of betraying communism", ("accused of betrayal",)),
            "Stalin accused Trotsky of betraying communism",
            False,
            id="point-roles-reversed-verb-in-phrasing",
        ),
        pytest.param(
            ("Trotsky accused Stalin of betraying communism", ("accused of betrayal",)),
            "Trotsky accused Stalin of betraying communism",
            True,
            id="point-roles-kept-verb-in-phrasing",
        ),
        pytest.param(
            ("Huge financial credits from German banks", ("huge credits",)),
            "the USSR gave huge credits to German banks",
            False,
            id="point-direction-reversed",
        ),
        pytest.param(
            ("Huge financial credits from German banks", ("huge credits",)),
            "huge credits came from German banks",
            True,
            id="point-direction-kept",
        ),
        pytest.param(SUPPORT, "Stalin backed the Nationalists", True, id="stance-named"),
        pytest.param(SUPPORT, "the Nationalists were his enemies", False, id="enemies-after"),
        pytest.param(SUPPORT, "he opposed the Nationalists", False, id="opposed"),
        pytest.param(
            SUPPORT, "he supported the Communists against the Nationalists", False, id="against"
        ),
        pytest.param(
            SUPPORT, "he supported the Nationalists against the Communists", True, id="for-against"
        ),
        pytest.param(
            SUPPORT, "he supported the Communists rather than the Nationalists", False, id="rather"
        ),
        pytest.param(
            SUPPORT, "he supported the Communists instead of the Nationalists", False, id="instead"
        ),
        pytest.param(
            SUPPORT, "he supported the Nationalists, not the Communists", True, id="x-not-y"
        ),
    ],
)
def test_polarity_and_sides_decide_whether_a_point_is_shown(
    point: tuple[str, tuple[str, ...]], answer: str, shown: bool
) -> None:
    assert _shown(point[0], point[1], answer) is shown


def test_a_disagreement_is_not_shown_by_an_agreement() -> None:
    point = ("Stalin disagreed with Trotsky on who to support", ("who to support",))
    assert _shown(*point, "they disagreed on who to support")
    assert not _shown(*point, "Trotsky agreed with Stalin on who to support")


@pytest.mark.parametrize(
    ("accept", "answer", "shown"),
    [
        pytest.param(
            "Trotsky criticised Stalin",
            "Stalin was criticised by Trotsky",
            True,
            id="passive-agent",
        ),
        pytest.param(
            "Trotsky criticised Stalin",
            "Trotsky was criticised by Stalin",
            False,
            id="passive-reversed",
        ),
        pytest.param(
            "Trotsky criticised Stalin", "Stalin criticised Trotsky", False, id="active-reversed"
        ),
        pytest.param("join the GMD", "he told the CCP to join the GMD", True, id="object-kept"),
        pytest.param(
            "join the GMD", "he urged the GMD to join the CCP", False, id="object-made-subject"
        ),
        pytest.param(
            "attacked by a third", "if a third country attacked them", True, id="agent-as-subject"
        ),
        pytest.param(
            "attacked by a third",
            "if Germany attacked a third country",
            False,
            id="agent-made-object",
        ),
        pytest.param(
            "credits from German banks", "huge credits from German banks", True, id="from-kept"
        ),
        pytest.param(
            "credits from German banks",
            "the USSR gave credits to German banks",
            False,
            id="from-made-to",
        ),
        pytest.param(
            "CCP members massacred", "CCP members were massacred", True, id="reduced-passive"
        ),
        pytest.param(
            "CCP members massacred",
            "GMD members were massacred by the CCP",
            False,
            id="patient-made-agent",
        ),
        pytest.param(
            "in a closed path",
            "bulbs A and C have their own closed paths",
            True,
            id="participle-adjective",
        ),
    ],
)
def test_who_did_what_to_whom_must_match(accept: str, answer: str, shown: bool) -> None:
    assert _shown(accept, (accept,), answer) is shown


def test_a_stance_word_in_another_clause_of_the_point_is_not_inherited() -> None:
    point = ("Against the view: he sided with the Nationalists", ("sided with the Nationalists",))
    assert _shown(*point, "Against: China, where he sided with the Nationalists")
