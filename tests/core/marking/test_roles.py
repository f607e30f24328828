"""Who did what beyond one phrasing: the actors of a key point's verbs (and of the
question's), the clause a point's words are stated in, possessives, where a transfer came
from and went, which way a comparison runs. Each row is an answer and what a fair teacher
decides."""

from __future__ import annotations

import pytest

from tests.core.marking.questions import shown
from tutorbot.core.deck import KeyPoint, Misconception, Question
from tutorbot.core.marking import mark


def _shown(
    point: str, accept: tuple[str, ...], answer: str, prompt: str = "What happened?"
) -> bool:
    return shown(accept, answer, prompt, point)


ACCUSED = ("Trotsky accused Stalin of betraying communism", ("betrayed communism",))
CRITICISED = ("He was criticised at the Party Congress", ("at the Party Congress",))
WHERE_CRITICISED = "Where was Stalin criticised for his actions in China?"
MASSACRED = ("CCP members were massacred", ("CCP massacred",))
CONNECTED = ("Terminal 6 and the positive terminal are connected", ("terminal 6 is connected",))


@pytest.mark.parametrize(
    ("point", "answer", "prompt", "shown"),
    [
        pytest.param(
            ACCUSED,
            "Stalin said Trotsky betrayed communism",
            "What happened?",
            False,
            id="the-accuser-made-the-betrayer",
        ),
        pytest.param(
            ACCUSED,
            "Trotsky said Stalin betrayed communism",
            "What happened?",
            True,
            id="the-betrayer-kept",
        ),
        pytest.param(
            ACCUSED,
            "he was accused by Trotsky of having betrayed communism",
            "What happened?",
            True,
            id="the-accuser-after-by-is-not-the-betrayer",
        ),
        pytest.param(
            ACCUSED,
            "Trotsky accused him of betraying communism",
            "What happened?",
            True,
            id="an-object-pronoun-is-not-another-actor",
        ),
        pytest.param(
            ("Division was starting to grow within the Party", ("division was growing",)),
            "there was division starting to grow within the party",
            "Why was he cautious?",
            True,
            id="a-progressive-is-not-a-passive",
        ),
        pytest.param(
            CRITICISED,
            "Stalin criticised Trotsky at the party congress",
            WHERE_CRITICISED,
            False,
            id="the-questions-name-made-the-critic",
        ),
        pytest.param(
            CRITICISED,
            "Trotsky criticised Stalin at the party congress",
            WHERE_CRITICISED,
            True,
            id="the-critic-is-someone-else",
        ),
        pytest.param(
            CRITICISED,
            "Stalin got criticised for it at the party congress",
            WHERE_CRITICISED,
            True,
            id="got-criticised-is-passive",
        ),
        pytest.param(
            MASSACRED,
            "the ccp got massacred by the kmt",
            "What happened?",
            True,
            id="got-massacred-is-passive",
        ),
        pytest.param(
            MASSACRED, "revolts crushed, ccp massacred", "What happened?", True, id="reduced"
        ),
        pytest.param(
            CONNECTED,
            "Terminal 6 is only connected to the positive terminal",
            "Why was the reading 0?",
            True,
            id="an-adverb-between-be-and-its-participle",
        ),
    ],
)
def test_the_actors_of_a_points_verbs_must_keep_their_roles(
    point: tuple[str, tuple[str, ...]], answer: str, prompt: str, shown: bool
) -> None:
    assert _shown(point[0], point[1], answer, prompt) is shown


def _credited(points: tuple[KeyPoint, ...], answer: str) -> set[str]:
    question = Question(id="q", prompt="What happened?", key_points=points, pass_mark=1)
    return {p.point.id for p in mark(question, answer).hit}


MASSACRE = (
    KeyPoint("massacred", "CCP members were massacred", ("CCP massacred",)),
    KeyPoint("funding", "Using funding from the USSR", ("Soviet funding",)),
)
MASSACRE_AND_REVOLTS = (
    *MASSACRE,
    KeyPoint("revolts", "The workers' revolts were suppressed", ("revolts were crushed",)),
)
ACCUSATION = (
    KeyPoint("betrayal", "Trotsky accused Stalin of betraying communism", ("betrayed communism",)),
    KeyPoint("stuck", "The accusation didn't stick", ("didn't stick",)),
)
TREATY = (
    KeyPoint("attacked", "If one was attacked by a third country", ("attacked by a third",)),
    KeyPoint("neutral", "The other would stay neutral", ("stay neutral",)),
)
CREDITS = (
    KeyPoint("credits", "Huge financial credits from German banks", ("credits from German banks",)),
    KeyPoint("when", "The credits came in 1926", ("in 1926",)),
)


