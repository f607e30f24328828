"""Acronyms the notes spell out become deck synonyms."""

from __future__ import annotations

from tutorbot.core.drafting.synonyms import find_synonyms


def test_an_acronym_after_its_long_form_is_found() -> None:
    notes = "He urged the Chinese Communist Party (CCP) to join. NATO (April 1949) was set up."

    assert find_synonyms(notes) == (("CCP", ("Chinese Communist Party",)),)


def test_a_one_word_variant_in_brackets_after_an_acronym_is_found() -> None:
    assert find_synonyms("Stalin supported the GMD (Guomindang).") == (("GMD", ("Guomindang",)),)


def test_brackets_that_are_not_the_acronym_spelt_out_are_ignored() -> None:
    assert find_synonyms("The USSR (then led by Stalin) and the Comintern (1919).") == ()
