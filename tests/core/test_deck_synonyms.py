"""Synonym expansion: each phrasing also accepted with a synonym in place, capped."""

from __future__ import annotations

from tutorbot.core.deck_synonyms import MAX_VARIANTS, Expander, make_groups

GROUPS = make_groups(
    [
        ("USSR", ["Soviet Union", "Russia", "the Soviets"]),
        ("GMD", ["Guomindang", "KMT"]),
    ]
)


def test_a_phrasing_comes_first_then_a_variant_per_synonym() -> None:
    assert Expander(GROUPS).expand("money from the USSR") == (
        "money from the USSR",
        "money from the Soviet Union",
        "money from the Russia",
        "money from the Soviets",
    )


def test_terms_match_whole_words_in_any_case() -> None:
    expander = Expander(GROUPS)
    assert expander.expand("backed the kmt") == (
        "backed the kmt",
        "backed the GMD",
        "backed the Guomindang",
    )
    assert expander.expand("the USSRs and GMDx") == ("the USSRs and GMDx",)


def test_the_longest_term_wins() -> None:
    groups = make_groups([("Soviet", ["Russian"]), ("Soviet Union", ["USSR"])])
    assert Expander(groups).expand("the Soviet Union") == ("the Soviet Union", "the USSR")


def test_several_terms_combine_up_to_the_cap() -> None:
    many = make_groups([(f"w{i}", [f"x{i}", f"y{i}"]) for i in range(5)])
    variants = Expander(many).expand("w0 w1 w2 w3 w4")
    assert len(variants) == MAX_VARIANTS
    assert variants[0] == "w0 w1 w2 w3 w4"
    assert len(set(variants)) == len(variants)


def test_a_deck_without_synonyms_keeps_its_phrasings() -> None:
    assert Expander(()).expand("stay neutral") == ("stay neutral",)


def test_a_term_repeated_in_its_own_group_is_kept_once() -> None:
    assert make_groups([("USSR", ["ussr", "Russia"])]) == (("USSR", "Russia"),)