@pytest.mark.parametrize(
    ("points", "answer", "credited"),
    [
        pytest.param(
            MASSACRE, "the ccp massacred the gmd using soviet funding", set(), id="inverted-clause"
        ),
        pytest.param(
            MASSACRE,
            "the gmd massacred the ccp using soviet funding",
            {"massacred", "funding"},
            id="clause-right",
        ),
        pytest.param(
            MASSACRE,
            "the ccp massacred the gmd. the gmd had soviet funding",
            {"funding"},
            id="another-sentence",
        ),
        pytest.param(
            ACCUSATION,
            "stalin said trotsky betrayed communism but it didnt stick",
            set(),
            id="a-pronoun-referring-back-to-it",
        ),
        pytest.param(
            ACCUSATION,
            "trotsky said stalin betrayed communism but it didnt stick",
            {"betrayal", "stuck"},
            id="referring-back-to-a-right-clause",
        ),
        pytest.param(
            MASSACRE_AND_REVOLTS,
            "the revolts were crushed and the ccp massacred the gmd",
            {"revolts"},
            id="a-right-clause-joined-by-and-before-it",
        ),
        pytest.param(
            MASSACRE_AND_REVOLTS,
            "the ccp massacred the gmd. that revolt was crushed",
            {"revolts"},
            id="that-as-a-determiner-does-not-refer-back",
        ),
        pytest.param(
            TREATY,
            "if germany attacked a third country the ussr would stay neutral",
            {"neutral"},
            id="a-new-subject-with-its-own-verb",
        ),
        pytest.param(
            CREDITS,
            "the ussr gave credits to german banks in 1926",
            {"when"},
            id="a-date-does-not-depend-on-who-did-it",
        ),
    ],
)
def test_a_point_stated_in_a_clause_with_who_did_what_wrong_earns_nothing(
    points: tuple[KeyPoint, ...], answer: str, credited: set[str]
) -> None:
    assert _credited(points, answer) == credited


def test_a_point_refused_for_its_clause_scores_nothing() -> None:
    question = Question(id="q", prompt="What happened?", key_points=MASSACRE, pass_mark=1)
    verdict = mark(question, "the ccp massacred the gmd using soviet funding")
    assert [(p.point.id, p.score, p.matched) for p in verdict.points] == [
        ("massacred", 0.0, ""),
        ("funding", 0.0, ""),
    ]


CREDIT_POINT = "Huge financial credits from German banks"


@pytest.mark.parametrize(
    ("accept", "answer", "shown"),
    [
        pytest.param("loans from Germany", "Germany got loans from Soviet banks", False, id="got"),
        pytest.param("loans from Germany", "the USSR got loans from Germany", True, id="got-from"),
        pytest.param(
            "loans from Germany", "Germany received loans from the USSR", False, id="received"
        ),
        pytest.param("loans from Germany", "Germany lent the USSR loans", True, id="lent"),
        pytest.param(
            "loans from Germany", "Germany was given loans by the USSR", False, id="was-given"
        ),
        pytest.param("German banks lent", "Germany got loans from Soviet banks", False, id="recv"),
        pytest.param("German banks lent", "german banks gave out loans", True, id="gave"),
    ],
)
def test_where_a_transfer_came_from_and_went_must_match(
    accept: str, answer: str, shown: bool
) -> None:
    question = Question(
        id="q",
        prompt="What economic benefit did the USSR get?",
        key_points=(KeyPoint("p", CREDIT_POINT, (accept,)),),
        pass_mark=1,
    )
    assert mark(question, answer).passed is shown


NO_PACT = ("No pact with strongly capitalist countries", ("no pact with capitalist countries",))
NO_PACTS = ("No pact with strongly capitalist countries", ("no capitalist pacts",))


