"""Who did what: the role each word of a phrasing plays around its verb, read the same way
in the answer's words that show it.

A word before an active verb is its agent, after it its patient; a passive verb (``was
criticised``, ``members massacred``) turns that round, and ``by`` marks the agent
(``criticised by Trotsky``); ``from`` and ``to`` mark where something came from and went.
An answer giving a phrasing word the other role (``the GMD urged the CCP to join`` for
``join the GMD``, ``credits to German banks`` for ``credits from German banks``) does not
show the phrasing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tutorbot.core.marking.actors import actor_before
from tutorbot.core.marking.normalise import LIGHT, NAME, NEGATOR, STOP, VERB, Token, tokenise
from tutorbot.core.marking.order import Pair, comparisons, possessions
from tutorbot.core.marking.verb_forms import BE_OR_GET, nominal, passive
from tutorbot.core.marking.wordlists import GIVING_VERBS, RECEIVING_VERBS

AGENT = "agent"
PATIENT = "patient"
SOURCE = "from"
GOAL = "to"
_CLASHES = frozenset({(AGENT, PATIENT), (PATIENT, AGENT), (SOURCE, GOAL), (GOAL, SOURCE)})
_MARKERS = {"by": AGENT, "from": SOURCE, "to": GOAL}
_PREPOSITIONS = frozenset(
    str.split("in on at with of for into about against over under between through during as")
)
_MARKED = frozenset(_MARKERS.values())
_OBJECT_PRONOUNS = frozenset(str.split("me us him her it them this that these those"))
_MARKER_REACH = 3
_ARTICLES = frozenset(str.split("a an the"))


@dataclass(frozen=True, slots=True)
class Roles:
    verb: int | None
    """Index (in the phrasing's words) of its verb, if it has one."""
    roles: tuple[tuple[int, str], ...]
    """(index in the phrasing's words, role) of the other words that have one."""
    bystanders: tuple[int, ...] = ()
    """Indices of its words that cannot be the one acting: those after its first verb, or
    all of them when it has none (``no pact with capitalist countries``)."""
    owned: tuple[Pair, ...] = ()
    """(owner, owned) of its possessives (``Lenin's wish``)."""
    compared: tuple[Pair, ...] = ()
    """(greater, lesser) of its comparison (``light travels faster than sound``)."""


Pick = tuple[int, float] | None


def phrasing_roles(text: str, tokens: list[Token], content: Sequence[Token]) -> Roles | None:
    """The roles of a phrasing's content words (``content``, in ``tokens``): around its
    verb if it has one (a past form not followed by its noun, ``supported the GMD`` but
    not ``a closed path``; or a base form opening it, ``join the GMD`` but not ``trust and
    cooperation``), and those marked by ``by``, ``from`` or ``to``."""
    if len(content) < 2:
        return None
    where = [tokens.index(t) for t in content]
    verb = None
    for k, token in enumerate(content):
        if not token.flags & VERB or token.flags & (LIGHT | NAME | NEGATOR):
            continue
        typed = text[token.start : token.end].casefold()
        after = tokens[where[k] + 1] if where[k] + 1 < len(tokens) else None
        adjective = after is not None and not after.flags & (STOP | NAME)  # a closed path
        opening = k == 0 and where[0] == 0 and typed == token.stem  # join the GMD
        listed = after is None or after.stem in ("and", "or") or after.clause != token.clause
        if (typed.endswith("ed") and not adjective) or (opening and not listed):
            verb = k
            break
    roles = []
    for k in range(len(content)):
        if k != verb:
            role = role_of(tokens, where[k], None if verb is None else where[verb], text)
            if role is not None:
                roles.append((k, role))
    first_verb = next((k for k, t in enumerate(content) if t.flags & VERB), -1)
    bystanders = tuple(k for k in range(len(content)) if k > first_verb)
    owned = possessions(text, tokens, content)
    compared = comparisons(tokens, content)
    if not (roles or bystanders or owned or compared):
        return None
    return Roles(verb, tuple(roles), bystanders, owned, compared)


def refuser_differs(roles: Roles, tokens: list[Token], picks: Sequence[Pick], negator: int) -> bool:
    """Whether the one the answer says refused (or failed, denied ...) is named by the
    phrasing's words that cannot act (``capitalist countries refused to make a pact with
    him`` for ``no pact with capitalist countries``)."""
    if tokens[negator].flags & STOP or tokens[negator].stem == "fail":
        return False  # ``not``, ``never``, ``failed to get``: no one in particular refuses
    if passive(tokens, negator):
        return False  # ``the plants were denied water``: refused, not refusing
    span = actor_before(tokens, negator)
    if span is None:
        return False
    return any((pick := picks[k]) is not None and pick[0] in span for k in roles.bystanders)


def roles_differ(roles: Roles, tokens: list[Token], picks: Sequence[Pick]) -> bool:
    """Whether the answer's words (``picks``, per phrasing word) play other roles."""
    verb_pick = None if roles.verb is None else picks[roles.verb]
    verb = None if verb_pick is None else verb_pick[0]
    for k, role in roles.roles:
        pick = picks[k]
        if pick is None or (verb is None and role not in _MARKED):
            continue
        if (role, role_of(tokens, pick[0], verb, None)) in _CLASHES:
            return True
    return False


def role_of(tokens: list[Token], word: int, verb: int | None, text: str | None) -> str | None:
    """The role of ``tokens[word]`` around the verb ``tokens[verb]``, or only as marked by
    a preposition when there is no verb (None: no role, e.g. another clause, or after
    another preposition)."""
    if verb is not None and (tokens[word].clause != tokens[verb].clause or word == verb):
        return None
    low = verb if verb is not None and word > verb else -1
    for i in range(word - 1, max(low, word - 1 - _MARKER_REACH), -1):
        token = tokens[i]
        if token.clause != tokens[word].clause:
            break
        if token.stem in _MARKERS:
            return _MARKERS[token.stem]
        if token.stem in _PREPOSITIONS:
            return None
        if token.flags & VERB and not token.flags & STOP:
            break
    if verb is None:
        return _transfer_role(tokens, word)
    passive = _passive(tokens, verb, text)
    if word < verb:
        return PATIENT if passive else AGENT
    return None if passive else PATIENT


def _transfer_role(tokens: list[Token], word: int) -> str | None:
    """Where something went or came from, as the subject of a verb of receiving
    (``Germany got loans``: to Germany) or giving (``German banks lent``: from them);
    the other way round after ``was`` (``Germany was given loans``); the first of two
    objects of a verb of giving is where it went (``gave Germany loans``)."""
    clause = tokens[word].clause
    before = word - 1
    while before >= 0 and tokens[before].stem in _ARTICLES and tokens[before].clause == clause:
        before -= 1
    if before >= 0 and tokens[before].clause == clause and tokens[before].flags & VERB:
        after = tokens[word + 1] if word + 1 < len(tokens) else None
        second = after is not None and after.clause == clause and not after.flags & STOP
        return GOAL if second and tokens[before].stem in GIVING_VERBS else None
    be = False
    for i in range(word + 1, min(len(tokens), word + 1 + _MARKER_REACH)):
        token = tokens[i]
        if token.clause != clause:
            return None
        if token.stem in RECEIVING_VERBS:
            return SOURCE if be else GOAL
        if token.stem in GIVING_VERBS:
            return GOAL if be else SOURCE
        if token.stem in BE_OR_GET:
            be = True
        elif token.flags & VERB and not token.flags & (STOP | NAME) and not nominal(token.stem):
            return None  # but ``German banks lent``
        elif token.stem in _PREPOSITIONS or token.stem in _MARKERS:
            return None
    return None


def _passive(tokens: list[Token], verb: int, text: str | None) -> bool:
    """``was criticised``, ``is only connected``, ``got crushed``; or a past form closing
    its clause (``CCP members massacred``) or followed by ``by``."""
    for i in range(verb - 1, max(-1, verb - 4), -1):
        if tokens[i].clause != tokens[verb].clause:
            break
        if tokens[i].stem in BE_OR_GET:
            return True
        if tokens[i].flags & VERB and not tokens[i].flags & STOP:
            break
    clause = tokens[verb].clause
    for i in range(verb + 1, len(tokens)):
        token = tokens[i]
        if token.clause != clause:
            break
        if token.stem == "by":
            return True
        if not token.flags & STOP or token.stem in _OBJECT_PRONOUNS:
            return False
    return text is None or text[tokens[verb].start : tokens[verb].end].casefold().endswith("ed")


@dataclass(frozen=True, slots=True)
class PointRoles:
    """Who does what in a key point's own text, for the words its phrasing leaves out
    (``Trotsky accused Stalin of betraying communism`` for ``betraying communism``)."""

    verb: str | None
    """None: the roles are only those ``from`` and ``to`` mark."""
    roles: tuple[tuple[str, str], ...]
    """(word, agent or patient) around ``verb``."""


def point_roles(point: str, phrasing_words: Sequence[str]) -> PointRoles | None:
    """The roles of the point's words around its verb that are not ``phrasing_words``."""
    tokens = tokenise(point)
    content = list({t.stem: t for t in reversed(tokens) if not t.flags & STOP}.values())[::-1]
    found = phrasing_roles(point, tokens, content)
    if found is None:
        return None
    if found.verb is None:  # only where things came from and went: credits from banks
        marked = tuple(
            (content[k].stem, role)
            for k, role in found.roles
            if role in (SOURCE, GOAL) and content[k].stem not in phrasing_words
        )
        return PointRoles(None, marked) if marked else None
    said = content[found.verb].stem in phrasing_words
    roles = tuple(  # with the verb in the phrasing, only its subject: what follows the verb
        (content[k].stem, role)  # may belong to a later verb (``urged the CCP to join the GMD``)
        for k, role in found.roles
        if role in ((AGENT,) if said else (AGENT, PATIENT))
        and content[k].stem not in phrasing_words
    )
    return PointRoles(content[found.verb].stem, roles) if roles else None


def point_roles_differ(roles: PointRoles, tokens: list[Token], shown: int) -> bool:
    """Whether, in the clause of the answer's word ``shown``, the point's verb has the
    point's words in the other roles (``Stalin accused Trotsky``)."""
    clause = tokens[shown].clause
    low = high = shown
    while low > 0 and tokens[low - 1].clause == clause:
        low -= 1
    while high + 1 < len(tokens) and tokens[high + 1].clause == clause:
        high += 1
    verb = next((i for i in range(low, high + 1) if tokens[i].stem == roles.verb), None)
    if verb is None and roles.verb is not None:
        return False
    for word, role in roles.roles:  # a word said twice needs one of its roles right
        said = {
            role_of(tokens, i, verb, None) for i in range(low, high + 1) if tokens[i].stem == word
        }
        if role not in said and any((role, other) in _CLASHES for other in said):
            return True
    return False
