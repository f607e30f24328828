"""Word lists the normaliser and the marker use: function words, negators, contractions,
spelling variants, irregular verbs, near-synonyms and opposites. General English, not
tied to any subject."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


CLAUSE_WORDS = _words("but however although though whereas while yet because instead rather unless")
"""Words that start a new clause: a negation before them does not reach past them."""

NEGATORS = _words(
    "not no never neither nor none nobody nothing nowhere without hardly barely scarcely"
    " cannot lack lacked lacking"
)
IMPLICIT_NEGATORS = _words(
    """refuse refused refuses refusing fail failed fails failing decline declined declines
    declining avoid avoided avoids avoiding deny denied denies denying drop dropped drops
    dropping abandon abandoned abandons abandoning stop stopped stops stopping quit quits
    quitting cease ceased ceases ceasing"""
)
"""Verbs that negate what follows them (``refused to support``); content words too."""
CONTRAST_NEGATORS = {"than": {"rather"}, "of": {"instead"}, "up": {"give"}}
"""A word that negates what follows when the word before it is one given here (``the GMD
rather than the CCP``, ``instead of``, ``gave up world revolution``), as folded."""
NEGATION_CANCELLERS = _words("only hesitate fail just merely doubt")
"""``not only``, ``never hesitated``, ``did not fail to``: the negator does not negate."""

STOPWORDS = _words(
    """a an the and or but if then else of at by for with about between into through during
    to from up down in on over under again further once here there when where why how all any
    both each few some such own so than too very s t can will just should now i me my myself we
    our ours you your yours he him his himself she her hers it its itself they them their theirs
    what which who whom whose this that these those am is are was were be been being have has had
    having do does did doing would could shall may might must also as because while whilst until
    though although however whereas yet even still just really quite rather instead unless upon onto
    within via per thus therefore hence whether either other another one's let lets get got gets
    like etc ie eg several"""
)

DEGREE_WORDS = _words("far much more most extremely highly hugely incredibly")
"""Words that only grade the word after them (``far more reckless``), as typed: a student
may leave them out. Not ``less``, ``largely``, ``partly``: those change the claim."""

LIGHT_WORDS = _words(
    """contain include mean make use show indicate cause create get become go come give take
    put keep let seem thing way kind lot part able need want try tell know think say said
    happen result help allow stay remain"""
)
"""Light verbs and vague nouns, before stemming."""

CONTRACTIONS = {
    "won't": ("will", "not"),
    "can't": ("can", "not"),
    "cannot": ("can", "not"),
    "shan't": ("shall", "not"),
    "ain't": ("is", "not"),
    "let's": ("let", "us"),
}
SUFFIX_CONTRACTIONS = (
    ("n't", ("not",)),
    ("'re", ("are",)),
    ("'ve", ("have",)),
    ("'ll", ("will",)),
    ("'d", ("would",)),
    ("'m", ("am",)),
    ("'s", ()),  # possessive, or "is"/"has": a stopword either way
)
APOSTROPHE_LESS: dict[str, tuple[str, ...]] = {
    w + "nt": (w, "not")
    for w in _words("is was were are has have had do does did could would should must need might")
}
APOSTROPHE_LESS |= {"dont": ("do", "not"), "didnt": ("did", "not"), "doesnt": ("does", "not")}
APOSTROPHE_LESS |= {"cant": ("can", "not"), "wont": ("will", "not"), "isnt": ("is", "not")}
APOSTROPHE_LESS |= {"aint": ("is", "not"), "shant": ("shall", "not")}
APOSTROPHE_LESS |= {
    typed: tuple(words.split())
    for typed, words in (
        # subject + 're/'ve/'ll/'m/'s typed without the apostrophe; not those that are
        # words of their own (were, well, ill, shell, hell, wed, id, its, lets)
        ("im", "i am"),
        ("ive", "i have"),
        ("youre", "you are"),
        ("youve", "you have"),
        ("youll", "you will"),
        ("theyre", "they are"),
        ("theyve", "they have"),
        ("theyll", "they will"),
        ("weve", "we have"),
        ("hes", "he is"),
        ("shes", "she is"),
        ("thats", "that is"),
        ("whats", "what is"),
        ("theres", "there is"),
        ("heres", "here is"),
        ("itll", "it will"),
        ("thatll", "that will"),
        ("couldve", "could have"),
        ("wouldve", "would have"),
        ("shouldve", "should have"),
        ("mightve", "might have"),
        ("mustve", "must have"),
    )
}

TEXT_SPEAK: dict[str, tuple[str, ...]] = {
    typed: tuple(words.split())
    for typed, words in (
        ("w", "with"),
        ("wiv", "with"),
        ("b4", "before"),
        ("bc", "because"),
        ("bcos", "because"),
        ("bcoz", "because"),
        ("bcuz", "because"),
        ("becos", "because"),
        ("becoz", "because"),
        ("coz", "because"),
        ("cos", "because"),
        ("cuz", "because"),
        ("cus", "because"),
        ("thru", "through"),
        ("tho", "though"),
        ("abt", "about"),
        ("bout", "about"),
        ("ppl", "people"),
        ("govt", "government"),
        ("smth", "something"),
        ("sth", "something"),
        ("u", "you"),
        ("ur", "your"),
        ("r", "are"),
        ("v", "very"),
        ("n", "and"),
        ("da", "the"),
        ("dat", "that"),
        ("lil", "little"),
        ("prob", "probably"),
        ("probs", "probably"),
        ("esp", "especially"),
        ("gonna", "going to"),
        ("wanna", "want to"),
        ("gotta", "have to"),
        ("tryna", "trying to"),
        ("kinda", "kind of"),
        ("sorta", "sort of"),
        ("outta", "out of"),
        ("lotta", "lot of"),
        ("coulda", "could have"),
        ("shoulda", "should have"),
        ("woulda", "would have"),
        ("aggro", "aggressive"),  # British informal (Collins, Oxford)
        # clipped words of school notes
        ("gov", "government"),
        ("govts", "governments"),
        ("econ", "economy"),
        ("info", "information"),
        ("yrs", "years"),
        ("approx", "approximately"),
        ("ww1", "world war 1"),
        ("ww2", "world war 2"),
        # asides that say nothing about the answer: read as nothing (``idk``, ``ngl``
        # spelt out would add a negator to the answer)
        ("tbh", ""),
        ("tbf", ""),
        ("imo", ""),
        ("imho", ""),
        ("idk", ""),
        ("dunno", ""),
        ("ngl", ""),
        ("btw", ""),
        ("lol", ""),
        ("fyi", ""),
    )
}
"""Shorthand and informal spellings students type (common English text-speak), read only
when typed in lower case (``W`` may be watts, ``R`` a resistor)."""
SLASHED = {"w/": "with", "w/o": "without", "b/c": "because", "b/w": "between"}
"""Shorthand typed with a slash (lower case), read as a whole."""
AFTER_NUMBER_KEPT = frozenset({"v", "r", "n", "u"})
"""Text-speak kept as typed after a number: a unit or a label (``1.5 v``, ``3 n``)."""

ORDINALS = {"1st": "first", "2nd": "second", "3rd": "third"}
"""Ordinals typed as digits that are also ordinary words (``put home stuff 1st``)."""

_NUMBER_NAMES = str.split(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
    " fifteen sixteen seventeen eighteen nineteen twenty"
)
NUMBER_WORDS = {w: str(i) for i, w in enumerate(_NUMBER_NAMES)}

US_WORDS = {
    "defense": "defence",
    "offense": "offence",
    "license": "licence",
    "pretense": "pretence",
    "center": "centre",
    "theater": "theatre",
    "meter": "metre",
    "liter": "litre",
    "fiber": "fibre",
    "caliber": "calibre",
    "specter": "spectre",
    "somber": "sombre",
    "catalog": "catalogue",
    "dialog": "dialogue",
    "analog": "analogue",
    "program": "programme",
    "gray": "grey",
    "aluminum": "aluminium",
    "mold": "mould",
    "plow": "plough",
    "skeptic": "sceptic",
    "skeptical": "sceptical",
    "maneuver": "manoeuvre",
    "practise": "practice",
    "jewelry": "jewellery",
    "tire": "tyre",
    "enroll": "enrol",
    "fulfill": "fulfil",
    "install": "instal",
    "pajamas": "pyjamas",
}
SYNONYM_GROUPS = str.split(
    """damage,broken,faulty separate,independent path,pathway,route contain,include
    place,location,position large,big,huge small,little,tiny begin,start end,finish
    show,indicate,demonstrate,reveal help,aid,assist buy,purchase rich,wealthy
    country,nation lend,loan cautious,careful,wary reckless,rash treaty,pact,agreement
    affair,stuff"""
)

FRIENDLY_WORDS = "support back ally friend side favour help defend protect fund trust"
HOSTILE_WORDS = "oppose enemy against attack fight hostile rival betray overthrow crush"
"""Words taking a side for or against someone: the one nearest a name says which side the
answer puts it on (``supported the CCP against the GMD``, ``the GMD were his enemies``)."""

ANTONYM_PAIRS = str.split(
    """same:different positive:negative open:closed open:shut high:low higher:lower more:less
    most:least increase:decrease increase:reduce rise:fall before:after above:below
    inside:outside connected:separated complete:incomplete true:false right:wrong
    correct:incorrect strong:weak large:small big:small long:short support:oppose
    success:failure succeed:fail win:lose gain:loss import:export internal:external
    domestic:foreign ally:enemy friend:enemy cautious:reckless start:end early:late
    rich:poor agree:disagree accept:reject attack:defend add:remove allow:prevent
    always:sometimes all:some maximum:minimum"""
)

RECEIVING_VERBS = _words(
    "get got gets getting receive obtain gain borrow accept acquire earn win collect"
)
"""Verbs whose subject is where something went (``Germany got loans``), as folded."""
GIVING_VERBS = _words("give lend loan send pay sell grant provide offer supply donate hand fund")
"""Verbs whose subject is where something came from (``German banks lent``), as folded."""

TIME_WORDS = _words(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday spring summer autumn fall winter year month week day decade century era
    early late mid"""
)
"""Words that only say when (``June 1926``), as folded."""

PERSISTING_WORDS = _words("still keep kept continue continued always carry carried persist remain")
"""Words saying a thing went on (``he still wanted``): what makes an answer that mentions a
negative key point's words without its negation a claim of the opposite, not a mention."""

RECIPROCAL_VERBS = _words(
    """meet marry fight trade border negotiate ally agree disagree argue compete touch
    connect collide share bond react combine mix"""
)
"""Verbs whose subject and object may swap without changing the claim (``Britain fought
Germany``), as folded."""
