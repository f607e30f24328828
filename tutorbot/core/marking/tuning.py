"""The marker's knobs, chosen on SemEval-2013 training data and the labelled dev set."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tuning:
    """The marker's knobs (chosen on SemEval-2013 training data; see docs/marking.md)."""

    fuzzy_floor: float = 78.0
    """fuzz.ratio a typed word of 10+ letters needs to count as a phrasing word."""
    short_word_ratio: float = 83.0
    """... of 5-6 letters (shorter words must match exactly)."""
    word_ratio: float = 80.0
    """... of 7-9 letters."""
    all_words_up_to: int = 3
    """Phrasings with at most this many full-weight words (not labels, not light words)
    need every word shown."""
    share: float = 0.65
    """Share of a longer phrasing's content words (by weight) an answer must show."""
    label_weight: float = 0.0
    """Weight of labels (one letter or a number: bulb ``B``, terminal ``4``, ``1926``)
    against 1 for other words."""
    light_weight: float = 0.3
    """Weight of light words (``contain``, ``make``: see ``wordlists.LIGHT_WORDS``)."""
    pronoun_credit: float = 1.0
    """Share of its weight a phrasing's first word (its subject, usually) gets when it is
    missing but the answer has a pronoun (``they are connected`` for ``terminals 1 and 4
    are connected``)."""
    prompt_weight: float = 1.0
    """Weight of phrasing words that the question itself already says (the student is
    expected to add what the question does not give)."""
    prompt_optional: bool = True
    """A short phrasing's words that the question already says need not be shown when it
    has others (``population`` shows ``the state's population`` asked about states)."""
    modifier_optional: bool = True
    """... and so are its adjectives before the word they modify (``credits`` shows
    ``huge credits``; only words the lexicon knows as adjectives alone, not ``positive``)."""
    degree_optional: bool = True
    """... and so are its degree words (``far more reckless``) and a copula before an
    adjective (``stay neutral``)."""
    point_name: bool = True
    """A key point's text that names it before a bracketed explanation (``Finance (the
    means to support a war)``) is shown by that name (``finance``)."""
    verb_optional: bool = True
    """... and so is its opening verb when an answer names the rest in a list item with
    no verb (``the treaty of berlin`` shows ``signed the Treaty of Berlin``)."""
    one_spare: bool = False
    """A key point's phrasing of three full-weight words may be shown by two of them,
    in its order and close together, when the third (not a verb, a stance word or the
    subject) is nowhere in the answer and their clause has no negator (``domestic
    first`` for ``domestic affairs first``; not ``closed circuit`` for ``the circuit has
    a closed path``)."""
    one_spare_gap: int = 0
    """Most answer tokens between the two shown words of such a phrasing."""
    condition_weight: float = 0.0
    """Weight of the words of a phrasing's opening condition (``If bulb A burns out,``
    restates the question more often than it answers it)."""
    needed_cap: float = 4.0
    """Most weight any phrasing needs shown, however long (a long model answer is shown
    by its main words, not by all of its detail). Only phrasings of more than six words'
    weight reach it at ``share`` 0.65, so a deck's short phrasings never do."""
    window_slack: int = 4
    """Shown words may spread over 2 x (phrasing words) + this many answer words."""
    negation_reach: int = 2
    """Content words allowed between a negator and the words it negates."""
    synonym_senses: int = 2
    """WordNet senses per part of speech whose other words count as a key point phrasing's
    word (``crushed`` for ``suppressed``), at ``similarity.SYNONYM`` similarity; 0 is off
    (docs/marking.md, "Near-synonyms from WordNet")."""
    lone_share: float = 0.5
    """A key point the teacher gave only one phrasing (often its own sentence: a model
    answer, a bundle of ideas rather than a list of accepted wordings) is also shown by
    this share of that phrasing's weight among words the question does not already say;
    0 turns the rule off. Misconceptions never: a claim needs every word."""
    lone_all_up_to: int = 4
    """... a lone phrasing with at most this many full-weight words the question does not
    say needs all of them (the question's own words stay optional): short ones keep their
    meaning whole."""