@pytest.mark.parametrize(
    ("point", "answer", "shown"),
    [
        pytest.param(
            NO_PACT, "capitalist countries refused to make a pact with him", False, id="partner"
        ),
        pytest.param(NO_PACT, "he refused to make a pact with capitalist countries", True, id="he"),
        pytest.param(
            NO_PACT, "stalin would make no pact with capitalist countries", True, id="no-pact"
        ),
        pytest.param(NO_PACTS, "capitalist states refused any pacts with him", False, id="states"),
        pytest.param(NO_PACTS, "he refused capitalist pacts", True, id="he-refused-them"),
        pytest.param(
            ("Neither country would join a boycott", ("join a boycott",)),
            "both countries refused to join a boycott",
            True,
            id="the-actor-refuses",
        ),
        pytest.param(
            ("No water for the plants", ("no water for the plants",)),
            "the plants were denied water",
            True,
            id="refused-not-refusing",
        ),
        pytest.param(
            ("No water for the plants", ("no water for the plants",)),
            "the plants failed to get water",
            True,
            id="failing-is-no-refusal",
        ),
    ],
)
def test_the_one_who_refused_must_not_be_the_phrasings_partner(
    point: tuple[str, tuple[str, ...]], answer: str, shown: bool
) -> None:
    assert _shown(*point, answer, "How did ideology shape his policy?") is shown


LENINS_WISH = ("Stalin had wanted to follow Lenin's wish", ("Lenin's wish",))
LIGHT = ("Light travels much faster than sound", ("light travels much faster than sound",))
BLACK = ("Black absorbs more heat than white", ("black absorbs more heat than white",))


@pytest.mark.parametrize(
    ("point", "answer", "shown"),
    [
        pytest.param(LENINS_WISH, "lenin changed stalins wish", False, id="another-owner"),
        pytest.param(LENINS_WISH, "Lenin changed Stalin's wish", False, id="apostrophe-owner"),
        pytest.param(LENINS_WISH, "he followed Lenin's wish", True, id="the-owner"),
        pytest.param(LENINS_WISH, "he followed lenins wish", True, id="the-owner-no-apostrophe"),
        pytest.param(LENINS_WISH, "it was the wish of lenin", True, id="of-the-owner"),
        pytest.param(LIGHT, "light travels faster than sound", True, id="compared-kept"),
        pytest.param(LIGHT, "sound travels faster than light", False, id="compared-reversed"),
        pytest.param(BLACK, "black absorbs more heat than white", True, id="more"),
        pytest.param(BLACK, "white absorbs more heat than black", False, id="more-reversed"),
        pytest.param(BLACK, "white absorbs less heat than black", True, id="reversed-and-opposite"),
        pytest.param(BLACK, "black absorbs less heat than white", False, id="opposite"),
    ],
)
def test_possessives_and_comparisons_keep_their_direction(
    point: tuple[str, tuple[str, ...]], answer: str, shown: bool
) -> None:
    assert _shown(*point, answer, "What do you know?") is shown


SIDED = ("He intervened by siding with the GMD", ("supported the Chinese nationalists",))


@pytest.mark.parametrize(
    ("answer", "shown"),
    [
        pytest.param("he supported the chinese nationalists", True, id="named"),
        pytest.param(
            "he supported the chinese communists against the nationalists", False, id="against"
        ),
        pytest.param(
            "he supported the chinese nationalists against the communists", True, id="for-against"
        ),
    ],
)
def test_the_other_side_between_a_phrasings_words_refuses_it(answer: str, shown: bool) -> None:
    assert _shown(*SIDED, answer, "Why was his China policy not cautious?") is shown


def test_the_phrasings_own_stance_from_its_point_is_not_contradicted_by_a_later_word() -> None:
    point = ("Finance (the means to support a war)", ("money for a war",))
    assert _shown(*point, "money to fight a war", "Which factors mattered?")


def _misconceptions(
    accept: tuple[str, ...], claim: tuple[str, ...], answer: str, prompt: str
) -> set[str]:
    question = Question(
        id="q",
        prompt=prompt,
        key_points=(KeyPoint("p", accept[0], accept),),
        misconceptions=(Misconception("m", claim, "It is the other way round."),),
        pass_mark=1,
    )
    return {m.misconception.id for m in mark(question, answer).misconceptions}


SPREADING = (("gave up spreading socialism",), ("still tried to spread socialism",))
SIOC = "How did Socialism in One Country change Soviet foreign policy?"
NEP = (("NEP was failing",), ("NEP was succeeding",))
WHY = "Why was Stalin cautious?"


