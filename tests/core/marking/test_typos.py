"""Typos of words whose comparable form is shorter than the word written (``socialism``
-> ``social``): a typo the lexicon does not know is compared with the word as the
teacher wrote it, so it is read as meant; another word, a denial or a word that only
shares a stem still shows nothing."""

from __future__ import annotations

import pytest

from tests.core.marking.questions import shown


def _shown(accept: tuple[str, ...], answer: str, prompt: str = "What did Stalin do?") -> bool:
    return shown(accept, answer, prompt)


@pytest.mark.parametrize(
    ("accept", "answer", "shown"),
    [
        pytest.param(
            ("socialism in the USSR first",), "socialsim in the ussr first", True, id="socialsim"
        ),
        pytest.param(
            ("socialism in the USSR first",), "socialism in the ussr first", True, id="spelt-right"
        ),
        pytest.param(
            ("socialism in the USSR first",),
            "capitalisim in the ussr first",
            False,
            id="another-ism",
        ),
        pytest.param(
            ("socialism in the USSR first",), "not socialsim in the ussr first", False, id="denied"
        ),
        pytest.param(
            ("the economic situation was bad",),
            "the econimic situation was bad",
            True,
            id="econimic",
        ),
        pytest.param(("his neutrality",), "his nuetrality", True, id="nuetrality"),
        pytest.param(("his neutrality",), "his naturality", False, id="another-word"),
    ],
)
def test_a_typo_of_a_derived_word_is_read_as_the_word_written(
    accept: tuple[str, ...], answer: str, shown: bool
) -> None:
    assert _shown(accept, answer) is shown


@pytest.mark.parametrize(
    ("answer", "shown"),
    [
        pytest.param("they are on the same ppath", True, id="doubled-letter"),
        pytest.param("they are on the same apth", True, id="first-two-swapped"),
        pytest.param("they are on the same pathh", True, id="doubled-last"),
        pytest.param("they are on the same bath", False, id="another-word"),
        pytest.param("they are not on the same ppath", False, id="denied"),
    ],
)
def test_a_short_word_with_a_letter_doubled_or_its_first_two_swapped_is_read_as_meant(
    answer: str, shown: bool
) -> None:
    assert _shown(("they are in the same path",), answer, "Why are both bulbs off?") is shown