@pytest.mark.parametrize(
    ("point", "answer", "prompt", "found"),
    [
        pytest.param(
            SPREADING,
            "it didnt change anything, he still wanted to spread socialism all over the world",
            SIOC,
            {"m"},
            id="denying-gave-up",
        ),
        pytest.param(SPREADING, "he gave up spreading socialism", SIOC, set(), id="gave-up"),
        pytest.param(SPREADING, "he stopped spreading socialism", SIOC, set(), id="stopped"),
        pytest.param(
            SPREADING,
            "lenin always wanted socialism to spread everywhere",
            SIOC,
            set(),
            id="someone-else-the-question-does-not-name",
        ),
        pytest.param(
            SPREADING,
            "the old plan was to spread socialism, he put domestic affairs first",
            SIOC,
            set(),
            id="mentioning-the-old-plan-without-saying-it-went-on",
        ),
        pytest.param(
            SPREADING,
            "he moved away from spreading socialism",
            SIOC,
            set(),
            id="a-paraphrase-of-giving-up",
        ),
        pytest.param(SPREADING, "he kept spreading socialism", SIOC, {"m"}, id="kept"),
        pytest.param(NEP, "the NEP was not failing at all", WHY, {"m"}, id="not-failing"),
        pytest.param(NEP, "the NEP was failing", WHY, set(), id="failing"),
    ],
)
def test_a_denial_that_amounts_to_a_misconception_is_that_misconception(
    point: tuple[tuple[str, ...], tuple[str, ...]], answer: str, prompt: str, found: set[str]
) -> None:
    assert _misconceptions(point[0], point[1], answer, prompt) == found


def test_a_phrasing_with_gave_up_is_shown_by_another_negating_verb() -> None:
    point = "He gave up spreading socialism"
    assert _shown(point, SPREADING[0], "he stopped spreading socialism", SIOC)
    assert not _shown(point, SPREADING[0], "he kept spreading socialism", SIOC)


@pytest.mark.parametrize(
    ("prompt", "point", "accept", "answer", "shown"),
    [
        pytest.param(
            "What does the sun do?",
            "The sun heats the water",
            "sun heats the water",
            "the water heats the sun",
            False,
            id="present-tense-swapped",
        ),
        pytest.param(
            "What does the sun do?",
            "The sun heats the water",
            "sun heats the water",
            "the water is heated by the sun",
            True,
            id="present-tense-passive",
        ),
        pytest.param(
            "What orbits what?",
            "The moon orbits the earth",
            "the moon orbits the earth",
            "the earth orbits the moon",
            False,
            id="the-object-made-the-subject",
        ),
        pytest.param(
            "Who declared war?",
            "Britain declared war on Germany",
            "Britain declared war on Germany",
            "Germany declared war on Britain",
            False,
            id="a-past-form-before-its-object-after-a-name",
        ),
        pytest.param(
            "Who declared war?",
            "Britain declared war on Germany",
            "Britain declared war on Germany",
            "war was declared on Germany by Britain",
            True,
            id="declared-by",
        ),
        pytest.param(
            "Who fought whom?",
            "Britain fought Germany",
            "Britain fought Germany",
            "Germany fought Britain",
            True,
            id="a-reciprocal-verb-may-swap",
        ),
        pytest.param(
            "How did the USA help Germany?",
            "The USA lent money to Germany under the Dawes Plan",
            "Dawes Plan",
            "the dawes plan gave germany loans",
            True,
            id="the-first-of-two-objects-of-giving-is-where-it-went",
        ),
        pytest.param(
            "How did the USA help Germany?",
            "The USA lent money to Germany under the Dawes Plan",
            "lent money to Germany",
            "germany lent money to the usa",
            False,
            id="lent-the-other-way",
        ),
        pytest.param(
            "How did the USSR help Germany?",
            "The USSR gave Germany grain",
            "gave Germany grain",
            "germany gave the ussr grain",
            False,
            id="gave-the-other-way",
        ),
    ],
)
def test_who_did_what_in_points_from_other_subjects(
    prompt: str, point: str, accept: str, answer: str, shown: bool
) -> None:
    assert _shown(point, (accept,), answer, prompt) is shown


def test_a_word_said_twice_needs_one_of_its_roles_right() -> None:
    point = "The West supplied West Berlin by air"  # the second West is where it went
    assert _shown(point, ("supplied by air",), point, "How did the West respond?")
    assert not _shown(
        "The USSR gave Germany grain", ("Germany grain",), "Germany gave the USSR grain", "What?"
    )


@pytest.mark.parametrize(
    ("answer", "shown"),
    [
        pytest.param("France and Britain declared war on Germany", True, id="joined-swapped"),
        pytest.param("Britain and France declared war on Germany", True, id="joined"),
        pytest.param("Germany declared war on France", False, id="the-object-declares"),
    ],
)
def test_actors_joined_by_and_are_one_actor(answer: str, shown: bool) -> None:
    point = "Britain and France declared war on Germany"
    assert _shown(point, ("declared war on Germany",), answer, "Who declared war?") is shown
